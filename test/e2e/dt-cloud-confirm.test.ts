/**
 * Issue 20 #2, "DT Cloud acts without asking", for real: `serve --ui --dt-project` (built from
 * this tree) against the fake DT Cloud, with a second HTTP push connector that is not the
 * inbox's, and the inspector in headless Chromium at 900 px wide. An action on that connector is
 * asked first and Cancel sends DT nothing; ours is not asked; Publish is off with the reason
 * while ours is disabled; an emulated event that never arrives says why after 30 s (the page's
 * clock is Playwright's, moved on 31 s; the service's is real).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openInspector, screenshot, skipE2e, watchProblems } from './browser';
import { buildCli, buildDir, buildRenderer, removeDir } from './build';
import { serve, type Served } from './cli-process';
import { startFakeDtCloud, type FakeDtCloud } from '../fake-dt-cloud';
import { freePort } from '../free-port';

const VIEWPORT = { width: 900, height: 800 };
let dir: string;
let fake: FakeDtCloud;
let served: Served;
let browser: Browser;
let page: Page;
let problems: string[];
let partnerUrl: string;
const saved: Record<string, string | undefined> = {};

const ours = () => fake.connectorsOf('prj-dev').find((c) => c.displayName !== 'Partner webhook' && c.type === 'HTTP_PUSH')!;
const partner = () => fake.connectors.get('projects/prj-dev/dataconnectors/partner')!;
const changesOf = (id: string) => fake.requests.filter((r) => r.method !== 'GET' && r.path.startsWith(`/api/v2/projects/prj-dev/dataconnectors/${id}`));

/** what of the open dialog a tester at this width cannot reach or read, as sentences; [] when it fits */
async function dialogProblems(p: Page): Promise<string[]> {
  // runs in the page (a string: this file is typed for Node, without the DOM's types)
  return p.evaluate(`(() => {
    const out = [];
    const d = document.querySelector('[role="dialog"]');
    if (!d) return ['no dialog is open'];
    const r = d.getBoundingClientRect();
    if (r.left < 0 || r.right > window.innerWidth + 1) out.push('the dialog spans ' + Math.round(r.left) + '..' + Math.round(r.right) + ' px of ' + window.innerWidth);
    if (r.bottom > window.innerHeight + 1) out.push('the dialog ends at ' + Math.round(r.bottom) + ' px, below the window');
    if (d.scrollWidth > d.clientWidth + 1) out.push('the dialog scrolls sideways');
    for (const b of d.querySelectorAll('button')) {
      const br = b.getBoundingClientRect();
      if (br.left < r.left - 1 || br.right > r.right + 1 || br.bottom > r.bottom + 1) out.push('button "' + b.textContent.trim() + '" is cut off');
    }
    const doc = document.scrollingElement;
    if (doc.scrollWidth > doc.clientWidth + 1) out.push('the page scrolls sideways');
    return out;
  })()`);
}

