/**
 * `connector-inbox export`: reads the data directory without locking it, so it works
 * while a `serve` is running (files are replaced atomically, never half-written).
 */
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { defaultDataDir } from '../../core/app-paths';
import { writeExport } from '../../core/export';
import { openReadOnly } from '../../core/store';
import { addEventFilterOptions, eventFilterOf, type EventFilterFlags } from '../event-filter-flags';
import { progressPrinter } from '../progress';

interface ExportFlags extends EventFilterFlags {
  dataDir: string;
  out?: string;
}

export function registerExport(program: Command): void {
  const cmd = program
    .command('export')
    .description('Write stored events as connector-inbox-export/1 JSON (works while serve runs).')
    .option('--data-dir <dir>', 'the data directory to read', defaultDataDir())
    .option('--out <file>', 'write to this file (default: standard output)');
  addEventFilterOptions(cmd)
    .action(async (flags: ExportFlags) => {
      const filter = eventFilterOf(flags);
      const isDir = await stat(flags.dataDir).then((s) => s.isDirectory(), () => null);
      if (isDir === null) throw new Error(`no data directory at ${flags.dataDir} (give the one serve uses with --data-dir)`);
      if (!isDir) throw new Error(`${flags.dataDir} is a file, not a data directory (give the directory serve uses with --data-dir)`);
      const store = await openReadOnly(flags.dataDir);
      for (const w of store.warnings) process.stderr.write(`WARNING: ${w}\n`);
      // writeExport sends chunks of 32k UTF-16 units: with the default 16 kB mark each chunk would
      // wait for its own write; 64 kB lets the next chunk be built while one is being written.
      if (flags.out && (await stat(flags.out).then((st) => st.isDirectory(), () => false))) {
        throw new Error(`${flags.out} is a directory; give a file to write, e.g. --out ${join(flags.out, 'export.json')}`);
      }
      // `export | head`: the reader has all it wants; stop quietly instead of "write EPIPE"
      if (!flags.out) process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); else throw e; });
      const out = flags.out ? createWriteStream(flags.out, { flags: 'wx', highWaterMark: 64 * 1024 }) : process.stdout;
      if (flags.out) {
        await new Promise<void>((resolve, reject) => {
          (out as ReturnType<typeof createWriteStream>).once('open', () => resolve()).once('error', (e: NodeJS.ErrnoException) =>
            reject(new Error(e.code === 'EEXIST' ? `${flags.out} already exists; choose another --out` : `cannot write ${flags.out}: ${e.message}`)));
        });
      }
      const progress = flags.out && process.stderr.isTTY ? progressPrinter('exporting') : undefined;
      const result = await writeExport(store.exportSource(), filter, out, progress);
      if (flags.out) {
        await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
        process.stderr.write(`${progress ? '\n' : ''}exported ${result.count} events to ${flags.out}\n`);
      }
      if (result.missing) process.stderr.write(`WARNING: ${result.missing} events were removed by retention while exporting\n`);
    });
}
