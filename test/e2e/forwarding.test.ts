/**
 * Forwarding end to end: `connector-inbox serve --ui --forward-to <target>` (built from this
 * tree), the target a real HTTP server on 127.0.0.1, the settings changed in Setup in headless
 * Chromium, signed deliveries posted to the receiver, the attempts and figures read back in
 * the inspector while the target first fails and then recovers.
 */
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { screenshot, skipE2e, openInspector } from './browser';
import { buildCli, buildDir, buildRenderer, removeDir } from './build';
import { postSigned, serve, type Served } from './cli-process';
import { makeBody } from '../renderer/fake-events';
import { startTarget, type Target } from '../forward/target';

const SECRET = 'e2e-dt-secret';
const FORWARD_SECRET = 'e2e-forward-secret-41ab';
let dir: string;
let served: Served;
let target: Target;
let targetUp = false;
let browser: Browser;
let page: Page;
let problems: string[];

const signedWith = (token: string, secret: string) => {
  const [h, p, sig] = token.split('.');
  return sig === createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url');
};

describe.skipIf(skipE2e)('forwarding e2e (real CLI, real target)', () => {
  beforeAll(async () => {
    dir = buildDir('forward');
    const cli = join(dir, 'cli.js');
    await buildCli(cli);
    buildRenderer(join(dir, 'renderer'));
    target = await startTarget(() => (targetUp ? 200 : 503));
    served = await serve(cli, ['--ui', '--ui-port', '0', '--no-open', '--port', '0', '--data-dir', join(dir, 'data'), '--secret', SECRET, '-q', '--forward-to', target.url, '--forward-types', 'touch']);
    ({ browser, page, problems } = await openInspector(served.uiUrl, { width: 1440, height: 1000 }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    await target?.close();
    if (dir) removeDir(dir);
  });

  it('Setup shows what serve --forward-to started with, and saves new settings', async () => {
    await page.getByRole('tab', { name: 'Setup' }).click();
    const form = page.getByRole('form', { name: 'Forwarding' });
    await expect.poll(() => form.getByLabel('Forward URL').inputValue(), { timeout: 10_000 }).toBe(target.url);
    expect(await form.getByLabel('Forward to my receiver').isChecked()).toBe(true);
    expect(await form.getByLabel('touch', { exact: true }).isChecked()).toBe(true);
    expect(await form.getByText(/Signature secret: none/).count()).toBe(1);

    await form.getByLabel('Forward secret').fill(FORWARD_SECRET);
    await form.getByLabel('Forward headers').fill('X-Team: e2e');
    await form.getByLabel('temperature', { exact: true }).check();
    await form.getByRole('button', { name: 'Save forwarding' }).click();
    await form.getByText(`Saved. Forwarding to ${target.url}.`).waitFor({ timeout: 10_000 });
    expect(await form.getByText(/Signature secret: configured/).count()).toBe(1);
    expect(await form.getByLabel('Forward secret').inputValue()).toBe('');
    expect(await page.content()).not.toContain(FORWARD_SECRET);
    await page.getByRole('region', { name: 'Forwarding status' }).waitFor({ timeout: 10_000 });
    await screenshot(page, 'forward-setup');
  });

  it('a failing target shows in the panel; once it recovers the backlog is delivered, re-signed, with the header', async () => {
    const touch = makeBody({ eventId: 'e2eforward0000000001', eventType: 'touch', labels: { name: 'Door button' } });
    const temp = makeBody({ eventId: 'e2eforward0000000002', eventType: 'temperature', value: 21.5 });
    const co2 = makeBody({ eventId: 'e2eforward0000000003', eventType: 'co2' }); // not a forwarded type
    for (const b of [touch, temp, co2]) expect(await postSigned(served.receiverUrl, b, SECRET)).toBe(200);

    await page.getByRole('tab', { name: 'Overview' }).click();
    const panel = page.getByRole('region', { name: 'Forwarding status' });
    await panel.getByText(/^Your receiver answers 503 since \d\d:\d\d; retrying \(2 queued\)\.$/).waitFor({ timeout: 15_000 });
    // the failed attempts are counted when their answers come back: wait on the figure, not on the sentence
    await expect.poll(async () => Number(/(\d+) failed/.exec(await panel.getByLabel('Attempts (3 h)').locator('.card-hint').textContent() ?? '')?.[1] ?? 0), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(await panel.getByRole('table', { name: 'Last forwarding errors' }).getByText('503').count()).toBeGreaterThan(0);
    await screenshot(page, 'forward-failing');
    // serve says it too, once (its stdout reaches this process a moment later)
    await expect.poll(() => served.output(), { timeout: 5_000 }).toMatch(/forward +your receiver answers 503 since \d\d:\d\d:\d\d; retrying/);

    targetUp = true;
    // the first retries come after about 1 s, 2 s, 4 s…
    await expect.poll(() => panel.getByLabel('Events delivered (3 h)').locator('.card-value').textContent(), { timeout: 30_000 }).toBe('2');
    await expect.poll(() => panel.getByLabel('Queue').locator('.card-value').textContent()).toBe('0');
    // the status does not contradict itself: delivering now, the failures were attempts, retried
    await panel.getByText(/^Your receiver takes deliveries now; \d+ attempts failed in the last 3 h and were retried, no event given up\.$/).waitFor({ timeout: 5_000 });
    expect(await panel.getByLabel('Events given up (3 h)').locator('.card-value').textContent()).toBe('0');
    const p99 = await panel.getByLabel('p99 latency').locator('.card-value').textContent();
    expect(p99).toMatch(/^\d+ ms$/);
    await screenshot(page, 'forward-recovered');

    const delivered = target.received.filter((r) => r.answered === 200);
    expect(new Set(delivered.map((r) => r.eventId))).toEqual(new Set([touch.event.eventId, temp.event.eventId]));
    for (const r of delivered) {
      expect(r.headers['x-team']).toBe('e2e');
      expect(signedWith(String(r.headers['x-dt-signature']), FORWARD_SECRET)).toBe(true);
    }
    expect(target.received.some((r) => r.eventId === co2.event.eventId)).toBe(false);
  });

  it('the event detail lists its forward attempts: failures with the answer as text, then delivered', async () => {
    await page.getByRole('tab', { name: 'Events' }).click();
    await page.locator('[data-event-id="e2eforward0000000001"]').click();
    const attempts = page.getByRole('region', { name: 'Forward attempts' });
    await attempts.getByRole('table').waitFor({ timeout: 10_000 });
    const rows = attempts.getByRole('row');
    await expect.poll(() => rows.last().textContent(), { timeout: 10_000 }).toContain('delivered');
    const count = await rows.count();
    expect(count).toBeGreaterThanOrEqual(3); // header, at least one 503, the 200
    expect(await rows.nth(1).textContent()).toContain('503');
    expect(await rows.nth(1).textContent()).toContain('will retry');
    expect(await rows.last().textContent()).toContain('200');
    expect(await attempts.getByText('answer 503 from the target').count()).toBeGreaterThan(0);
    await screenshot(page, 'forward-detail');

    await page.locator('[data-event-id="e2eforward0000000003"]').click();
    await page.getByLabel('Event body').waitFor();
    await attempts.getByText(/Not forwarded yet/).waitFor({ timeout: 5_000 });
    expect(problems).toEqual([]);
  });
});
