/**
 * A new tester's first minute in `serve --ui` without a tunnel (issue 20 #5, #6): the empty
 * Events view does not offer 127.0.0.1 as the connector's URL, its button fills the inbox with
 * signed test events, and Setup shows how to get a public URL instead of tunnel buttons that
 * could only fail in this mode. At 900 and 1280 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, skipE2e } from './browser';
import type { Served } from './cli-process';
import { closeInspector, serveInspector, type ServedInspector } from './served-inspector';

let run: ServedInspector | undefined;
let served: Served;
let page: Page;

describe.skipIf(skipE2e)('first hour e2e (serve --ui without a tunnel)', () => {
  beforeAll(async () => {
    run = await serveInspector('first-hour', { secret: 'first-hour-secret', viewport: { width: 900, height: 800 } });
    ({ served, page } = run);
  }, 120_000);

  afterAll(() => closeInspector(run));

  it('the empty Events view says DT cannot reach the local URL and how to get a public one', async () => {
    const empty = page.locator('.empty');
    await expect.poll(() => empty.textContent(), { timeout: 10_000 }).toContain('cannot reach');
    const text = (await empty.textContent()) ?? '';
    expect(text).not.toMatch(/Point a Data Connector at http:\/\/127/);
    expect(text).toContain('--tunnel');
    expect(text).toContain(`npx connector-inbox send --to ${served.receiverUrl}`);
    await screenshot(page, 'first-hour-empty-900');
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, 'first-hour-empty-1280');
  });

  it('Send test events fills the inbox with verified events of several kinds', async () => {
    await page.getByRole('button', { name: 'Send 50 test events' }).click();
    await expect.poll(() => page.locator('.count').textContent(), { timeout: 15_000 }).toBe('50 events');
    const types = await page.locator('[data-event-id] .type-name').allTextContents();
    expect(new Set(types).size).toBeGreaterThan(3);
    await page.locator('[data-event-id]').first().click();
    await expect.poll(() => page.getByLabel('Event detail').textContent(), { timeout: 5000 }).toContain('Signature valid');
    await page.keyboard.press('Escape');
  });

  it('Setup offers no tunnel buttons in this mode, and says how to get a public URL', async () => {
    await page.getByRole('tab', { name: 'Setup' }).click();
    await page.getByRole('heading', { name: 'Public URL' }).waitFor({ timeout: 5000 });
    expect(await page.getByRole('button', { name: 'Start tunnel' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Save tunnel settings/ }).count()).toBe(0);
    expect(await page.locator('.setup').textContent()).toContain('npx connector-inbox serve --ui --tunnel');
    await screenshot(page, 'first-hour-setup-1280');
    await page.setViewportSize({ width: 900, height: 800 });
    await screenshot(page, 'first-hour-setup-900');
  });
});
