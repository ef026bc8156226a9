/**
 * `connector-inbox dt backfill --project P`: fills a window from DT's event history into the
 * data directory (source `history`), on demand. --since defaults to the start of the oldest
 * open gap in the coverage log, --until to now. Through the serve running on the directory
 * when there is one; run twice, the second run adds nothing.
 */
import { Command } from 'commander';
import type { BackfillArgs, BackfillRun } from '../../../shared/api/backfill';
import { backfillArgsSchema } from '../../../shared/api/arguments';
import { backfillSentence } from '../../../shared/backfill-text';
import { defaultDataDir } from '../../core/app-paths';
import { displayNameFor, findInboxConnector } from '../../core/dt-cloud';
import { createSources } from '../../core/sources';
import { collect, timestamp } from '../options';
import { dtClient, printJson, table, type JsonFlag } from './dt-common';
import { throughServeOr } from '../local-inbox';

interface BackfillFlags extends JsonFlag {
  project: string;
  since?: string;
  until?: string;
  device?: string[];
  type?: string[];
  dataDir: string;
}

const BACKFILL_TIMEOUT_MS = 60 * 60_000;

export function registerDtBackfill(dt: Command): void {
  dt.command('backfill')
    .description('fill a window from DT\'s event history into the data directory (works while serve runs on it)')
    .requiredOption('--project <id>', 'the DT project')
    .option('--since <iso>', 'from this time (default: the start of the oldest open gap)', timestamp)
    .option('--until <iso>', 'to this time (default: now)', timestamp)
    .option('--device <id>', 'only this device (repeatable)', collect)
    .option('--type <eventType>', 'only this event type (repeatable)', collect)
    .option('--data-dir <dir>', 'the data directory to fill', defaultDataDir())
    .option('--json', 'print the summary as JSON')
    .action(async (flags: BackfillFlags) => {
      const args: BackfillArgs = { project: flags.project, since: flags.since, until: flags.until, devices: flags.device, types: flags.type };
      const checked = backfillArgsSchema.safeParse(Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined)));
      if (!checked.success) throw new Error(checked.error.issues[0]!.message);
      const tty = process.stderr.isTTY && !flags.json;
      const r = await throughServeOr(flags.dataDir, async ({ store, coverage }) => {
        const c = dtClient(); // a missing DT_SERVICE_ACCOUNT_* variable is worded by config.ts
        const sources = createSources({
          coverage, intake: store, storageOk: () => !store.storageError, client: () => c, project: flags.project,
          // the inbox's own connector, when there is one: its filter and label keys shape the built bodies
          filter: async () => {
            const ours = await findInboxConnector(c, flags.project, displayNameFor()).catch(() => undefined);
            return { eventTypes: ours?.events ?? [], labelKeys: ours?.labels };
          },
          onFilled: () => undefined, onChange: () => undefined,
        });
        return sources.backfill(checked.data, tty ? (p) => process.stderr.write(`\rdevices ${p.devicesDone}/${p.devicesTotal}, fetched ${p.fetched}, new ${p.added}`) : undefined);
      });
      let answer;
      if ('serve' in r) {
        if (tty) process.stderr.write(`filling through the serve running on ${flags.dataDir} (pid ${r.serve.pid})…\n`);
        answer = await r.serve.call<BackfillRun>('dtBackfill', [checked.data], BACKFILL_TIMEOUT_MS);
      } else {
        if (tty) process.stderr.write('\n');
        answer = r.done;
      }
      if (!answer.ok) throw new Error(answer.error);
      const run = answer.value;
      if (flags.json) return printJson(run);
      process.stdout.write(`${table([
        ['window', 'devices', 'fetched', 'new', 'already stored'],
        [`${new Date(run.from).toISOString()} – ${new Date(run.to).toISOString()}`, String(run.devices), String(run.fetched), String(run.added), String(run.alreadyStored)],
      ])}\n${run.devices ? backfillSentence(run) : run.reason}\n`);
    });
}
