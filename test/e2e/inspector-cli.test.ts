/**
 * The real thing: `connector-inbox serve --ui` (built from this tree), events delivered by
 * `connector-inbox send` and by hand-signed POSTs, the inspector driven in headless Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { skipE2e, screenshot } from './browser';
import { postSigned, send, type Served } from './cli-process';
import { closeInspector, serveInspector, type ServedInspector } from './served-inspector';
import { makeBody } from '../renderer/fake-events';

const SECRET = 'e2e-connector-secret';
const XSS = '<img src=x onerror=alert(document.domain)>';
let run: ServedInspector | undefined;
let cli: string;
let served: Served;
let page: Page;
let problems: string[];
let hostile: ReturnType<typeof makeBody>;

const rows = () => page.locator('[data-event-id]');
const countLine = () => page.locator('.count');

describe.skipIf(skipE2e)('inspector e2e (real CLI)', () => {
  beforeAll(async () => {
    run = await serveInspector('cli', { secret: SECRET, viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    ({ cli, served, page, problems } = run);
  }, 120_000);

  afterAll(() => closeInspector(run));

  it('starts empty and tells the user where to send events', async () => {
    await page.getByRole('heading', { name: 'No events yet' }).waitFor({ timeout: 10_000 });
    // The empty state says "the receiver URL" until the first status answer arrives; the real URL follows.
    await expect.poll(() => page.locator('.empty').textContent(), { timeout: 5000 }).toContain(served.receiverUrl);
    await screenshot(page, 'events-empty');
  });

  it('shows events sent by connector-inbox send live, verified, duplicates counted', async () => {
    const summary = await send(cli, ['--to', served.receiverUrl, '--secret', SECRET, '--count', '40', '--duplicates', '0.3', '--seed', '11', '--types', 'temperature,touch,humidity,co2,contact']);
    expect(summary.acked).toBe(40);
    await expect.poll(() => countLine().textContent(), { timeout: 10_000 }).toBe('40 events');
    expect(await rows().count()).toBeGreaterThan(10);
    await page.getByText('Duplicates', { exact: true }).click();
    await expect.poll(() => rows().count(), { timeout: 5000 }).toBe(Number(summary.duplicatesSent));
    expect(await rows().first().textContent()).toContain('×2');
    await rows().first().click();
    const detail = page.getByLabel('Event detail');
    await expect.poll(() => detail.textContent(), { timeout: 5000 }).toContain('Signature valid');
    expect(await detail.textContent()).toContain('Deliveries (2)');
    await page.getByText('Duplicates', { exact: true }).click();
    await page.keyboard.press('Escape');
  });

  it('narrows by type', async () => {
    await page.getByText('Types', { exact: false }).first().click();
    await page.getByRole('group', { name: 'Event types' }).getByLabel('touch').check();
    await page.keyboard.press('Escape');
    expect(await page.locator('details[open]').count()).toBe(0); // the dropdown closes like a menu
    await expect.poll(() => countLine().textContent(), { timeout: 5000 }).toMatch(/^\d+ of 40 events$/);
    const types = await page.locator('[data-event-id] .type-name').allTextContents();
    expect(new Set(types)).toEqual(new Set(['touch']));
    await page.getByRole('button', { name: /Clear \d filter/ }).click();
    await expect.poll(() => countLine().textContent()).toBe('40 events');
  });

  it('renders a hostile label from a signed delivery as text', async () => {
    hostile = makeBody({ eventId: 'e2exsslabel000000001', eventType: 'touch', deviceId: 'emuxss00000000000001', labels: { name: XSS } });
    expect(await postSigned(served.receiverUrl, hostile, SECRET)).toBe(200);
    const row = page.locator('[data-event-id="e2exsslabel000000001"]');
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain(XSS);
    expect(await page.locator('img').count()).toBe(0);
    expect(problems.filter((p) => p.startsWith('dialog'))).toEqual([]);
  });

  it('shows the body exactly as received (Raw) and the signature token decoded, its checksum against the body\'s', async () => {
    // the hostile-label event above, posted as JSON.stringify(hostile)
    await page.locator('[data-event-id="e2exsslabel000000001"]').click({ timeout: 10_000 });
    const detail = page.getByLabel('Event detail');
    await detail.getByRole('button', { name: 'Raw' }).click();
    expect(await detail.getByLabel('Raw body').textContent()).toBe(JSON.stringify(hostile));
    await detail.getByText(/Token decoded · expires in/).click();
    await expect.poll(() => detail.getByLabel('Signature token').textContent(), { timeout: 5000 }).toContain('matches the stored body');
    expect(await detail.getByRole('button', { name: 'Copy as curl' }).count()).toBe(1);
    await screenshot(page, 'cli-detail-raw-token');
    await page.keyboard.press('Escape');
  });

  it('lists rejected deliveries with the reason', async () => {
    const res = await fetch(served.receiverUrl, { method: 'POST', body: JSON.stringify(makeBody({ labels: { name: XSS } })), headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    await page.getByRole('tab', { name: 'Rejected deliveries' }).click();
    await page.locator('.badge.reason', { hasText: 'missing_signature' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('img').count()).toBe(0);
    await screenshot(page, 'cli-rejected');
  });

  it('groups DT\'s retries of one refused event into one row with a count, filters by reason, shows the headers', async () => {
    // the same event signed with the wrong secret three times (DT retries it), and one unsigned broken body
    const body = makeBody({ eventId: 'e2erejectedretry0001', eventType: 'touch' });
    for (let i = 0; i < 3; i++) expect(await postSigned(served.receiverUrl, body, 'not-the-secret')).toBe(401);
    expect((await fetch(served.receiverUrl, { method: 'POST', body: '{"event":', headers: { 'Content-Type': 'application/json' } })).status).toBeGreaterThanOrEqual(400);
    const rowsOf = () => page.locator('table.rejected tbody tr');
    await expect.poll(() => rowsOf().count(), { timeout: 10_000 }).toBe(3);
    const retried = rowsOf().filter({ hasText: 'e2erejectedretry0001' });
    expect(await retried.locator('.badge', { hasText: '×3' }).count()).toBe(1);
    await page.getByLabel('Reason').selectOption('invalid_signature');
    await expect.poll(() => rowsOf().count()).toBe(1);
    await retried.getByText(/Request headers/).click();
    expect(await retried.locator('dl.headers').textContent()).toContain('x-dt-signature');
    await screenshot(page, 'cli-rejected-grouped');
    await page.getByLabel('Reason').selectOption('');
  });

  it('devices view lists the simulated fleet and opens a device’s events', async () => {
    await page.getByRole('tab', { name: 'Devices' }).click();
    const first = page.locator('.device-link').first();
    await first.waitFor({ timeout: 10_000 });
    await first.click();
    await expect.poll(() => countLine().textContent(), { timeout: 5000 }).toMatch(/^\d+ of 41 events$/);
    await page.getByRole('button', { name: /Clear \d filter/ }).click();
    await screenshot(page, 'cli-events');
  });

  it('exports through a browser download', async () => {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.getByRole('button', { name: 'Export all' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^connector-inbox-export-.*\.json$/);
    const text = readFileSync((await download.path())!, 'utf8');
    const data = JSON.parse(text);
    expect(JSON.stringify(data)).toContain('e2exsslabel000000001');
    await expect.poll(() => page.locator('.export-status').textContent()).toMatch(/Download started \(41 events\)/);
  });

  it('charts a temperature device from the real series', async () => {
    await page.getByRole('tab', { name: 'Charts' }).click();
    const select = page.getByLabel('Device');
    await select.waitFor({ timeout: 10_000 });
    const value = await select.locator('option', { hasText: 'Freezer' }).first().getAttribute('value');
    await select.selectOption(value!);
    await page.locator('.chart canvas').first().waitFor({ timeout: 10_000 });
    expect(await page.locator('.charts h3').first().textContent()).toMatch(/points/);
    await screenshot(page, 'cli-charts');
  });

  it('overview and setup reflect the real service', async () => {
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByText('Events per minute').waitFor();
    await screenshot(page, 'cli-overview');
    await page.getByRole('tab', { name: 'Setup' }).click();
    await page.getByText('1 secret configured').waitFor({ timeout: 5000 });
    expect(await page.getByText(served.receiverUrl).count()).toBeGreaterThan(0);
    await screenshot(page, 'cli-setup');
  });

  it('refuses API requests without the token', async () => {
    const port = new URL(served.uiUrl).port;
    const r = await fetch(`http://127.0.0.1:${port}/api/getStats`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '[]' });
    expect(r.status).toBe(401);
    const foreign = await fetch(`http://127.0.0.1:${port}/api/getStats?token=x`, { method: 'POST', headers: { Origin: 'http://evil.example' }, body: '[]' });
    expect(foreign.status).toBe(403);
    expect(problems.filter((p) => !p.includes('status of 4'))).toEqual([]);
  });
});