describe.skipIf(skipE2e)('DT Cloud view asks before touching a connector not ours (real CLI, fake DT Cloud)', () => {
  beforeAll(async () => {
    dir = buildDir('dt-confirm');
    const cli = join(dir, 'cli.js');
    await buildCli(cli);
    buildRenderer(join(dir, 'renderer'));
    fake = await startFakeDtCloud({ delivery: { backoffMs: 20, maxAttempts: 2 } });
    // someone else's webhook in the same project (nothing listens there: its deliveries just fail)
    partnerUrl = `http://127.0.0.1:${await freePort()}/partner-hook`;
    fake.addConnector('prj-dev', { name: 'partner', displayName: 'Partner webhook', type: 'HTTP_PUSH', status: 'ACTIVE', httpConfig: { url: partnerUrl, signatureSecret: 'partner-secret' } });
    for (const [k, v] of Object.entries({ ...fake.env, XDG_CONFIG_HOME: join(dir, 'home') })) { saved[k] = process.env[k]; process.env[k] = v; }
    const port = await freePort();
    served = await serve(cli, ['--ui', '--ui-port', '0', '--no-open', '--port', String(port), '--data-dir', join(dir, 'data'), '-q',
      '--dt-project', 'prj-dev', '--public-url', `http://127.0.0.1:${port}/`]);
    ({ browser, page, problems } = await openInspector(served.uiUrl, VIEWPORT));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    await fake?.close();
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    if (dir) removeDir(dir);
  });

  it('Disable on a connector not ours shows a dialog naming it and its URL; Cancel leaves it ACTIVE at DT; confirming disables it', async () => {
    await expect.poll(() => served.output(), { timeout: 10_000 }).toMatch(/DT Cloud: data connector \S+ in project prj-dev is ACTIVE/);
    await page.getByRole('tab', { name: 'DT Cloud' }).click();
    await page.locator('tr', { hasText: 'this inbox' }).waitFor({ timeout: 10_000 });
    const row = page.locator('tr[data-connector-id="partner"]');
    await row.waitFor({ timeout: 10_000 });
    await row.getByRole('button', { name: 'Disable' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disable Partner webhook?' });
    await dialog.waitFor({ timeout: 5_000 });
    const text = await dialog.textContent();
    expect(await dialog.locator('dd').allTextContents()).toEqual(['Partner webhook partner', partnerUrl, 'ACTIVE']);
    expect(text).toMatch(/not this inbox's/);
    expect(text).toMatch(/DT stops delivering this project's events to its URL/);
    expect(await dialogProblems(page)).toEqual([]);
    await screenshot(page, 'dt-confirm-900');

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 5_000 });
    // Cancel calls nothing: a click on Refresh afterwards goes through, and still no change reached DT
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.waitForTimeout(1_000);
    expect(changesOf('partner')).toEqual([]);
    expect(partner().status).toBe('ACTIVE');
    expect(await row.textContent()).toContain('ACTIVE');

    await row.getByRole('button', { name: 'Disable' }).click();
    await dialog.getByRole('button', { name: 'Disable it' }).click();
    await expect.poll(() => partner().status, { timeout: 10_000 }).toBe('USER_DISABLED');
    expect(changesOf('partner').map((r) => [r.method, r.body])).toEqual([['PATCH', { status: 'USER_DISABLED' }]]);
    await row.getByRole('button', { name: 'Enable' }).waitFor({ timeout: 10_000 });
    expect(ours().status).toBe('ACTIVE');
    expect(problems).toEqual([]);
  });

  it('our own connector needs no dialog; Publish is off with the reason while ours is disabled and on again when it is ACTIVE', async () => {
    const row = page.locator('tr', { hasText: 'this inbox' });
    const publish = page.getByRole('button', { name: 'Publish' });
    expect(await publish.isEnabled()).toBe(true);
    await row.getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => ours().status, { timeout: 10_000 }).toBe('USER_DISABLED');
    expect(await page.getByRole('dialog').count()).toBe(0);

    const reason = 'Our connector is not ACTIVE (USER_DISABLED): enable it, or the events go nowhere';
    await page.locator('.dt-publish-blocked', { hasText: reason }).waitFor({ timeout: 10_000 });
    expect(await publish.isDisabled()).toBe(true);
    expect(await publish.getAttribute('title')).toBe(reason);
    await page.locator('.dt-emulator').scrollIntoViewIfNeeded();
    await screenshot(page, 'dt-publish-blocked-900');

    await row.getByRole('button', { name: 'Enable' }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => ours().status, { timeout: 10_000 }).toBe('ACTIVE');
    await expect.poll(() => publish.isEnabled(), { timeout: 10_000 }).toBe(true);
    expect(await page.locator('.dt-publish-blocked').count()).toBe(0);
    expect(await publish.getAttribute('title')).toBeNull();
    expect(problems).toEqual([]);
  });

  it('an emulated event that never arrives says, after 30 s, why it may not have (here: our connector\'s event filter)', async () => {
    // a page of its own whose clock Playwright holds; the first page keeps the real one
    const late = await browser.newPage({ viewport: VIEWPORT });
    const lateProblems = watchProblems(late);
    try {
      await late.clock.install();
      await late.goto(served.uiUrl);
      await late.getByRole('tab', { name: 'DT Cloud' }).click();
      const row = late.locator('tr', { hasText: 'this inbox' });
      await row.waitFor({ timeout: 10_000 });
      ours().events = ['temperature']; // changed at DT by someone else
      await late.getByRole('button', { name: 'Refresh' }).click();
      await expect.poll(() => row.locator('td').nth(3).locator('div').first().textContent(), { timeout: 10_000 }).toBe('events: temperature');

      await late.getByRole('combobox', { name: 'Emulated device kind' }).selectOption('co2');
      await late.getByRole('combobox', { name: 'Emulated event type' }).selectOption('co2');
      await late.getByLabel('How many events').fill('1');
      await late.getByRole('button', { name: 'Publish' }).click();
      const published = late.locator('.dt-latency tbody tr');
      await expect.poll(() => published.count(), { timeout: 10_000 }).toBe(1);
      expect(await published.first().textContent()).toMatch(/waiting…$/);
      expect(await late.locator('.dt-late').count()).toBe(0);
      await fake.idle();
      expect(fake.attempts.filter((a) => a.connector === ours().name && a.eventType === 'co2')).toEqual([]);

      await late.clock.fastForward(31_000);
      await expect.poll(() => published.first().textContent(), { timeout: 10_000 }).toMatch(/not here after 30 s$/);
      const why = late.locator('.dt-late');
      expect(await why.textContent()).toMatch(/^1 of 1 not received 30 s after publishing/);
      const reasons = await why.locator('li').allTextContents();
      expect(reasons).toContain('Our connector\'s event filter sends temperature only, not co2.');
      expect(reasons.at(-1)).toMatch(/listed under Rejected deliveries/);
      expect(reasons.some((r) => /not ACTIVE/.test(r))).toBe(false);
      await late.locator('.dt-emulator').scrollIntoViewIfNeeded();
      await screenshot(late, 'dt-emulator-late-900');
      expect(lateProblems).toEqual([]);
    } finally {
      await late.close();
    }
  });
});
