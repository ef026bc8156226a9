/**
 * The server-side implementation of the contract over the store. Both transports
 * (Electron IPC, the browser bridge) call these methods after validating arguments.
 */
import type { AppStatus, EventPage, EventQuery, InboxApi, InboxStats, Result, Series } from '../../shared/api/contract';
import { fail, ok } from '../../shared/api/contract';
import { compileFilter, isEmptyFilter, type EventFilter } from '../../shared/filter';
import { isCatchUpSource, type EventSummary, type RejectedDelivery } from '../../shared/records';
import { parseBody } from '../../shared/dt/body-text';
import type { Sources } from './sources';
import { CHARTED_TYPES, addEventPoints, finishSeries, type SeriesPoints } from '../../shared/series';
import type { StoreReadApi } from './store';
import { checkReceiver } from './check';
import type { ForwardingApi } from './forward';
import { createDtApi } from './dt-cloud/dt-api';
import type { DtHealth } from './dt-cloud/dt-health';
import type { DtController } from './dt-cloud';

export interface ApiDeps {
  /** the store's read API, the rejected log, and its 'stored' events */
  store: StoreReadApi & {
    rejected: { total: number; list(): RejectedDelivery[] };
    on(event: 'stored', listener: (added: EventSummary[], duplicates: EventSummary[]) => void): unknown;
  };
  status: () => AppStatus;
  exportEvents: InboxApi['exportEvents'];
  setSecrets: InboxApi['setSecrets'];
  setTunnelConfig: InboxApi['setTunnelConfig'];
  startTunnel: InboxApi['startTunnel'];
  setReceiveMode: InboxApi['setReceiveMode'];
  sendTestEvents: InboxApi['sendTestEvents'];
  stopTunnel: InboxApi['stopTunnel'];
  subscribe: InboxApi['subscribe'];
  /** electron/core/replay's replayEventsApi over this store */
  replayEvents: InboxApi['replayEvents'];
  stopReplay: InboxApi['stopReplay'];
  forwarding: ForwardingApi;
  /** DT Cloud (serve with a service account, the desktop app); absent: the view explains how to turn it on */
  dtCloud?: DtController;
  /** the follower's changes and the last emulation, kept in the health log (dt-cloud/dt-health.ts) */
  dtHealth?: DtHealth;
  /** coverage and backfill (electron/core/sources) */
  sources: Pick<Sources, 'coverage' | 'fillGaps' | 'backfill' | 'importCapture'>;
}

const MAX_SERIES_EVENTS = 50_000;
const NO_SAVED_PUBLIC_URL = 'connector-inbox serve takes its public URL at start: --public-url https://…; only the desktop app saves one';
const NO_NOTIFICATIONS = 'desktop notifications are shown by the desktop app only; connector-inbox serve shows none';

/**
 * Filter results, cached so that scrolling a filtered list is cheap, and kept up to date as
 * events stream in: new events are appended to the store's summaries in seq order, so only
 * those are tested (a full scan with a text search is slow with many events, and it ran up to
 * 4 × a second while events arrived, on the receiver's event loop: bench/FINDINGS.md, near misses). A full scan happens when
 * the filter changes, when retention removed events (the oldest seq moved), or, for
 * "duplicates only", when a redelivery changed an existing event's delivery count.
 */
export class MatchCache {
  private key = '';
  private pred: (e: EventSummary) => boolean = () => false;
  private matches: EventSummary[] = [];
  /** the seqs of the oldest and the newest summary tested */
  private firstSeq = -1;
  private lastSeq = -1;
  private redeliveries = -1;

  /** @param redeliveries bumped whenever a duplicate delivery changed an existing summary */
  get(summaries: readonly EventSummary[], filter: EventFilter, redeliveries: number): EventSummary[] {
    const key = JSON.stringify(filter);
    const oldest = summaries.length ? summaries[0]!.seq : -1;
    const newest = summaries.length ? summaries[summaries.length - 1]!.seq : -1;
    if (key !== this.key || oldest !== this.firstSeq || (filter.duplicatesOnly && redeliveries !== this.redeliveries)) {
      this.key = key;
      this.pred = compileFilter(filter);
      this.firstSeq = oldest;
      this.matches = [];
      this.lastSeq = -1;
    }
    if (newest !== this.lastSeq) {
      const fresh: EventSummary[] = [];
      for (let i = summaries.length - 1; i >= 0 && summaries[i]!.seq > this.lastSeq; i--) if (this.pred(summaries[i]!)) fresh.push(summaries[i]!);
      this.matches = this.matches.length ? fresh.concat(this.matches) : fresh;
      this.lastSeq = newest;
    }
    this.redeliveries = redeliveries;
    return this.matches;
  }
}

