/**
 * `connector-inbox send`: a DT delivery simulator. Generates realistic events of every
 * type, signs them as DT does, POSTs them one per request with DT's failure modes on
 * demand (duplicates, out-of-order, retries), and prints a JSON summary.
 */
import { writeFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { KNOWN_EVENT_TYPES, isKnownEventType, type KnownEventType } from '../../../shared/dt/types';
import { exponentialBackoff } from '../../core/outbound';
import { minDevices } from '../../core/simulator/fleet';
import { runSend, SEND_DEFAULTS } from '../../core/simulator/run';
import { INTERRUPTED_EXIT_CODE, stopOnInterrupt } from '../interrupt';
import { notAckedLine, stoppedLine } from '../summary-lines';
import { httpUrl, numberIn, wholeNumber } from '../options';

export interface SendIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** how a run that left events unacknowledged is reported to the shell */
  setExitCode: (code: number) => void;
}

const defaultIo: SendIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  setExitCode: (c) => { process.exitCode = c; },
};

function parseTypes(v: string): KnownEventType[] {
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  if (list.length === 0) throw new InvalidArgumentError(`no event type given. Valid types: ${KNOWN_EVENT_TYPES.join(', ')}.`);
  const unknown = list.filter((t) => !isKnownEventType(t));
  if (unknown.length) {
    throw new InvalidArgumentError(`unknown event type${unknown.length > 1 ? 's' : ''} ${unknown.map((t) => `"${t}"`).join(', ')}. Valid types: ${KNOWN_EVENT_TYPES.join(', ')}.`);
  }
  return [...new Set(list as KnownEventType[])];
}

function parseStart(v: string): number {
  const ms = Date.parse(v);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(v) || Number.isNaN(ms)) throw new InvalidArgumentError(`expected an RFC 3339 time such as 2025-03-14T09:26:53Z, got "${v}".`);
  return ms;
}

/** The secret from --secret, else the first of CONNECTOR_INBOX_SECRET's comma-separated list. */
function resolveSecret(flag: string | undefined): string | undefined {
  if (flag !== undefined) return flag === '' ? undefined : flag;
  const first = process.env.CONNECTOR_INBOX_SECRET?.split(',').map((s) => s.trim()).find(Boolean);
  return first || undefined;
}

interface Flags {
  to: URL; secret?: string; count: number; devices: number; types?: KnownEventType[];
  duplicates: number; reorder: number; seed?: number; rate: number; concurrency: number;
  timeout: number; maxAttempts: number; backoff: number; start?: number; outIds?: string;
}

export function registerSend(program: Command, io: SendIo = defaultIo): void {
  program
    .command('send')
    .description('Simulate DT Cloud delivering events to a receiver: realistic, signed, one POST per event, with duplicates, reordering and retries; prints a JSON summary.')
    .requiredOption('--to <url>', 'receiver URL (http:// or https://)', httpUrl)
    .option('--secret <secret>', 'signature secret for X-Dt-Signature (default: first of $CONNECTOR_INBOX_SECRET; none = unsigned)')
    .option('--count <n>', 'events to generate', wholeNumber(1, 10_000_000), SEND_DEFAULTS.count)
    .option('--devices <n>', 'simulated devices, spread over the types (raised to one per needed device kind, e.g. 12 for all types)', wholeNumber(1, 100_000), SEND_DEFAULTS.devices)
    .option('--types <list>', `comma-separated event types (default: all ${KNOWN_EVENT_TYPES.length})`, parseTypes)
    .option('--duplicates <p>', 'share of events delivered twice (same body and eventId), 0..1', numberIn(0, 1), SEND_DEFAULTS.duplicates)
    .option('--reorder <p>', 'share of events delivered after a newer event of the same device and type, 0..1', numberIn(0, 1), SEND_DEFAULTS.reorder)
    .option('--seed <n>', 'PRNG seed: same seed (and --start) = same events; printed in the summary', wholeNumber(0, 2 ** 32 - 1))
    .option('--start <time>', 'timestamp of the first event (default: now; without --rate, count ms before now)', parseStart)
    .option('--rate <r>', 'events (deliveries) per second; 0 = as fast as --concurrency allows', numberIn(0, 1_000_000), SEND_DEFAULTS.rate)
    .option('--concurrency <n>', 'requests in flight at most (also with --rate)', wholeNumber(1, 1000), SEND_DEFAULTS.concurrency)
    .option('--timeout <ms>', 'an attempt without a full answer in this time fails, as at DT', wholeNumber(1, 600_000), SEND_DEFAULTS.timeoutMs)
    .option('--max-attempts <n>', 'attempts per delivery before the event counts as failed', wholeNumber(1, 100), SEND_DEFAULTS.retry.maxAttempts)
    .option('--backoff <ms>', 'wait before the first retry; doubles per retry, capped at 5000 ms', wholeNumber(0, 60_000), 200)
    .option('--out-ids <file>', 'write the acknowledged eventIds to FILE, one per line')
    .addHelpText('after', `
Retries: DT's real backoff schedule is undocumented (it retries until the event is 12 h old).
This simulator retries a delivery on a non-2xx answer, a connection error or no full answer
within --timeout, up to --max-attempts times, waiting --backoff ms, then twice as long each
time, at most 5 s (defaults: 5 attempts, 200/400/800/1600 ms). Duplicates and retries carry
the same X-Dt-Signature token as the first delivery.

Exit code: 0 when every event was acknowledged, 2 when some were not, 1 on a usage error,
130 when stopped with Ctrl-C (the summary covers what went out, then "stopped: N of M sent").
Valid types: ${KNOWN_EVENT_TYPES.join(', ')}.`)
    .action(async (flags: Flags, cmd: Command) => {
      const types = flags.types ?? [...KNOWN_EVENT_TYPES];
      const need = minDevices(types);
      // The default of 5 is silently raised; an explicit --devices deserves to know.
      if (flags.devices < need && cmd.getOptionValueSource('devices') === 'cli') {
        io.err(`send: --devices ${flags.devices} raised to ${need}: each chosen event type needs a device of a kind that emits it.\n`);
      }
      const interrupt = stopOnInterrupt();
      const { summary, ackedEventIds } = await runSend({
        url: flags.to,
        secret: resolveSecret(flags.secret),
        count: flags.count,
        devices: flags.devices,
        types,
        duplicates: flags.duplicates,
        reorder: flags.reorder,
        seed: flags.seed,
        rate: flags.rate,
        concurrency: flags.concurrency,
        timeoutMs: flags.timeout,
        retry: { maxAttempts: flags.maxAttempts, backoffMs: exponentialBackoff(flags.backoff, 5000) },
        startMs: flags.start,
        signal: interrupt.signal,
      }).finally(interrupt.dispose);
      if (flags.outIds) await writeFile(flags.outIds, ackedEventIds.map((id) => `${id}\n`).join(''));
      io.out(`${JSON.stringify(summary, null, 2)}\n`);
      if (summary.stopped) {
        io.err(stoppedLine(summary.sent, flags.count));
        io.setExitCode(INTERRUPTED_EXIT_CODE);
      } else if (summary.failed > 0) {
        io.err(notAckedLine('send', summary));
        io.setExitCode(2);
      }
    });
}
