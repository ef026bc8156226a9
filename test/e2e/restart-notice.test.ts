/**
 * A tab left open across a restart of `serve --ui` (issue 20 #12): it used to show
 * "unauthorized" and "Loading…" for ever. It must say the inbox stopped while nothing answers,
 * then that it restarted (the new run refuses this tab's token) and how to open it again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { skipE2e, screenshot, openInspector } from './browser';
import { buildCli, buildDir, buildRenderer, removeDir } from './build';
import { serve, type Served } from './cli-process';
import { freePort } from '../free-port';

let dir: string;
let cli: string;
let served: Served | undefined;
let browser: Browser;
let page: Page;

describe.skipIf(skipE2e)('a tab open across a restart of serve --ui', () => {
  let uiPort: number;
  const start = () => serve(cli, ['--ui', '--ui-port', String(uiPort), '--no-open', '--port', '0', '--data-dir', join(dir, 'data'), '--secret', 'restart-secret', '-q']);

  beforeAll(async () => {
    dir = buildDir('restart');
    cli = join(dir, 'cli.js');
    await buildCli(cli);
    buildRenderer(join(dir, 'renderer'));
    uiPort = await freePort();
    served = await start();
    ({ browser, page } = await openInspector(served.uiUrl, { width: 1280, height: 800 }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    if (dir) removeDir(dir);
  });

  it('works, then says the inbox stopped, then that it restarted and how to open it again', async () => {
    await page.getByRole('heading', { name: 'No events yet' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('.connection-banner').count()).toBe(0);

    await served!.stop();
    const banner = page.locator('.connection-banner');
    await expect.poll(() => banner.textContent(), { timeout: 15_000 }).toContain('The inbox is not answering');
    await screenshot(page, 'restart-stopped');

    served = await start();
    await expect.poll(() => banner.textContent(), { timeout: 15_000 }).toContain('The inbox restarted');
    expect(await banner.textContent()).toContain('Open the link the new run printed');
    await screenshot(page, 'restart-restarted');

    // the new run's own link works in a fresh tab
    const fresh = await browser.newPage();
    await fresh.goto(served.uiUrl);
    await fresh.getByRole('heading', { name: 'No events yet' }).waitFor({ timeout: 10_000 });
    expect(await fresh.locator('.connection-banner').count()).toBe(0);
  }, 90_000);
});
