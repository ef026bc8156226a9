/**
 * Replay in the real inspector: `serve --ui` with events from `connector-inbox send`, the list
 * filtered to one type, "Replay matching…" to a receiver written here on 127.0.0.1 with a
 * secret typed in the dialog. The receiver must get exactly the matching events, each as the
 * bytes the inbox stored (what `export` writes beside the running serve), each with a valid
 * DT signature checked here with node:crypto (HS256 over the token, SHA-256 of the body).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { screenshot, skipE2e, openInspector } from './browser';
import { buildCli, buildDir, buildRenderer, removeDir } from './build';
import { send, serve, type Served } from './cli-process';

const INBOX_SECRET = 'e2e-replay-inbox-secret';
const TARGET_SECRET = 'e2e-replay-target-secret-9c1';
let dir: string;
let cli: string;
let served: Served;
let browser: Browser;
let page: Page;
let problems: string[];
let target: Server;
let targetUrl: string;
const got: Array<{ body: Buffer; token: string | undefined }> = [];

const b64url = (s: string) => Buffer.from(s, 'base64url');

/** HS256 as DT signs: the token's signature over "header.payload", its checksum over the exact bytes. */
function verify(body: Buffer, token: string | undefined, secret: string): string {
  if (!token) return 'no token';
  const [h, p, sig] = token.split('.');
  if (!h || !p || !sig) return 'not a JWT';
  if ((JSON.parse(b64url(h).toString()) as { alg: string }).alg !== 'HS256') return 'not HS256';
  const mac = createHmac('sha256', secret).update(`${h}.${p}`).digest();
  if (mac.length !== b64url(sig).length || !timingSafeEqual(mac, b64url(sig))) return 'bad signature';
  const claims = JSON.parse(b64url(p).toString()) as { checksum_sha256: string; iat: number; exp: number };
  if (claims.checksum_sha256 !== createHash('sha256').update(body).digest('hex')) return 'checksum mismatch';
  if (claims.exp - claims.iat !== 3600 || claims.exp < Date.now() / 1000) return 'bad expiry';
  return 'valid';
}

