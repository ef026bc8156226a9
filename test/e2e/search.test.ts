/**
 * The Events search through the real CLI (`serve --ui`, signed deliveries) in Chromium: a
 * comparison on the listed value narrows the list, each row marks what matched and names the
 * field, and a term the grammar cannot use says so under the box instead of emptying the list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { skipE2e, screenshot } from './browser';
import { postSigned } from './cli-process';
import { closeInspector, serveInspector, type ServedInspector } from './served-inspector';
import { makeBody, type FakeEventInput } from '../renderer/fake-events';

const SECRET = 'e2e-search-secret';
let run: ServedInspector | undefined;
let page: Page;

const rows = () => page.locator('[data-event-id]');
const countLine = () => page.locator('.count');
const search = () => page.locator('input[type=search]');

const FREEZER = { deviceId: 'emusearchfreezer0001', labels: { name: 'Freezer A', room: 'cellar' } };
const KITCHEN = { deviceId: 'emusearchkitchen0001', labels: { name: 'Kitchen sensor', room: 'kitchen' } };
const EVENTS: FakeEventInput[] = [
  { ...KITCHEN, eventType: 'temperature', value: 25.5 },
  { ...KITCHEN, eventType: 'temperature', value: 20.4 },
  { ...KITCHEN, eventType: 'temperature', value: 19.9 },
  { ...FREEZER, eventType: 'temperature', value: -18 },
  { ...FREEZER, eventType: 'temperature', value: 20 }, // not above 20
  { ...KITCHEN, eventType: 'humidity', value: 70 }, // its 22 °C is a humidity event's, not a temperature event
  { ...KITCHEN, eventType: 'co2', value: 1500 },
  { ...FREEZER, eventType: 'touch' },
];

async function typeSearch(text: string): Promise<void> {
  await search().fill(text);
}

describe.skipIf(skipE2e)('events search (real CLI)', () => {
  beforeAll(async () => {
    run = await serveInspector('search', { secret: SECRET, viewport: { width: 1440, height: 900 } });
    page = run.page;
    for (const [i, e] of EVENTS.entries()) {
      const at = new Date(Date.UTC(2026, 11, 7, 8, 0, i)).toISOString().replace('Z', '000Z');
      expect(await postSigned(run.served.receiverUrl, makeBody({ ...e, eventId: `e2esearch${String(i).padStart(11, '0')}`, timestamp: at }), SECRET)).toBe(200);
    }
    await page.locator('.count', { hasText: new RegExp(`^${EVENTS.length} events$`) }).waitFor({ timeout: 15_000 });
  }, 120_000);

  afterAll(() => closeInspector(run));

  it('temperature>20 lists only the temperature events above 20, the number marked, the field named', async () => {
    await typeSearch('temperature>20');
    await expect.poll(() => countLine().textContent(), { timeout: 5000 }).toBe(`2 of ${EVENTS.length} events`);
    expect(await rows().count()).toBe(2);
    expect(await page.locator('[data-event-id] .type-name').allTextContents()).toEqual(['temperature', 'temperature']);
    expect((await page.locator('[data-event-id] .value mark').allTextContents()).sort()).toEqual(['20.4', '25.5']);
    expect(await page.locator('[data-event-id] .match-note').allTextContents()).toEqual(['in value', 'in value']);
    await screenshot(page, 'search-temperature-above-20');

    await typeSearch('temperature<=20 device:freezer');
    // the same count as before: wait for the rows themselves
    await expect.poll(async () => (await page.locator('[data-event-id] .value mark').allTextContents()).sort(), { timeout: 5000 }).toEqual(['-18', '20']);
    expect(await countLine().textContent()).toBe(`2 of ${EVENTS.length} events`);
    expect(await page.locator('[data-event-id] .device mark').allTextContents()).toEqual(['Freezer', 'Freezer']);
  });

  it('marks a word where it matched and names a field the row does not show', async () => {
    await typeSearch('kitchen');
    // its id, name and room label all hold the word: the name, which the row shows, is marked
    await expect.poll(() => countLine().textContent(), { timeout: 5000 }).toBe(`5 of ${EVENTS.length} events`);
    expect(new Set(await page.locator('[data-event-id] .device mark').allTextContents())).toEqual(new Set(['Kitchen']));
    expect(new Set(await page.locator('[data-event-id] .match-note').allTextContents())).toEqual(new Set(['in device name']));

    await typeSearch('label:room=cell');
    await expect.poll(() => countLine().textContent(), { timeout: 5000 }).toBe(`3 of ${EVENTS.length} events`);
    const note = page.locator('[data-event-id] .match-note').first();
    expect(await note.textContent()).toBe('in label room: room=cellar');
    expect(await note.locator('mark').textContent()).toBe('cell');
  });

  it('says what is wrong with an unknown field under the box, and keeps the list', async () => {
    await typeSearch('type:co2');
    await expect.poll(() => countLine().textContent(), { timeout: 5000 }).toBe(`1 of ${EVENTS.length} events`);
    await typeSearch('temprature>20');
    const problem = page.getByRole('alert', { name: 'Search problem' });
    await expect.poll(() => problem.textContent(), { timeout: 5000 }).toContain("unknown field 'temprature' (did you mean temperature?); known: type: device: label:");
    expect(await problem.textContent()).toContain('Not applied: the list shows the search “type:co2”');
    expect(await countLine().textContent()).toBe(`1 of ${EVENTS.length} events`);
    expect(await rows().count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Export filtered' }).isDisabled()).toBe(true);
    await screenshot(page, 'search-unknown-field');

    await typeSearch('temperature>20');
    await expect.poll(() => countLine().textContent(), { timeout: 5000 }).toBe(`2 of ${EVENTS.length} events`);
    expect(await problem.count()).toBe(0);
    expect(run!.problems.filter((p) => !p.includes('status of 4'))).toEqual([]);
  });
});
