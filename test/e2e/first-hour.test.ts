/**
 * A new tester's first minute in `serve --ui` without a tunnel (issue 20 #5, #6): the empty
 * Events view does not offer 127.0.0.1 as the connector's URL, its button fills the inbox with
 * signed test events, and Setup shows how to get a public URL instead of tunnel buttons that
 * could only fail in this mode. At 900 and 1280 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openInspector, screenshot, skipE2e } from './browser';
import { buildCli, buildDir, buildRenderer, removeDir } from './build';
import { serve, type Served } from './cli-process';

let dir: string;
let served: Served;
let browser: Browser;
let page: Page;

describe.skipIf(skipE2e)('first hour e2e (serve --ui without a tunnel)', () => {
  beforeAll(async () => {
    dir = buildDir('first-hour');
    const cli = join(dir, 'cli.js');
    await buildCli(cli);
    buildRenderer(join(dir, 'renderer'));
    served = await serve(cli, ['--ui', '--ui-port', '0', '--no-open', '--port', '0', '--data-dir', join(dir, 'data'), '--secret', 'first-hour-secret', '-q']);
    ({ browser, page } = await openInspector(served.uiUrl, { width: 900, height: 800 }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    if (dir) removeDir(dir);
  });

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
