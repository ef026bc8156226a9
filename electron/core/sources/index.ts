/**
 * The inbox's sources together: the Data Connector (the receiver behind the tunnel), DT's
 * event history (the gap filler), DT's event stream, and export files. Each records its
 * provenance through intake; coverage is kept in the data directory's coverage log, and the
 * gaps in it are filled from history whenever a source starts covering again.
 */
import type { BackfillArgs, BackfillRun, BackfillStatus, CoverageView, SourceStatus } from '../../../shared/api/backfill';
import type { FillProgress } from '../backfill';
import { fail, ok, type Result } from '../../../shared/api/contract';
import type { CoverageLog } from '../coverage';
import type { DtClient, DtController } from '../dt-cloud';
import { createGapFiller, type GapFiller } from '../backfill';
import { importCapture, type ImportOptions, type ImportResult } from '../import';
import type { Intake } from '../intake';
import { connectorSource } from './connector-coverage';
import { streamSource } from './stream-source';
import type { InboxSource } from './source';

export type { InboxSource } from './source';

export interface StreamChoice {
  project: string;
  deviceIds?: string[];
  eventTypes?: string[];
  pingIntervalS?: number;
}

export interface SourcesOptions {
  coverage: CoverageLog;
  intake: Intake;
  storageOk: () => boolean;
  dt?: DtController;
  /** the DT client when there is no controller's (or the same one) */
  client?: () => DtClient | undefined;
  stream?: StreamChoice;
  /** the project when neither a stream nor a followed connector names one (dt backfill run on its own) */
  project?: string;
  /** the event filter and label keys of fills, when not the followed connector's */
  filter?: (project: string) => Promise<{ eventTypes: string[]; labelKeys?: string[] }>;
  onTunnelChange?: (listener: () => void) => () => void;
  /** a fill stored events (one summary) */
  onFilled: (project: string, run: BackfillRun) => void;
  onChange: () => void;
  now?: () => number;
}

export interface Sources {
  start(): void;
  stop(deadlineMs: number): Promise<void>;
  statuses(): SourceStatus[];
  /** the project the inbox covers now: the stream's, else the followed connector's */
  project(): string | undefined;
  coverage(): CoverageView | null;
  fillGaps(): Promise<Result<BackfillStatus>>;
  filler(project: string): GapFiller;
  /** the stream now (undefined: none): the desktop's Setup switches how events arrive while running */
  setStream(choice: StreamChoice | undefined): Promise<void>;
  streamChoice(): StreamChoice | undefined;
  /** dt backfill: a window of the user's choice (since: the oldest open gap's start; until: now) */
  backfill(args: BackfillArgs, onProgress?: (p: FillProgress) => void): Promise<Result<BackfillRun>>;
  importCapture(path: string, opts?: ImportOptions): Promise<ImportResult>;
}

const DAY_MS = 24 * 3_600_000;