describe.skipIf(skipE2e)('replay from the inspector (real CLI)', () => {
  beforeAll(async () => {
    dir = buildDir('replay');
    cli = join(dir, 'cli.js');
    await buildCli(cli);
    buildRenderer(join(dir, 'renderer'));
    target = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const h = req.headers['x-dt-signature'];
        if (req.url === '/refuse') return void res.writeHead(401).end('bad signature: no such secret here');
        got.push({ body: Buffer.concat(chunks), token: typeof h === 'string' ? h : undefined });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/replayed`;
    served = await serve(cli, ['--ui', '--ui-port', '0', '--no-open', '--port', '0', '--data-dir', join(dir, 'data'), '--secret', INBOX_SECRET, '-q']);
    ({ browser, page, problems } = await openInspector(served.uiUrl, { width: 1440, height: 900 }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    await new Promise<void>((r) => (target ? target.close(() => r()) : r()));
    if (dir) removeDir(dir);
  });

  it('replays all events of one type to another URL with a secret: the exact stored bytes, validly signed', async () => {
    const sent = await send(cli, ['--to', served.receiverUrl, '--secret', INBOX_SECRET, '--count', '60', '--duplicates', '0.2', '--reorder', '0.2', '--seed', '21', '--types', 'temperature,touch,co2']);
    expect(sent.acked).toBe(60);
    await expect.poll(() => page.locator('.count').textContent(), { timeout: 10_000 }).toBe('60 events');

    await page.getByText('Types', { exact: false }).first().click();
    await page.getByRole('group', { name: 'Event types' }).getByLabel('touch').check();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.count').textContent(), { timeout: 5000 }).toMatch(/^\d+ of 60 events$/);
    const matching = Number(/^(\d+)/.exec((await page.locator('.count').textContent())!)![1]);
    expect(matching).toBeGreaterThan(3);

    await page.getByRole('button', { name: 'Replay matching…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Replay events' });
    await dialog.getByText(`all ${matching} events matching the current filter`).waitFor();
    expect(await dialog.getByRole('radio', { name: 'Another URL' }).isChecked()).toBe(true); // no forward target set
    await dialog.getByLabel('Replay to URL').fill(targetUrl);
    await dialog.getByLabel('Replay signature secret').fill(TARGET_SECRET);
    await dialog.getByRole('button', { name: 'Start replay' }).click();
    const result = dialog.getByRole('region', { name: 'Replay result' });
    await result.waitFor({ timeout: 20_000 });
    expect(await result.getByRole('status').textContent()).toBe(`All ${matching} replayed events were acknowledged.`);
    expect(await result.locator('dt:has-text("Statuses") + dd').textContent()).toBe(`200 × ${matching}`);
    expect(await dialog.getByLabel('Replay signature secret').inputValue()).toBe('');
    await screenshot(page, 'replay-summary');

    // what the inbox stored for the touch events, read beside the running serve
    const exported = JSON.parse(execFileSync(process.execPath, [cli, 'export', '--data-dir', join(dir, 'data'), '--type', 'touch'], { encoding: 'utf8' })) as { events: Array<{ body: unknown }> };
    const want = exported.events.map((e) => JSON.stringify(e.body)).sort();
    expect(want).toHaveLength(matching);
    expect(got.map((g) => g.body.toString('utf8')).sort()).toEqual(want);
    expect(got.map((g) => verify(g.body, g.token, TARGET_SECRET))).toEqual(got.map(() => 'valid'));
    expect(got.every((g) => JSON.parse(g.body.toString('utf8')).event.eventType === 'touch')).toBe(true);
    expect(await page.content()).not.toContain(TARGET_SECRET);
    expect(served.output()).not.toContain(TARGET_SECRET);
    expect(problems).toEqual([]);
  }, 60_000);

  it('replays rows checked with a click and a Shift-click: exactly those events', async () => {
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: /Clear \d filter/ }).click();
    await expect.poll(() => page.locator('.count').textContent()).toBe('60 events');
    const rows = page.locator('[data-event-id]');
    const picked = await Promise.all([1, 2, 3, 4].map((i) => rows.nth(i).getAttribute('data-event-id')));
    await rows.nth(1).getByRole('checkbox').click();
    await rows.nth(4).getByRole('checkbox').click({ modifiers: ['Shift'] });
    await page.getByText('4 selected').waitFor();
    expect(await page.getByLabel('Event detail').count()).toBe(0); // checking does not open the row
    await screenshot(page, 'replay-selection');
    got.length = 0;
    await page.getByRole('button', { name: 'Replay selected…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Replay events' });
    await dialog.getByText('the 4 events selected').waitFor();
    await dialog.getByLabel('Replay to URL').fill(targetUrl);
    await dialog.getByRole('button', { name: 'Start replay' }).click();
    await dialog.getByRole('region', { name: 'Replay result' }).getByText('All 4 replayed events were acknowledged.').waitFor({ timeout: 20_000 });
    expect(got.map((g) => JSON.parse(g.body.toString('utf8')).event.eventId).sort()).toEqual([...picked].sort());
    expect(got.every((g) => g.token === undefined)).toBe(true); // no secret typed this time: unsigned
    expect(problems).toEqual([]);
  }, 60_000);

  it('a replay the receiver refuses says why, in the receiver\'s words, beside the figures', async () => {
    await page.getByRole('button', { name: 'Close' }).click();
    const rows = page.locator('[data-event-id]');
    await rows.nth(0).getByRole('checkbox').click();
    await rows.nth(1).getByRole('checkbox').click({ modifiers: ['Shift'] });
    await page.getByRole('button', { name: 'Replay selected…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Replay events' });
    await dialog.getByLabel('Replay to URL').fill(targetUrl.replace('/replayed', '/refuse'));
    await dialog.getByRole('button', { name: 'Start replay' }).click();
    const result = dialog.getByRole('region', { name: 'Replay result' });
    await result.waitFor({ timeout: 30_000 });
    expect(await result.getByRole('status').textContent()).toMatch(/^\d+ of \d+ replayed events were not acknowledged\.$/);
    const failed = Number(await result.locator('dt:has-text("Failed") + dd').textContent());
    expect(failed).toBeGreaterThan(0);
    // 5 attempts per event, each refused with the same words
    expect(await result.getByRole('list', { name: 'Why not acknowledged' }).getByRole('listitem').allTextContents())
      .toEqual([`401 bad signature: no such secret here × ${failed * 5}`]);
    await screenshot(page, 'replay-refused');
    expect(problems).toEqual([]);
  }, 60_000);
});
