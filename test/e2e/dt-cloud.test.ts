/**
 * The DT Cloud tab for real: `serve --ui --dt-project` (built from this tree) against the fake
 * DT Cloud, events published from an emulated device with `dt emulate`, delivered by the fake
 * through the connector serve manages, and the inspector in headless Chromium showing it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { skipE2e, screenshot, openInspector } from './browser';
import { buildCli, buildDir, buildRenderer, removeDir } from './build';
import { serve, type Served } from './cli-process';
import { runCli } from '../core/helpers';
import { startFakeDtCloud, type FakeDtCloud } from '../fake-dt-cloud';
import { freePort } from '../free-port';

let dir: string;
let cli: string;
let fake: FakeDtCloud;
let served: Served;
let browser: Browser;
let page: Page;
let problems: string[];
const saved: Record<string, string | undefined> = {};

describe.skipIf(skipE2e)('DT Cloud view e2e (real CLI, fake DT Cloud)', () => {
  beforeAll(async () => {
    dir = buildDir('dt');
    cli = join(dir, 'cli.js');
    await buildCli(cli);
    buildRenderer(join(dir, 'renderer'));
    fake = await startFakeDtCloud({ delivery: { backoffMs: 20 } });
    fake.addConnector('prj-dev', { name: 'queue1', displayName: 'Warehouse queue', type: 'GOOGLE_CLOUD_PUBSUB' });
    for (const [k, v] of Object.entries({ ...fake.env, XDG_CONFIG_HOME: join(dir, 'home') })) { saved[k] = process.env[k]; process.env[k] = v; }
    const port = await freePort();
    served = await serve(cli, ['--ui', '--ui-port', '0', '--no-open', '--port', String(port), '--data-dir', join(dir, 'data'), '-q',
      '--dt-project', 'prj-dev', '--public-url', `http://127.0.0.1:${port}/`]);
    ({ browser, page, problems } = await openInspector(served.uiUrl, { width: 1440, height: 900 }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    await fake?.close();
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    if (dir) removeDir(dir);
  });

  it('shows our connector ACTIVE at the inbox with DT\'s metrics, the other connector left alone', async () => {
    await expect.poll(() => served.output(), { timeout: 10_000 }).toMatch(/DT Cloud: data connector \S+ in project prj-dev is ACTIVE/);
    const emulate = await runCli(cli, ['dt', 'emulate', '--project', 'prj-dev', '--type', 'temperature', '--count', '3', '--interval', '0']);
    expect(emulate.code).toBe(0);
    await fake.idle();
    await page.getByRole('tab', { name: 'DT Cloud' }).click();
    const ours = page.locator('tr', { hasText: 'this inbox' });
    await ours.waitFor({ timeout: 10_000 });
    expect(await ours.textContent()).toContain(served.receiverUrl);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => ours.textContent(), { timeout: 10_000 }).toMatch(/3 ok · 0 errors · p99 \d+\.\d{3}s/);
    expect(await ours.textContent()).toContain('ACTIVE');
    expect(await page.locator('tr', { hasText: 'Warehouse queue' }).textContent()).toContain('not HTTP push: left alone');
    expect(await page.getByRole('status').filter({ hasText: 'is ACTIVE' }).first().textContent()).toMatch(/is ACTIVE and sends to http:\/\/127\.0\.0\.1:\d+\//);
    // the events themselves arrived in the inbox, verified
    await page.getByRole('tab', { name: 'Events' }).click();
    await expect.poll(() => page.locator('.count').textContent(), { timeout: 10_000 }).toBe('3 events');
    await page.getByRole('tab', { name: 'DT Cloud' }).click();
    await ours.waitFor();
    await screenshot(page, 'dt-cloud');
    const html = await page.content();
    expect(html).not.toContain(fake.account.secret);
    expect(html).not.toContain(fake.connectorsOf('prj-dev').find((c) => c.type === 'HTTP_PUSH')!.httpConfig!.signatureSecret!);
    expect(problems).toEqual([]);
  });

  it('the emulator panel publishes from the view and shows each event\'s published → received latency', async () => {
    await page.getByRole('tab', { name: 'DT Cloud' }).click();
    await page.getByRole('combobox', { name: 'Emulated device kind' }).selectOption('co2');
    await page.getByRole('combobox', { name: 'Emulated event type' }).selectOption('co2');
    await page.getByLabel('How many events').fill('3');
    await page.getByRole('button', { name: 'Publish' }).click();
    const rows = page.locator('.dt-latency tbody tr');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
    await expect.poll(async () => (await rows.allTextContents()).filter((t) => /\d+ ms$|\d+\.\d s$/.test(t.trim())).length, { timeout: 15_000 }).toBe(3);
    const ids = await page.locator('.dt-latency tbody tr td:nth-child(4)').allTextContents();
    expect(new Set(ids).size).toBe(3);
    expect(await page.getByText(/3 × co2 from emulated co2 device emu/).count()).toBe(1);
    // the arrived types are marked in the filter editor
    expect(await page.locator('.dt-type[data-type="co2"]').textContent()).toMatch(/arrived · 3 in 3 h/);
    await page.locator('.dt-emulator').scrollIntoViewIfNeeded();
    await screenshot(page, 'dt-cloud-emulator');
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{20}$/); // DT event ids of the arrivals (the core test checks they are the stored ones)
    await page.getByRole('tab', { name: 'Events' }).click();
    await expect.poll(() => page.locator('.count').textContent(), { timeout: 10_000 }).toBe('6 events');
    expect(problems).toEqual([]);
  });

  it('the filter editor, Disable and a one-click re-enable of a SYSTEM_DISABLED connector act on DT', async () => {
    await page.getByRole('tab', { name: 'DT Cloud' }).click();
    const ours = () => fake.connectorsOf('prj-dev').find((c) => c.type === 'HTTP_PUSH')!;
    await page.locator('.dt-type[data-type="temperature"] input').check();
    await page.getByRole('button', { name: 'Save filter' }).click();
    await page.getByText('Event filter saved in DT Cloud.').waitFor({ timeout: 10_000 });
    expect(ours().events).toEqual(['temperature']);
    await page.getByRole('button', { name: 'All types' }).click();
    await page.getByRole('button', { name: 'Save filter' }).click();
    await expect.poll(() => ours().events, { timeout: 10_000 }).toEqual([]);

    const row = page.locator('tr', { hasText: 'this inbox' });
    await row.getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => ours().status, { timeout: 10_000 }).toBe('USER_DISABLED');
    await row.getByRole('button', { name: 'Enable' }).waitFor({ timeout: 10_000 });

    ours().status = 'SYSTEM_DISABLED'; // what DT does after prolonged failed deliveries
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('button', { name: 'Re-enable' }).waitFor({ timeout: 10_000 });
    expect(await page.getByRole('alert').first().textContent()).toMatch(/SYSTEM_DISABLED by DT/);
    await screenshot(page, 'dt-cloud-system-disabled');
    await expect.poll(() => served.output(), { timeout: 10_000 }).toMatch(/WARNING: DT set data connector \S+ SYSTEM_DISABLED/);
    await page.getByRole('button', { name: 'Re-enable' }).click();
    await expect.poll(() => ours().status, { timeout: 10_000 }).toBe('ACTIVE');
    await expect.poll(() => page.getByRole('button', { name: 'Re-enable' }).count(), { timeout: 10_000 }).toBe(0);
    expect(ours().httpConfig!.url).toBe(served.receiverUrl);
    const html = await page.content();
    expect(html).not.toContain(fake.account.secret);
    expect(html).not.toContain(ours().httpConfig!.signatureSecret!);
    expect(served.output()).not.toContain(fake.account.secret);
    // Setup shows the same DT part: the account (from the environment here) and the project choice
    await page.getByRole('tab', { name: 'Setup' }).click();
    const setup = page.locator('.dt-setup');
    await setup.getByText(/Signed in as .* from DT_SERVICE_ACCOUNT_\*/).waitFor({ timeout: 10_000 });
    await setup.scrollIntoViewIfNeeded();
    await screenshot(page, 'dt-setup');
    expect(await setup.textContent()).toMatch(/is ACTIVE and sends to/);
    expect(problems).toEqual([]);
  });

  it('stopping serve disables the connector', async () => {
    await served.stop();
    expect(fake.connectorsOf('prj-dev').find((c) => c.type === 'HTTP_PUSH')!.status).toBe('USER_DISABLED');
  });
});
