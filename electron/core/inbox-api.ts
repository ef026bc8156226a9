/**
 * The server-side implementation of the contract over the store. Both transports
 * (Electron IPC, the browser bridge) call these methods after validating arguments.
 */
import type { AppStatus, EventPage, EventQuery, InboxApi, InboxStats, Result, Series } from '../../shared/api/contract';
import { fail, ok } from '../../shared/api/contract';
import { compileFilter, isEmptyFilter, type EventFilter } from '../../shared/filter';
import type { EventSummary } from '../../shared/records';
import { CHARTED_TYPES, addEventPoints, finishSeries, type SeriesPoints } from '../../shared/series';
import type { EventStore } from './store/event-store';
import type { RejectedLog } from './store/rejected-log';

export interface ApiDeps {
  store: EventStore;
  rejected: RejectedLog;
  status: () => AppStatus;
  exportEvents: InboxApi['exportEvents'];
  setSecrets: InboxApi['setSecrets'];
  setTunnelConfig: InboxApi['setTunnelConfig'];
  startTunnel: InboxApi['startTunnel'];
  stopTunnel: InboxApi['stopTunnel'];
  subscribe: InboxApi['subscribe'];
}

const MAX_SERIES_EVENTS = 50_000;
const NO_NOTIFICATIONS = 'desktop notifications are shown by the desktop app only; connector-inbox serve shows none';

/** Filter results are cached while nothing changes, so scrolling a filtered list is cheap. */
class MatchCache {
  private key = '';
  private version = -1;
  private matches: EventSummary[] = [];

  get(store: EventStore, filter: EventFilter, version: number): EventSummary[] {
    const key = JSON.stringify(filter);
    if (key !== this.key || version !== this.version) {
      const pred = compileFilter(filter);
      const out: EventSummary[] = [];
      const all = store.summaries;
      for (let i = all.length - 1; i >= 0; i--) if (pred(all[i]!)) out.push(all[i]!);
      this.key = key;
      this.version = version;
      this.matches = out;
    }
    return this.matches;
  }
}

export function createInboxApi(deps: ApiDeps): InboxApi {
  const { store } = deps;
  const cache = new MatchCache();
  let version = 0;
  store.on('stored', () => version++);
  store.on('retention', () => version++);

  const queryEvents = async (q: EventQuery): Promise<Result<EventPage>> => {
    const all = store.summaries;
    if (isEmptyFilter(q.filter)) {
      const rows: EventSummary[] = [];
      for (let i = all.length - 1 - q.offset; i >= 0 && rows.length < q.limit; i--) rows.push(all[i]!);
      return ok({ total: all.length, matched: all.length, offset: q.offset, rows });
    }
    const matches = cache.get(store, q.filter, version + all.length);
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
      const r = await store.reader.record(store.segments, s.seq, s.eventId);
      if (!r) continue;
      try {
        addEventPoints(points, s.eventType, JSON.parse(r.raw));
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
      perMinute[59 - Math.max(0, Math.floor(age / 60_000))]!++;
    }
    return ok({
      events: all.length, deliveries: store.deliveries, duplicates: countDuplicates(all),
      stale: store.stale, rejected: deps.rejected.total, byType: Object.fromEntries(store.typeCounts),
      perMinute, ackMsP50: store.latencies.percentile(50), ackMsP99: store.latencies.percentile(99), ackMsMax: store.latencies.max(),
    });
  };

  return {
    queryEvents,
    getEvent: async (id) => {
      const e = await store.getEvent(id);
      return e ? ok(e) : fail(`no stored event with eventId ${id}`);
    },
    listDevices: async () => ok(store.devices),
    getSeries,
    listRejected: async () => ok(deps.rejected.list()),
    getStats,
    getStatus: async () => ok(deps.status()),
    exportEvents: deps.exportEvents,
    setSecrets: deps.setSecrets,
    setTunnelConfig: deps.setTunnelConfig,
    startTunnel: deps.startTunnel,
    stopTunnel: deps.stopTunnel,
    // The desktop shell overrides both (electron/shell/persisted-api.ts).
    getNotificationPrefs: async () => fail(NO_NOTIFICATIONS),
    setNotificationPrefs: async () => fail(NO_NOTIFICATIONS),
    subscribe: deps.subscribe,
  };
}

/** Duplicate deliveries of the events still stored. */
function countDuplicates(all: readonly EventSummary[]): number {
  let n = 0;
  for (const s of all) n += s.deliveries - 1;
  return n;
}
