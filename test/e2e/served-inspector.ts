/**
 * The setup the real-CLI e2e tests share: build the CLI and the renderer from this tree into a
 * temporary folder, run `serve --ui` on free ports with one secret, and open the inspector in
 * headless Chromium. close() undoes all three, whatever got started.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openInspector } from './browser';
import { buildCli, buildDir, buildRenderer, removeDir } from './build';
import { serve, type Served } from './cli-process';

export interface ServedInspector {
  dir: string;
  cli: string;
  served: Served;
  browser: Browser;
  page: Page;
  problems: string[];
}

export async function serveInspector(tag: string, o: { secret: string; viewport: { width: number; height: number }; acceptDownloads?: boolean }): Promise<ServedInspector> {
  const dir = buildDir(tag);
  const cli = join(dir, 'cli.js');
  await buildCli(cli);
  buildRenderer(join(dir, 'renderer'));
  const served = await serve(cli, ['--ui', '--ui-port', '0', '--no-open', '--port', '0', '--data-dir', join(dir, 'data'), '--secret', o.secret, '-q']);
  const { browser, page, problems } = await openInspector(served.uiUrl, o.viewport, { acceptDownloads: o.acceptDownloads });
  return { dir, cli, served, browser, page, problems };
}

export async function closeInspector(s: Partial<ServedInspector> | undefined): Promise<void> {
  await s?.browser?.close();
  await s?.served?.stop();
  if (s?.dir) removeDir(s.dir);
}
