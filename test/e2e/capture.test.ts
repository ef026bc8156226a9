/**
 * `connector-inbox open FILE.json` in headless Chromium, beside a live `serve --ui`: the banner
 * names the capture, Events lists its events, the tabs and controls that would change the
 * inbox are not there (the banner says why), Replay from the Events view delivers the capture's
 * events to a receiver on 127.0.0.1, and an export from before out-of-order flags opens with
 * them shown as unknown.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, screenshot, skipE2e, watchProblems } from './browser';
import { buildCli, buildDir, buildRenderer, removeDir } from './build';
import { openCapture, send, serve, type OpenedCapture, type Served } from './cli-process';
import { execFileSync } from 'node:child_process';

const SECRET = 'e2e-capture-secret';
let dir = '';
let cli = '';
let live: Served;
let capture: OpenedCapture;
let browser: Browser;
let target: Server;
let targetUrl = '';
const got: string[] = [];
let exportFile = '';

async function pageAt(url: URL): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const problems = watchProblems(page);
  await page.goto(url.toString());
  return { page, problems };
}

describe.skipIf(skipE2e)('open a capture (real CLI, Chromium)', () => {
  beforeAll(async () => {
    dir = buildDir('capture');
    cli = join(dir, 'cli.js');
    await buildCli(cli);
    buildRenderer(join(dir, 'renderer'));
    target = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        got.push(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/mine`;
    live = await serve(cli, ['--ui', '--ui-port', '0', '--no-open', '--port', '0', '--data-dir', join(dir, 'data'), '--secret', SECRET, '-q']);
    const sent = await send(cli, ['--to', live.receiverUrl, '--secret', SECRET, '--count', '30', '--duplicates', '0.2', '--reorder', '0.2', '--seed', '5']);
    expect(sent.acked).toBe(30);
    exportFile = join(dir, 'capture-30.json');
    execFileSync(process.execPath, [cli, 'export', '--data-dir', join(dir, 'data'), '--out', exportFile], { stdio: 'pipe', timeout: 20_000 });
    capture = await openCapture(cli, exportFile, { TMPDIR: dir });
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await capture?.stop();
    await live?.stop();
    await new Promise<void>((r) => (target ? target.close(() => r()) : r()));
    if (dir) removeDir(dir);
  });

  it('names the file in a banner, lists its events, offers nothing that would change the inbox, and replays to a local receiver', async () => {
    const { page, problems } = await pageAt(capture.url);
    const banner = page.getByRole('region', { name: 'Capture' });
    await banner.getByText('Read-only capture: capture-30.json').waitFor({ timeout: 10_000 });
    expect(await banner.textContent()).toContain('30 events, exported ');
    expect(await banner.textContent()).toContain('no receiver, tunnel, forwarding or DT Cloud');
    await expect.poll(() => page.locator('.count').textContent(), { timeout: 10_000 }).toBe('30 events');
    const ids = (JSON.parse(readFileSync(exportFile, 'utf8')) as { events: Array<{ eventId: string }> }).events.map((e) => e.eventId);
    // the rows on screen (the list is windowed) are the capture's events
    const shown = await Promise.all((await page.locator('[data-event-id]').all()).map((row) => row.getAttribute('data-event-id')));
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.filter((id) => !ids.includes(id!))).toEqual([]);

    // what cannot work in a capture is not offered: no Setup (tunnel, secrets, forwarding), no DT Cloud, no rejected log
    const tabs = await page.getByRole('tab').allTextContents();
    expect(tabs).toEqual(['Events', 'Devices', 'Charts', 'Overview']);
    expect(await page.getByRole('button', { name: /Start tunnel|Send test events/ }).count()).toBe(0);
    await screenshot(page, 'capture-events');

    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.locator('.cards').waitFor();
    expect(await page.getByRole('region', { name: 'Coverage' }).count()).toBe(0);
    await page.getByRole('tab', { name: 'Events' }).click();

    await page.getByRole('button', { name: 'Replay all…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Replay events' });
    await dialog.getByText('all 30 events matching the current filter').waitFor();
    await dialog.getByLabel('Replay to URL').fill(targetUrl);
    await dialog.getByRole('button', { name: 'Start replay' }).click();
    await dialog.getByRole('region', { name: 'Replay result' }).getByText('All 30 replayed events were acknowledged.').waitFor({ timeout: 20_000 });
    expect(got.map((b) => (JSON.parse(b) as { event: { eventId: string } }).event.eventId).sort()).toEqual([...ids].sort());
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('opens an export written before out-of-order flags, showing them as unknown', async () => {
    const old = await openCapture(cli, join(process.cwd(), 'test/fixtures/capture-old-format.json'), { TMPDIR: dir });
    try {
      const { page, problems } = await pageAt(old.url);
      const banner = page.getByRole('region', { name: 'Capture' });
      await banner.getByText('Read-only capture: capture-old-format.json').waitFor({ timeout: 10_000 });
      expect(await banner.textContent()).toContain('3 events');
      expect(await banner.textContent()).toContain('Unknown (not in the file): out-of-order flags (the export predates them); rejected deliveries');
      await expect.poll(() => page.locator('.count').textContent(), { timeout: 10_000 }).toBe('3 events');
      // the detail gives the exporting inbox's verdict, not advice to add a secret to this read-only copy
      await page.locator('[data-event-id="fxevt000000000000033"]').click();
      const detail = page.getByLabel('Event detail');
      await detail.getByText('Not verified when received').waitFor();
      expect(await detail.textContent()).not.toContain('in Setup');
      await page.setViewportSize({ width: 900, height: 800 });
      await screenshot(page, 'capture-detail-900');
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.getByRole('tab', { name: 'Overview' }).click();
      const card = page.locator('.card', { hasText: 'Out of order' });
      await card.waitFor();
      expect(await card.textContent()).toContain('unknown');
      // "the last 60 min" of now says nothing of a file exported days ago
      expect(await page.getByText('Events per minute').count()).toBe(0);
      await screenshot(page, 'capture-old-format');
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      expect(await old.stop()).toBe(0);
    }
  }, 60_000);
});
