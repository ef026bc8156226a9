/**
 * The live list holds still (issue 20 #3): with `serve --ui` and events arriving, a selected row
 * stays where it is on screen, "N new ↑" counts what arrived above and jumps to it, and Pause
 * holds the list at the top too. Real CLI, headless Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, skipE2e } from './browser';
import { send, type Served } from './cli-process';
import { closeInspector, serveInspector, type ServedInspector } from './served-inspector';

const SECRET = 'live-list-secret';
let run: ServedInspector | undefined;
let cli: string;
let served: Served;
let page: Page;
let seed = 100;

const rows = () => page.locator('[data-event-id]');
const countLine = () => page.locator('.count');
const more = async (n: number) => {
  const s = await send(cli, ['--to', served.receiverUrl, '--secret', SECRET, '--count', String(n), '--duplicates', '0', '--seed', String(seed++)]);
  expect(s.acked).toBe(n);
};
const topOf = async (id: string) => (await page.locator(`[data-event-id="${id}"]`).boundingBox())?.y;

describe.skipIf(skipE2e)('live list e2e (real CLI)', () => {
  beforeAll(async () => {
    run = await serveInspector('live-list', { secret: SECRET, viewport: { width: 1280, height: 800 } });
    ({ cli, served, page } = run);
  }, 120_000);

  afterAll(() => closeInspector(run));

  it('keeps a selected row in place while events arrive above it, and "N new ↑" jumps to them', async () => {
    await more(60);
    await expect.poll(() => countLine().textContent(), { timeout: 10_000 }).toBe('60 events');
    const fifth = rows().nth(4);
    const id = (await fifth.getAttribute('data-event-id'))!;
    await fifth.click();
    const y = await topOf(id);
    await more(20);
    await expect.poll(() => countLine().textContent(), { timeout: 10_000 }).toBe('80 events');
    await page.getByRole('button', { name: '20 new ↑' }).waitFor({ timeout: 5000 });
    expect(await topOf(id)).toBe(y);
    expect(await page.locator('[data-event-id][aria-selected="true"]').getAttribute('data-event-id')).toBe(id);
    await screenshot(page, 'live-list-held');
    await page.getByRole('button', { name: '20 new ↑' }).click();
    await expect.poll(() => page.getByRole('button', { name: /new ↑/ }).count()).toBe(0);
    // at the top again: the newest arrival is the first row, the selected one is 20 rows further down
    await expect.poll(async () => (await rows().first().getAttribute('data-event-id')) !== id).toBe(true);
    await page.keyboard.press('Escape');
  });

  it('Pause holds the list at the top as well; Resume shows what arrived', async () => {
    await expect.poll(() => page.locator('[data-event-id][aria-selected="true"]').count()).toBe(0);
    const firstId = (await rows().first().getAttribute('data-event-id'))!;
    await page.getByRole('button', { name: 'Pause' }).click();
    await more(10);
    await expect.poll(() => countLine().textContent(), { timeout: 10_000 }).toBe('90 events');
    await page.getByRole('button', { name: '10 new ↑' }).waitFor({ timeout: 5000 });
    expect(await rows().first().isVisible()).toBe(true);
    expect(await page.locator(`[data-event-id="${firstId}"]`).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => page.getByRole('button', { name: /new ↑/ }).count()).toBe(0);
    // live again: new rows flow in at the top
    await more(5);
    await expect.poll(() => countLine().textContent(), { timeout: 10_000 }).toBe('95 events');
    expect(await page.getByRole('button', { name: /new ↑/ }).count()).toBe(0);
  });
});
