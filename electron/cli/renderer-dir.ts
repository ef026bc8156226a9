import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * dist/cli.js serves dist/renderer. The commands are built into chunks, dist/cli-chunks/….js
 * (scripts/build-node.mjs splits the CLI per command), so the renderer is one folder up from one.
 */
export const rendererDir = (): string => {
  const here = dirname(fileURLToPath(import.meta.url));
  return join(basename(here) === 'cli-chunks' ? dirname(here) : here, 'renderer');
};
