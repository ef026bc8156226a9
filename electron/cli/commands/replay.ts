/**
 * `connector-inbox replay`: sends stored events again, to this inbox or another receiver,
 * as DT delivers them (one POST per event, re-signed, paced, retried, optionally with
 * duplicates and reordering), and prints the same JSON summary as `send`.
 */
import { stat } from 'node:fs/promises';
import { Command } from 'commander';
import { defaultDataDir } from '../../core/app-paths';
import { DEFAULT_RETRY, exponentialBackoff } from '../../core/outbound';
import { exportFileChunks, readExport, runReplay, storeReplaySource, type ReplayEvent, type ReplayFilter } from '../../core/replay';
import { openReadOnly } from '../../core/store';
import { INTERRUPTED_EXIT_CODE, stopOnInterrupt } from '../interrupt';
import { notAckedLine, stoppedLine } from '../summary-lines';
import { addEventFilterOptions, eventFilterOf, type EventFilterFlags } from '../event-filter-flags';
import { httpUrl, numberIn, secretsFrom, wholeNumber } from '../options';
import { progressPrinter } from '../progress';

export interface ReplayIo {
  out: (text: string) => void;
  err: (text: string) => void;
  setExitCode: (code: number) => void;
  progress?: (done: number, total: number) => void;
}

const defaultIo = (): ReplayIo => ({
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  setExitCode: (c) => { process.exitCode = c; },
  progress: process.stderr.isTTY ? progressPrinter('replaying') : undefined,
});

interface Flags extends EventFilterFlags {
  to: URL; secret?: string; from?: string; dataDir?: string;
  rate: number; concurrency: number; duplicates: number; reorder: number; seed?: number;
  timeout: number; maxAttempts: number; backoff: number;
}

export function registerReplay(program: Command, io: ReplayIo = defaultIo()): void {
  const cmd = program
    .command('replay')
    .description('Send stored events again to a receiver, as DT delivers them (re-signed, paced, retried); prints a JSON summary like send.')
    .requiredOption('--to <url>', 'receiver URL (http:// or https://)', httpUrl)
    .option('--data-dir <dir>', `the data directory to read, also while serve runs on it (default without --from: ${defaultDataDir()})`)
    .option('--from <export.json>', 'a connector-inbox-export/1 file (from `connector-inbox export`) instead of a data directory')
    .option('--secret <secret>', 'sign each body with this signature secret (default: first of $CONNECTOR_INBOX_SECRET; none = unsigned)');
  addEventFilterOptions(cmd)
    .option('--rate <r>', 'deliveries per second; 0 = as fast as --concurrency allows', numberIn(0, 1_000_000), 0)
    .option('--concurrency <n>', 'requests in flight at most', wholeNumber(1, 1000), 10)
    .option('--duplicates <p>', 'share of events delivered twice (same body and token), 0..1', numberIn(0, 1), 0)
    .option('--reorder <p>', 'share of events delivered after a newer event of the same device and type, 0..1', numberIn(0, 1), 0)
    .option('--seed <n>', 'PRNG seed for --duplicates/--reorder; printed in the summary', wholeNumber(0, 2 ** 32 - 1))
    .option('--timeout <ms>', 'an attempt without a full answer in this time fails, as at DT', wholeNumber(1, 600_000), 10_000)
    .option('--max-attempts <n>', 'attempts per delivery before the event counts as failed', wholeNumber(1, 100), DEFAULT_RETRY.maxAttempts)
    .option('--backoff <ms>', 'wait before the first retry; doubles per retry, capped at 5000 ms', wholeNumber(0, 60_000), 200)
    .addHelpText('after', `
Source: the data directory (--data-dir, or the default one), read without locking it, so
it works while serve runs on the same folder; or an export file (--from). Not both.

Bodies: each event's body is sent as the exact bytes the inbox stored (received): from a
data directory the stored raw bodies, from an export file the bytes the file holds for it
(\`connector-inbox export\` writes the stored raw bodies verbatim). With a secret each body is signed afresh as DT signs it
(X-Dt-Signature, HS256, checksum_sha256 of the bytes, exp = iat + 3600): the original
tokens are not in the export and would have expired. Without a secret nothing is signed.

Events are read as a stream: duplicates and reordering are drawn within windows of
1000 events. Events go out oldest event time first (an export's order).

Exit code: 0 when every replayed event was acknowledged, 2 when some were not, 1 on a
usage error, an unreadable export file or data directory, 130 when stopped with Ctrl-C
(the summary covers what went out, then "stopped: N of M sent").`)
    .action(async (flags: Flags) => {
      if (flags.from !== undefined && flags.dataDir !== undefined) {
        throw new Error('--from and --data-dir are two sources: give one (an export file, or the data directory to read)');
      }
      if (flags.from !== undefined && flags.search !== undefined) {
        throw new Error('--search works on a data directory (--data-dir), whose events carry the listed values it searches; an export file (--from) takes --type/--device/--since/--until');
      }
      let total: number | undefined;
      let read = 0;
      let source: AsyncIterable<ReplayEvent>;
      const asked = eventFilterOf(flags);
      let filter: ReplayFilter = asked;
      if (flags.from !== undefined) {
        source = readExport(exportFileChunks(flags.from), (h) => { total = h.count; });
      } else {
        const store = await openDataDir(flags.dataDir ?? defaultDataDir(), io);
        const chosen = storeReplaySource(store, { filter: asked });
        total = chosen.total;
        source = chosen.events;
        filter = {}; // chosen by the store source already
      }
      const counted = async function* () {
        for await (const e of source) {
          read++;
          if (total !== undefined) io.progress?.(read, total);
          yield e;
        }
      };
      const interrupt = stopOnInterrupt();
      const summary = await runReplay({
        url: flags.to,
        secret: secretsFrom(flags.secret ? [flags.secret] : undefined)[0],
        source: counted(),
        filter,
        rate: flags.rate, concurrency: flags.concurrency, duplicates: flags.duplicates, reorder: flags.reorder, seed: flags.seed,
        timeoutMs: flags.timeout,
        retry: { maxAttempts: flags.maxAttempts, backoffMs: exponentialBackoff(flags.backoff, 5000) },
        signal: interrupt.signal,
      }).finally(() => {
        interrupt.dispose();
        if (io.progress && read) io.err('\n');
      });
      io.out(`${JSON.stringify(summary, null, 2)}\n`);
      if (summary.stopped) {
        io.err(stoppedLine(summary.sent, total));
        io.setExitCode(INTERRUPTED_EXIT_CODE);
      } else if (summary.failed > 0) {
        io.err(notAckedLine('replay', summary));
        io.setExitCode(2);
      }
    });
}

/** As `export` opens it: read-only, no lock, so a running serve keeps writing. */
async function openDataDir(dir: string, io: ReplayIo) {
  const isDir = await stat(dir).then((s) => s.isDirectory(), () => null);
  if (isDir === null) throw new Error(`no data directory at ${dir} (give the one serve uses with --data-dir, or an export file with --from)`);
  if (!isDir) throw new Error(`${dir} is a file, not a data directory (for an export file use --from)`);
  const store = await openReadOnly(dir);
  for (const w of store.warnings) io.err(`WARNING: ${w}\n`);
  return store;
}
