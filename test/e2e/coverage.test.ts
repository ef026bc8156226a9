/**
 * Coverage, Fill gap and event sources in real headless Chromium, served by the real UI server
 * over the in-memory fake api: the day's strip with an open gap, a fill read from "DT's
 * history" with its progress, the filled event's source and built body, and the stream live
 * in the header. Screenshots go to test-results/screenshots/coverage-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startUiServer, type UiServer } from '../../electron/core/ui-server';
import { FakeInboxApi } from '../renderer/fake-api';
import { makeBody } from '../renderer/fake-events';
import { coverageWithGap } from '../renderer/fake-coverage';
import { skipE2e, screenshot, openInspector } from './browser';
import { buildDir, buildRenderer, removeDir } from './build';

const TOKEN = 'e2e-token-coverage-abcdefgh';
const HOUR = 3_600_000;
const iso9 = (ms: number) => new Date(ms).toISOString().replace('Z', '000Z');
let dir: string;
let api: FakeInboxApi;
let server: UiServer;
let browser: Browser;
let page: Page;
let problems: string[];

const parts = async () => Promise.all((await page.locator('.coverage-part').all()).map((p) => p.getAttribute('data-kind')));

describe.skipIf(skipE2e)('coverage and sources e2e (fake api)', () => {
  beforeAll(async () => {
    dir = buildDir('coverage');
    buildRenderer(join(dir, 'renderer'));
    api = new FakeInboxApi();
    const now = Date.now();
    api.coverage = coverageWithGap(now);
    const gap = api.coverage.backfill.gaps[0]!;
    for (let i = 10; i > 0; i--) {
      api.deliver(makeBody({ eventId: `live${i}`, deviceId: 'emufridge0000000000003', labels: { name: 'Fridge 3' }, value: 4 + i / 10, timestamp: iso9(now - i * 60_000) }), { receivedAt: new Date(now - i * 60_000 + 300).toISOString() });
    }
    // what DT's history "holds" for the gap: three devices, one event already stored
    api.fill.bodies = [
      makeBody({ eventId: 'hist-fridge', deviceId: 'emufridge0000000000003', labels: { name: 'Fridge 3' }, value: 5.1, timestamp: iso9(gap.from + 2 * HOUR) }),
      makeBody({ eventId: 'hist-door', eventType: 'contact', deviceId: 'emudoor00000000000009', labels: { name: 'Back door' }, value: 'OPEN', timestamp: iso9(gap.from + 5 * HOUR) }),
      makeBody({ eventId: 'hist-co2', eventType: 'co2', deviceId: 'emuco2000000000000007', labels: { name: 'Meeting room CO₂' }, value: 910, timestamp: iso9(gap.from + 9 * HOUR) }),
      makeBody({ eventId: 'live1', deviceId: 'emufridge0000000000003', labels: { name: 'Fridge 3' }, timestamp: iso9(gap.from + 3 * HOUR) }),
    ];
    api.fill.stepMs = 700; // slow enough to see the progress
    api.status = { ...api.status, secretsConfigured: 1, authtokenConfigured: true, tunnel: { state: 'online', url: 'https://inbox-demo.ngrok.app' } };
    server = await startUiServer({ api, port: 0, token: TOKEN, staticDir: join(dir, 'renderer'), exportStream: async () => ({ count: 0 }) });
    ({ browser, page, problems } = await openInspector(server.url, { width: 1440, height: 900 }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) removeDir(dir);
  });

  it('shows the day with its open gap, in colour and in words', async () => {
    await page.getByRole('tab', { name: 'Overview' }).click();
    const gaps = page.getByRole('list', { name: 'Open gaps' });
    await gaps.waitFor({ timeout: 10_000 });
    expect(await gaps.textContent()).toMatch(/^Open gap \d\d:\d\d–\d\d:\d\d, 14 h 39 min$/);
    expect(await parts()).toEqual(['before', 'received', 'gap', 'received']);
    const box = await page.locator('.coverage-part[data-kind="gap"]').boundingBox();
    const strip = await page.locator('.coverage-strip').boundingBox();
    expect(box!.width / strip!.width).toBeCloseTo(879 / 1440, 2); // 14 h 39 min of 24 h
    expect(await page.locator('.coverage-tick.labelled').count()).toBe(8);
    await screenshot(page, 'coverage-gap');
  });

  it('fills the gap: progress, then the gap filled and the sentence', async () => {
    await page.getByRole('button', { name: 'Fill gap' }).click();
    const progress = page.locator('.fill-progress');
    await expect.poll(() => progress.textContent(), { timeout: 5000 }).toMatch(/^Filling \d\d:\d\d–\d\d:\d\d: [1-3] of 3 devices, \d events fetched, \d new$/);
    expect(await page.getByRole('status', { name: 'Sources' }).textContent()).toContain('History filling');
    await screenshot(page, 'coverage-filling');
    const sentence = page.getByText(/^Filled 3 events missed while the inbox was closed or offline, \d\d:\d\d–\d\d:\d\d \(1 already stored\)$/);
    await sentence.waitFor({ timeout: 10_000 });
    await expect.poll(parts, { timeout: 5000 }).toEqual(['before', 'received', 'filled', 'received']);
    expect(await page.getByRole('list', { name: 'Open gaps' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Fill gap' }).isDisabled()).toBe(true);
    await screenshot(page, 'coverage-filled');
  });

  it('opens a filled event: its source in words and its body marked as built by the inbox', async () => {
    await page.getByRole('tab', { name: 'Events' }).click();
    const row = page.locator('[data-event-id="hist-door"]');
    await row.waitFor({ timeout: 5000 });
    expect(await row.locator('.source-tag').textContent()).toBe('history');
    await row.click();
    const detail = page.getByLabel('Event detail');
    await expect.poll(() => detail.textContent(), { timeout: 5000 }).toContain('DT event history (backfill)');
    expect(await detail.getByRole('note').textContent()).toBe('Built by the inbox from DT\'s event, not received as bytes');
    expect(await detail.textContent()).toContain('Fetched from DT with the service account');
    expect(await detail.textContent()).not.toContain('Not verified');
    await screenshot(page, 'coverage-event-history');
  });

  it('shows a receiving stream as live in the header', async () => {
    api.status = { ...api.status, sources: [...api.status.sources, { kind: 'stream', state: 'receiving', detail: 'connected to DT\'s event stream (3 events this run)', project: 'prj-dev' }] };
    api.push({ type: 'status', status: api.statusNow() });
    const line = page.getByRole('status', { name: 'Sources' });
    await expect.poll(() => line.textContent(), { timeout: 5000 }).toBe('Connector receiving · History idle · Stream live');
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByRole('region', { name: 'Sources' }).waitFor();
    await screenshot(page, 'coverage-sources');
  });

  it('lists the fill in the DT Cloud view, and offers the event stream in the desktop app\'s Setup', async () => {
    api.dtCloud = { configured: true, project: 'prj-dev', follower: { state: 'active', connectorId: 'dc1', url: 'https://inbox-demo.ngrok.app/', systemDisabled: false }, connectors: [] };
    await page.getByRole('tab', { name: 'DT Cloud' }).click();
    const fills = page.getByRole('region', { name: 'Fills from DT\'s history' });
    await fills.waitFor({ timeout: 5000 });
    expect(await fills.locator('tbody tr').first().locator('td').allTextContents()).toEqual([expect.stringMatching(/^\d\d:\d\d$/), expect.stringMatching(/^\d\d:\d\d–\d\d:\d\d$/), 'Fill gap', '3', '4', '3', '1']);
    await fills.scrollIntoViewIfNeeded();
    await screenshot(page, 'coverage-dt-cloud-fills');
    api.status = { ...api.status, mode: 'desktop', receiveMode: { mode: 'connector', canChoose: true } };
    api.push({ type: 'status', status: api.statusNow() });
    await page.getByRole('tab', { name: 'Setup' }).click();
    const modes = page.getByRole('group', { name: 'How events arrive' });
    await modes.waitFor({ timeout: 5000 });
    await modes.getByLabel(/^DT event stream/).click(); // checked once the app has switched (a status push), not at once
    await expect.poll(() => modes.getByLabel(/^DT event stream/).isChecked(), { timeout: 5000 }).toBe(true);
    await expect.poll(() => page.getByRole('status', { name: 'Sources' }).textContent()).toBe('Connector off · History idle · Stream live');
    await screenshot(page, 'coverage-setup-receive-mode');
  });

  it('looks right in dark mode too, without console errors', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'coverage-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    // a laptop's width: the header's sources give way (ellipsis) before the tabs do
    await page.setViewportSize({ width: 1180, height: 800 });
    await page.getByRole('tab', { name: 'Overview' }).click();
    await screenshot(page, 'coverage-narrow');
    const tabs = await page.getByRole('tablist').boundingBox();
    expect(tabs!.x + tabs!.width).toBeLessThanOrEqual(1180);
    expect(problems).toEqual([]);
  });
});
