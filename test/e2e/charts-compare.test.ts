/**
 * Charts and the overview's type bars in real headless Chromium (real UI server, fake api):
 * the view opens on a device with something to chart, three fridges compare in one chart,
 * and the screenshots are there to look at (legend names, colours, axis with the unit).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startUiServer, type UiServer } from '../../electron/core/ui-server';
import { FakeInboxApi } from '../renderer/fake-api';
import { makeBody, type FakeEventInput } from '../renderer/fake-events';
import { skipE2e, screenshot, openInspector } from './browser';
import { buildDir, buildRenderer, removeDir } from './build';

const TOKEN = 'e2e-token-charts-compare-0001';
const FRIDGES = [
  { deviceId: 'emufridge0000000000001', name: 'Kitchen fridge', base: 4, offsetMin: 0 },
  { deviceId: 'emufridge0000000000002', name: 'Bar fridge', base: 6.5, offsetMin: 3 },
  { deviceId: 'emufridge0000000000003', name: 'Cold room', base: 2, offsetMin: 7 },
];

let dir: string;
let api: FakeInboxApi;
let server: UiServer;
let browser: Browser;
let page: Page;
let problems: string[];

const iso9 = (ms: number) => new Date(ms).toISOString().replace('Z', '000Z');

/** Twelve hours of three fridges (each sampling on its own minute), two humidity sensors, a door, and a gateway heard last. */
function seed(now: number): void {
  const send = (ms: number, input: FakeEventInput) => api.deliver(makeBody({ timestamp: iso9(ms), ...input }), { receivedAt: new Date(ms + 300).toISOString() });
  for (let i = 72; i > 0; i--) {
    FRIDGES.forEach((f, n) => {
      const t = now - i * 600_000 + f.offsetMin * 60_000;
      const value = f.base + Math.sin(i / (6 + n * 3)) * (1 + n * 0.4) + (i % 11 === n ? 1.2 : 0); // door openings: short spikes
      send(t, { deviceId: f.deviceId, deviceType: 'temperature', labels: { name: f.name, room: 'kitchen' }, value: Math.round(value * 100) / 100 });
    });
    if (i % 3 === 0) {
      send(now - i * 600_000, { eventType: 'humidity', deviceId: 'emuhumid000000000001', deviceType: 'humidity', labels: { name: 'Office' }, value: 40 + (i % 7) });
      send(now - i * 600_000 + 60_000, { eventType: 'humidity', deviceId: 'emuhumid000000000002', deviceType: 'humidity', labels: { name: 'Basement' }, value: 62 - (i % 5) });
    }
  }
  for (let i = 59; i >= 0; i--) send(now - i * 700_000, { eventType: 'contact', deviceId: 'emudoor00000000000001', deviceType: 'contact', labels: { name: 'Back door' }, value: i % 2 ? 'OPEN' : 'CLOSED' });
  for (let i = 99; i >= 0; i--) send(now - 40_000 - i * 400_000, { eventType: 'networkStatus', deviceId: FRIDGES[i % 3]!.deviceId, deviceType: 'temperature', labels: { name: FRIDGES[i % 3]!.name, room: 'kitchen' } });
  // The newest device is a cellular gateway, which has no numeric series.
  send(now - 5_000, { eventType: 'cellularStatus', deviceId: 'emuccon00000000000001', deviceType: 'ccon', labels: { name: 'Cellular gateway' }, value: 'OK' });
}

async function legendNames(): Promise<string[]> {
  return page.locator('.charts .u-legend .u-label').allTextContents();
}

describe.skipIf(skipE2e)('charts and overview bars e2e (fake api)', () => {
  beforeAll(async () => {
    dir = buildDir('charts');
    buildRenderer(join(dir, 'renderer'));
    api = new FakeInboxApi();
    seed(Date.now());
    server = await startUiServer({ api, port: 0, token: TOKEN, staticDir: join(dir, 'renderer'), exportStream: async () => ({ count: 0 }) });
    ({ browser, page, problems } = await openInspector(server.url, { width: 1280, height: 800 }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) removeDir(dir);
  });

  it('opens Charts on a device with a numeric series, not on the gateway heard last', async () => {
    await page.getByRole('tab', { name: 'Charts' }).click();
    const device = page.getByLabel('Device');
    await device.waitFor({ timeout: 10_000 });
    expect(await device.inputValue()).not.toBe('emuccon00000000000001');
    expect(await device.locator('option[value="emuccon00000000000001"]').count()).toBe(0);
    await page.locator('.chart canvas').first().waitFor({ timeout: 10_000 });
    expect(await page.getByText(/no numeric/i).count()).toBe(0);
    await screenshot(page, 'charts-device');
  });

  it('compares three fridges in one chart with a legend by name', async () => {
    await page.getByRole('button', { name: 'Compare devices' }).click();
    expect(await page.getByLabel('Kind').inputValue()).toBe('temperature');
    // the quantities come with the devices' series: the select fills when they have loaded
    await expect.poll(() => page.getByLabel('Quantity').inputValue(), { timeout: 10_000 }).toBe('temperature °C');
    await expect.poll(legendNames, { timeout: 10_000 }).toEqual(['Event time', 'Bar fridge', 'Cold room', 'Kitchen fridge']); // by name, whoever spoke last
    expect(await page.locator('.charts .chart').count()).toBe(1);
    expect(await page.locator('.charts h3').first().textContent()).toContain('3 devices · 216 points');
    const markers = (await page.locator('.charts .u-legend .u-marker').all()).slice(1); // the first is the time column's
    const colours = await Promise.all(markers.map((m) => m.getAttribute('style')));
    expect(new Set(colours).size).toBe(3);
    await screenshot(page, 'charts-compare');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('button', { name: 'One device' }).click(); // the chart takes the theme's colours when it is built
    await page.getByRole('button', { name: 'Compare devices' }).click();
    await expect.poll(legendNames, { timeout: 10_000 }).toHaveLength(4);
    await screenshot(page, 'charts-compare-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('scales the By type bars to the most frequent type', async () => {
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByText('By type').waitFor();
    const width = async (l: ReturnType<Page['locator']>) => Math.round((await l.boundingBox())?.width ?? 0);
    const widths = await Promise.all((await page.locator('.by-type .share-bar').all()).map(width));
    const cell = await width(page.locator('.by-type .share').first());
    expect(widths[0]).toBeGreaterThan(cell - 25); // full width of its cell (less the padding)
    expect(widths).toEqual([...widths].sort((a, b) => b - a));
    await page.locator('.by-type').scrollIntoViewIfNeeded();
    await screenshot(page, 'overview-bars');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'overview-bars-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(problems).toEqual([]);
  });
});
