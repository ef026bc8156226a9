/**
 * `connector-inbox import FILE.json`: an export's events into the data directory with source
 * `import`, deduped by eventId, all or nothing (a truncated or foreign file stores nothing).
 * Through the serve running on the directory when there is one.
 */
import { resolve } from 'node:path';
import { Command } from 'commander';
import type { ImportSummary } from '../../../shared/api/backfill';
import { defaultDataDir } from '../../core/app-paths';
import { importCapture } from '../../core/import';
import { printJson, type JsonFlag } from './dt-common';
import { throughServeOr } from '../local-inbox';

interface ImportFlags extends JsonFlag {
  dataDir: string;
}

const IMPORT_TIMEOUT_MS = 30 * 60_000;

export function registerImport(program: Command): void {
  program
    .command('import')
    .argument('<file>', 'a connector-inbox-export/1 file (connector-inbox export, or the inspector\'s Export)')
    .description('Store the events of an export file (source "import"), deduped by eventId; all or nothing.')
    .option('--data-dir <dir>', 'the data directory to import into', defaultDataDir())
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, flags: ImportFlags) => {
      const path = resolve(file);
      const tty = process.stderr.isTTY && !flags.json;
      const r = await throughServeOr(flags.dataDir, ({ store }) => importCapture(path, store, {
        onProgress: tty ? (phase, done, total) => process.stderr.write(`\r${phase} ${done}${total === undefined ? '' : `/${total}`}`) : undefined,
      }));
      let summary: ImportSummary;
      if ('serve' in r) {
        if (tty) process.stderr.write(`importing through the serve running on ${flags.dataDir} (pid ${r.serve.pid})…\n`);
        const answer = await r.serve.call<ImportSummary>('importCapture', [path], IMPORT_TIMEOUT_MS);
        if (!answer.ok) throw new Error(answer.error);
        summary = answer.value;
      } else {
        if (tty) process.stderr.write('\n');
        summary = r.done;
      }
      if (flags.json) return printJson(summary);
      process.stdout.write(`imported ${file}: ${summary.events} events, ${summary.added} new, ${summary.alreadyStored} already stored, ${summary.devices} devices\n`);
    });
}
