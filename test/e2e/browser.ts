/**
 * Headless Chromium for the e2e tests: whichever Chromium or Chrome this machine has
 * (scripts/find-chromium.mjs); playwright-core drives it and downloads nothing.
 *
 * Without a browser the e2e files report themselves skipped with one line saying how to get one,
 * so `npm test` passes on any developer machine. Under CI=true a missing browser is a failure,
 * never a skip: CI installs one, and a skip there would hide the UI tests.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumCandidates, findChromium, INSTALL_HINT } from '../../scripts/find-chromium.mjs';

export const CHROMIUM = findChromium();
const inCi = process.env.CI === 'true';
/** True where the e2e files should skip: no browser, and not CI. */
export const skipE2e = !CHROMIUM && !inCi;
if (skipE2e) console.log(`e2e tests skipped: no Chromium or Chrome found; ${INSTALL_HINT}`);

export function launch(): Promise<Browser> {
  if (!CHROMIUM) throw new Error(`no Chromium or Chrome found (looked at ${chromiumCandidates().join(', ')}); ${INSTALL_HINT}`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 30_000,
  });
}

/** A browser with one page open at `url` (the inspector), and the page's problems being collected. */
export async function openInspector(url: string, viewport: { width: number; height: number }, opts: { acceptDownloads?: boolean } = {}): Promise<{ browser: Browser; page: Page; problems: string[] }> {
  const browser = await launch();
  const page = await browser.newPage({ viewport, ...opts });
  const problems = watchProblems(page);
  await page.goto(url);
  return { browser, page, problems };
}

const SHOTS = join(process.cwd(), 'test-results', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** Collect what would show a broken page: CSP violations, uncaught errors, failed requests. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return problems;
}
