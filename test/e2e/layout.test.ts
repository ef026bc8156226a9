/**
 * Every view usable from 900 px wide (issue 20 #8), checked at 900 and 1280 against the fake
 * api's demo data in real Chromium: the page never scrolls sideways, the tabs stay on one row,
 * no button sits past the window's right edge, and the event list keeps its event-time column
 * beside an open detail. Screenshots of each view at both widths are in test-results/screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startUiServer, type UiServer } from '../../electron/core/ui-server';
import { FakeInboxApi } from '../renderer/fake-api';
import { skipE2e, screenshot, openInspector } from './browser';
import { buildDir, buildRenderer, removeDir } from './build';
import { seedDemo } from './demo-data';

const TABS = ['Events', 'Devices', 'Charts', 'Rejected deliveries', 'Overview', 'DT Cloud', 'Setup'];
let dir: string;
let server: UiServer;
let browser: Browser;
let page: Page;

/** what a tester at this width cannot reach or read, as sentences; [] when the view fits */
async function layoutProblems(p: Page): Promise<string[]> {
  // runs in the page (a string: this file is typed for Node, without the DOM's types)
  return p.evaluate(`(() => {
    const out = [];
    const doc = document.scrollingElement;
    if (doc.scrollWidth > doc.clientWidth + 1) out.push('the page scrolls sideways (' + doc.scrollWidth + ' > ' + doc.clientWidth + ')');
    const tops = new Set([...document.querySelectorAll('[role="tab"]')].map((t) => Math.round(t.getBoundingClientRect().top)));
    if (tops.size > 1) out.push('the tabs wrap onto a second row');
    for (const b of document.querySelectorAll('button')) {
      const r = b.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > window.innerWidth + 1) out.push('button "' + (b.textContent || '').trim() + '" ends at ' + Math.round(r.right) + ' px, past the window');
    }
    return out;
  })()`);
}

describe.skipIf(skipE2e)('layout at 900 and 1280 px (fake api)', () => {
  beforeAll(async () => {
    dir = buildDir('layout');
    buildRenderer(join(dir, 'renderer'));
    const api = new FakeInboxApi();
    seedDemo(api);
    server = await startUiServer({ api, port: 0, token: 'layout-token-abcdefghijk', staticDir: join(dir, 'renderer'), exportStream: async () => ({ count: 0 }) });
    ({ browser, page } = await openInspector(server.url, { width: 1280, height: 800 }));
    await page.locator('[data-event-id]').first().waitFor({ timeout: 10_000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) removeDir(dir);
  });

  for (const width of [900, 1280]) {
    it(`every view fits at ${width} px`, async () => {
      await page.setViewportSize({ width, height: 800 });
      const found: string[] = [];
      for (const tab of TABS) {
        await page.getByRole('tab', { name: tab }).click();
        await page.waitForTimeout(400); // the view's first answers
        found.push(...(await layoutProblems(page)).map((p) => `${tab}: ${p}`));
        await screenshot(page, `layout-${width}-${tab.replace(/\s+/g, '-').toLowerCase()}`);
      }
      expect(found).toEqual([]);
    });

    it(`the event list keeps its event time beside an open detail at ${width} px`, async () => {
      await page.setViewportSize({ width, height: 800 });
      await page.getByRole('tab', { name: 'Events' }).click();
      await page.locator('[data-event-id]').first().click();
      await page.getByLabel('Event detail').waitFor();
      const header = page.getByRole('columnheader', { name: 'Event time' });
      const box = await header.boundingBox();
      const table = await page.getByRole('grid', { name: 'Events' }).boundingBox();
      expect(box && table && box.width > 40 && box.x + box.width <= table.x + table.width + 1).toBe(true);
      expect(await layoutProblems(page)).toEqual([]);
      await screenshot(page, `layout-${width}-events-detail`);
      await page.keyboard.press('Escape');
    });
  }
});
