/**
 * The DT Cloud tab for real: `serve --ui --dt-project` (built from this tree) against the fake
 * DT Cloud, events published from an emulated device with `dt emulate`, delivered by the fake
 * through the connector serve manages, and the inspector in headless Chromium showing it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { skipE2e, launch, screenshot, watchProblems } from './browser';
import { buildCli, buildDir, buildRenderer, removeDir } from './build';
import { serve, type Served } from './cli-process';
import { runCli } from '../core/helpers';
import { startFakeDtCloud, type FakeDtCloud } from '../fake-dt-cloud';

let dir: string;
let cli: string;
let fake: FakeDtCloud;
let served: Served;
let browser: Browser;
let page: Page;
let problems: string[];
const saved: Record<string, string | undefined> = {};

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});

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
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    problems = watchProblems(page);
    await page.goto(served.uiUrl);
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
    expect(await page.getByRole('status').first().textContent()).toMatch(/is ACTIVE and sends to http:\/\/127\.0\.0\.1:\d+\//);
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

  it('stopping serve disables the connector', async () => {
    await served.stop();
    expect(fake.connectorsOf('prj-dev').find((c) => c.type === 'HTTP_PUSH')!.status).toBe('USER_DISABLED');
  });
});