export function createSources(o: SourcesOptions): Sources {
  const now = o.now ?? Date.now;
  const client = () => o.client?.() ?? o.dt?.client();
  const fillers = new Map<string, GapFiller>();
  let lastImport: { at: number; path: string; result?: ImportResult; error?: string } | undefined;

  /** The connector's filter and label keys, read from DT at each fill (the user may change them in DT's console). */
  const connectorFilter = async (project: string) => {
    const st = o.dt?.followerStatus();
    const c = client();
    if (streamChoice?.project === project && !(st?.project === project && st.connectorId)) return { eventTypes: streamChoice.eventTypes ?? [] };
    if (!c || !st?.connectorId || st.project !== project) return { eventTypes: [] };
    const conn = await c.getConnector(project, st.connectorId);
    return { eventTypes: conn.events ?? [], labelKeys: conn.labels ?? [] };
  };

  const filler = (project: string): GapFiller => {
    let f = fillers.get(project);
    if (!f) {
      f = createGapFiller({
        project, coverage: o.coverage, client, intake: o.intake, now, filter: () => (o.filter ?? connectorFilter)(project),
        onChange: () => o.onChange(), onFilled: (run) => o.onFilled(project, run),
      });
      fillers.set(project, f);
    }
    return f;
  };
  const covering = (project: string) => void filler(project).fill('covering again');

  const connector = o.dt ? connectorSource({ dt: o.dt, coverage: o.coverage, storageOk: o.storageOk, onCovering: covering, onTunnelChange: o.onTunnelChange, now, onChange: o.onChange }) : undefined;
  let streamChoice = o.stream;
  const makeStream = (c: StreamChoice | undefined) =>
    c ? streamSource({ ...c, client, intake: o.intake, coverage: o.coverage, onConnected: covering, onChange: o.onChange, now }) : undefined;
  let stream = makeStream(streamChoice);
  let started = false;
  const live = (): InboxSource[] => [connector, stream].filter((s): s is NonNullable<typeof s> => s !== undefined);

  const project = () => streamChoice?.project ?? o.dt?.followerStatus()?.project ?? o.project;

  const historyStatus = (): SourceStatus => {
    const p = project();
    if (!p) return { kind: 'history', state: 'off', detail: 'no DT project: nothing to fill gaps from' };
    const b = filler(p).status();
    const gaps = b.gaps.length ? `${b.gaps.length} open gap${b.gaps.length === 1 ? '' : 's'}` : 'no gaps';
    switch (b.state) {
      case 'filling': return { kind: 'history', state: 'filling', project: p, detail: `filling a gap: ${b.progress?.devicesDone ?? 0}/${b.progress?.devicesTotal ?? '?'} devices, ${b.progress?.added ?? 0} new events` };
      case 'failed': return { kind: 'history', state: 'failed', project: p, detail: `${gaps}; the last fill failed: ${b.error}` };
      case 'unavailable': return { kind: 'history', state: 'off', project: p, detail: b.error ?? 'no service account' };
      default: return { kind: 'history', state: 'idle', project: p, detail: b.last ? `${gaps}; the last fill brought ${b.last.added} events` : gaps };
    }
  };
  const importStatus = (): SourceStatus => {
    if (!lastImport) return { kind: 'import', state: 'idle', detail: 'no export file imported in this run' };
    if (lastImport.error) return { kind: 'import', state: 'failed', detail: lastImport.error };
    if (!lastImport.result) return { kind: 'import', state: 'filling', detail: `importing ${lastImport.path}` };
    return { kind: 'import', state: 'idle', detail: `imported ${lastImport.result.added} new events from ${lastImport.path}` };
  };

  return {
    start() {
      started = true;
      for (const s of live()) s.start();
      // the gaps since the last run are filled once a source covers again; with no live source, now
      const p = project();
      if (p && live().length === 0) void filler(p).fill('start');
    },
    async stop(deadlineMs) {
      started = false;
      for (const f of fillers.values()) f.stop();
      await Promise.all(live().map((s) => s.stop(deadlineMs)));
    },
    async setStream(choice) {
      const old = stream;
      stream = undefined;
      await old?.stop(2_000);
      streamChoice = choice;
      stream = makeStream(choice);
      if (started) stream?.start();
      o.onChange();
    },
    streamChoice: () => streamChoice,
    statuses: () => [connector?.status() ?? { kind: 'connector', state: 'idle', detail: 'the receiver takes any DT push sent to it' }, historyStatus(), ...(stream ? [stream.status()] : []), importStatus()],
    project,
    coverage() {
      const p = project();
      if (!p) return null;
      const to = now(), from = to - DAY_MS;
      return { project: p, from, to, parts: o.coverage.strip(p, from, to, to), firstCoveredAt: o.coverage.firstCoveredAt(p), backfill: filler(p).status() };
    },
    async fillGaps() {
      const p = project();
      if (!p) return fail('no DT project is followed: connect one in the DT Cloud view (or serve --dt-project)');
      if (!client()) return fail('no DT service account: gaps are filled from DT\'s history with one');
      const st = await filler(p).fill('requested');
      return st.state === 'failed' ? fail(`the fill failed: ${st.error}`) : ok(st);
    },
    filler,
    async backfill(args, onProgress) {
      const p = args.project ?? project();
      if (!p) return fail('no DT project: give --project (or follow one with serve --dt-project)');
      if (!client()) return fail('no DT service account: set DT_SERVICE_ACCOUNT_KEY_ID, DT_SERVICE_ACCOUNT_SECRET and DT_SERVICE_ACCOUNT_EMAIL');
      const f = filler(p);
      const at = now();
      const to = args.until ? Date.parse(args.until) : at;
      const from = args.since ? Date.parse(args.since) : f.status().gaps[0]?.from;
      if (from === undefined) {
        return ok({ from: at, to: at, at, reason: 'no open gap: nothing to fill (give --since for a window of your choice)', devices: 0, fetched: 0, added: 0, alreadyStored: 0, invalid: 0, reachesStart: true });
      }
      if (from >= to) return fail(`--since (${new Date(from).toISOString()}) must be before --until (${new Date(to).toISOString()})`);
      if (from > at) return fail(`--since ${new Date(from).toISOString()} is in the future`);
      try {
        const r = await f.fillRange({ from, to }, { devices: args.devices, eventTypes: args.types }, onProgress);
        const run: BackfillRun = { from, to, at: now(), reason: 'dt backfill', devices: r.devicesTotal, fetched: r.fetched, added: r.added, alreadyStored: r.alreadyStored, invalid: r.invalid, oldestFetched: r.oldestFetched, reachesStart: true };
        if (run.added) o.onFilled(p, run);
        return ok(run);
      } catch (e) {
        return fail(`the backfill failed: ${(e as Error).message}`);
      }
    },
    async importCapture(path, opts) {
      lastImport = { at: now(), path };
      o.onChange();
      try {
        lastImport.result = await importCapture(path, o.intake, opts);
        return lastImport.result;
      } catch (e) {
        lastImport.error = (e as Error).message;
        throw e;
      } finally {
        o.onChange();
      }
    },
  };
}