export function createInboxApi(deps: ApiDeps): InboxApi {
  const { store } = deps;
  const cache = new MatchCache();
  let redeliveries = 0;
  store.on('stored', (_added, duplicates) => {
    if (duplicates.length) redeliveries++;
  });

  const queryEvents = async (q: EventQuery): Promise<Result<EventPage>> => {
    const all = store.summaries;
    if (isEmptyFilter(q.filter)) {
      const rows: EventSummary[] = [];
      for (let i = all.length - 1 - q.offset; i >= 0 && rows.length < q.limit; i--) rows.push(all[i]!);
      return ok({ total: all.length, matched: all.length, offset: q.offset, rows });
    }
    const matches = cache.get(all, q.filter, redeliveries);
    return ok({ total: all.length, matched: matches.length, offset: q.offset, rows: matches.slice(q.offset, q.offset + q.limit) });
  };

  const getSeries = async (deviceId: string): Promise<Result<Series[]>> => {
    const points: SeriesPoints = new Map();
    const wanted = new Set<string>(CHARTED_TYPES);
    let n = 0;
    const all = store.summaries;
    for (let i = all.length - 1; i >= 0 && n < MAX_SERIES_EVENTS; i--) {
      const s = all[i]!;
      if (s.deviceId !== deviceId || !wanted.has(s.eventType)) continue;
      const raw = await store.body(s);
      if (raw === null) continue;
      try {
        addEventPoints(points, s.eventType, parseBody(raw));
        n++;
      } catch { /* a stored body is JSON; skip one that is not */ }
    }
    return ok(finishSeries(points));
  };

  const getStats = async (): Promise<Result<InboxStats>> => {
    const all = store.summaries;
    const perMinute = new Array<number>(60).fill(0);
    const now = Date.now();
    for (let i = all.length - 1; i >= 0; i--) {
      const age = now - Date.parse(all[i]!.receivedAt);
      if (age >= 3600_000) break;
      if (isCatchUpSource(all[i]!.source)) continue; // filled or imported now, not received now: no spike in the bars
      perMinute[59 - Math.max(0, Math.floor(age / 60_000))]!++;
    }
    return ok({
      events: all.length, deliveries: store.deliveries, duplicates: countDuplicates(all),
      stale: store.stats.stale, rejected: store.rejected.total, byType: Object.fromEntries(store.stats.byType),
      perMinute, ackMsP50: store.stats.latencies.percentile(50), ackMsP99: store.stats.latencies.percentile(99), ackMsMax: store.stats.latencies.max(),
    });
  };

  return {
    setReceiveMode: (mode) => deps.setReceiveMode(mode),
    sendTestEvents: deps.sendTestEvents,
    getCoverage: async () => ok(deps.sources.coverage()),
    fillGaps: () => deps.sources.fillGaps(),
    dtBackfill: (args) => deps.sources.backfill(args),
    importCapture: async (path) => {
      try {
        return ok(await deps.sources.importCapture(path));
      } catch (e) {
        return fail((e as Error).message);
      }
    },
    queryEvents,
    getEvent: async (id) => {
      const e = await store.getEvent(id);
      return e ? ok(e) : fail(`no stored event with eventId ${id}`);
    },
    listDevices: async () => ok(store.devices),
    getSeries,
    listRejected: async () => ok(store.rejected.list()),
    getStats,
    getStatus: async () => ok(deps.status()),
    exportEvents: deps.exportEvents,
    setSecrets: deps.setSecrets,
    setTunnelConfig: deps.setTunnelConfig,
    // The desktop shell overrides both (electron/shell/public-url.ts).
    getPublicUrl: async () => fail(NO_SAVED_PUBLIC_URL),
    setPublicUrl: async () => fail(NO_SAVED_PUBLIC_URL),
    startTunnel: deps.startTunnel,
    stopTunnel: deps.stopTunnel,
    // The desktop shell overrides both (electron/shell/persisted-api.ts).
    getNotificationPrefs: async () => fail(NO_NOTIFICATIONS),
    setNotificationPrefs: async () => fail(NO_NOTIFICATIONS),
    checkReceiver,
    getForwarding: deps.forwarding.getForwarding,
    setForwarding: deps.forwarding.setForwarding,
    getForwardAttempts: deps.forwarding.getForwardAttempts,
    replayEvents: deps.replayEvents,
    stopReplay: deps.stopReplay,
    ...createDtApi(deps.dtCloud, () => store.summaries, deps.dtHealth),
    subscribe: deps.subscribe,
  };
}

/** Duplicate deliveries of the events still stored. */
function countDuplicates(all: readonly EventSummary[]): number {
  let n = 0;
  for (const s of all) n += s.deliveries - 1;
  return n;
}
