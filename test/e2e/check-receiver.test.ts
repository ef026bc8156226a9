/**
 * "Check my receiver" in real headless Chromium through the real UI server and bridge; the
 * check itself is the real one (electron/core/check) against a receiver written for the
 * test that errors on a repeated eventId, so the table shows a real failure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startUiServer, type UiServer } from '../../electron/core/ui-server';
import { checkReceiver } from '../../electron/core/check';
import { FakeInboxApi } from '../renderer/fake-api';
import { startReceiver, type TestReceiver } from '../check/receiver';
import { skipE2e, screenshot, openInspector } from './browser';
import { buildDir, buildRenderer, removeDir } from './build';

const TOKEN = 'e2e-token-check-receiver-0123';
const SECRET = 'e2e-receiver-secret';
let dir: string;
let server: UiServer;
let receiver: TestReceiver;
let browser: Browser;
let page: Page;
let problems: string[];

describe.skipIf(skipE2e)('Check my receiver e2e', () => {
  beforeAll(async () => {
    dir = buildDir('check');
    buildRenderer(join(dir, 'renderer'));
    receiver = await startReceiver({ secret: SECRET, fault: 'errors_on_repeat' });
    const api = new FakeInboxApi();
    api.checkReceiver = (target) => checkReceiver(target);
    server = await startUiServer({ api, port: 0, token: TOKEN, staticDir: join(dir, 'renderer'), exportStream: async () => ({ count: 0 }) });
    ({ browser, page, problems } = await openInspector(server.url, { width: 1440, height: 1100 }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await receiver?.close();
    if (dir) removeDir(dir);
  });

  it('runs the real check from Setup and shows the verdicts as a table', async () => {
    await page.getByRole('tab', { name: 'Setup' }).click();
    const panel = page.getByRole('region', { name: 'Check my receiver' });
    await panel.getByLabel('Receiver URL').fill(receiver.url);
    await panel.getByLabel('Receiver signature secret').fill(SECRET);
    await panel.getByRole('button', { name: 'Run check' }).click();
    const table = panel.getByRole('table', { name: 'Check results' });
    await table.waitFor({ timeout: 30_000 });
    await panel.scrollIntoViewIfNeeded();
    expect(await table.locator('[data-check="duplicate_delivery"] .badge').textContent()).toBe('fail');
    expect(await table.locator('[data-check="rejects_bad_signature"] .badge').textContent()).toBe('pass');
    expect(await panel.getByText('9 passed, 1 failed, 0 warnings').count()).toBe(1);
    expect(await panel.getByLabel('Receiver signature secret').inputValue()).toBe('');
    expect(await page.content()).not.toContain(SECRET);
    await table.scrollIntoViewIfNeeded();
    await screenshot(page, 'check-receiver');
    expect(problems).toEqual([]);
  }, 60_000);
});
