/**
 * `connector-inbox open FILE.json`: an export shown read-only in the inspector, beside the live
 * inbox. The capture's events go into a private temporary copy (never the data directory, never
 * a running serve's), with no receiver and no tunnel; every change is refused; Replay sends its
 * events to the tester's receiver. The copy is removed when it stops (Ctrl-C, SIGTERM).
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { serveCapture, type ServedCapture } from '../../core/capture/serve';
import { port } from '../options';
import { canOpenBrowser, openBrowser } from '../open-browser';
import { rendererDir } from '../renderer-dir';
import { stopOnSignals } from '../stop-on-signal';

interface OpenFlags {
  uiPort: number;
  open: boolean;
}

export function registerOpen(program: Command): void {
  program
    .command('open')
    .argument('<file>', 'a connector-inbox-export/1 file (connector-inbox export, or the inspector\'s Export)')
    .description('Show an export read-only in the inspector (Events, Devices, Charts, Overview; Replay works), beside the live inbox.')
    .option('--ui-port <n>', 'inspector port (0 = any free port)', port, 0)
    .option('--no-open', 'print the inspector URL but do not open a browser')
    .action(async (file: string, flags: OpenFlags) => {
      if (!existsSync(join(rendererDir(), 'index.html'))) {
        throw new Error(`the inspector is not built (${rendererDir()} is missing): run npm run build first`);
      }
      const opening = serveCapture(file, { mode: 'browser', staticDir: rendererDir(), uiPort: flags.uiPort });
      // handled from the start: a Ctrl-C while a large file loads still removes the private copy
      const stopped = stopOnSignal(opening);
      const capture = await opening;
      // a hard exit (a second Ctrl-C, the 5 s limit) too
      process.on('exit', () => rmSync(capture.dataDir, { recursive: true, force: true }));
      const { info } = capture;
      process.stdout.write(`Capture: ${info.file}, ${info.events} events, exported ${info.exportedAt ?? 'at an unknown time'} (read-only: no receiver, tunnel, forwarding or DT Cloud)\n`);
      if (info.missing.length) process.stdout.write(`Unknown in this capture: ${info.missing.join('; ')}\n`);
      process.stdout.write(`Inspector: ${capture.url}\n`);
      if (flags.open && canOpenBrowser()) openBrowser(capture.url);
      await stopped;
    });
}

/** Resolves after a clean stop (the copy removed); a second signal exits at once. */
function stopOnSignal(opening: Promise<ServedCapture>): Promise<void> {
  return stopOnSignals({
    stopping: 'closing the capture…', stopped: 'closed; its temporary copy is removed',
    // a file that fails to open removed its copy already; the command reports why
    stop: () => opening.then((capture) => capture.close(), () => undefined),
  });
}
