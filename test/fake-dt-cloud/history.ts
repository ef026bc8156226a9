/**
 * The fake's per-device event history, as DT's REST history serves it: each event exactly the
 * `event` object a connector's body carries, queried newest first within a time window.
 * Kept sorted by timestamp (full precision, not `Date`'s milliseconds) so a query is two binary
 * searches and a walk, cheap even for the 10k-event histories a benchmark seeds.
 */

export interface HistoryEvent {
  eventId: string;
  /** `projects/{p}/devices/{d}` */
  targetName: string;
  eventType: string;
  data: Record<string, unknown>;
  timestamp: string;
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * A sortable key for an RFC 3339 time: UTC, the fraction padded to 9 digits, so string order
 * is time order. `undefined` when the text is not RFC 3339.
 */
export function timeKey(ts: string): string | undefined {
  const m = RFC3339.exec(ts);
  if (!m) return undefined;
  const [, date, time, frac = '', zone] = m;
  const whole = Date.parse(`${date}T${time}${zone!.toUpperCase()}`);
  if (!Number.isFinite(whole)) return undefined;
  // UTC already (DT's form): no Date round trip, which is most of a 10k-event seed's cost
  const utc = zone === 'Z' || zone === 'z' ? `${date}T${time}` : new Date(whole).toISOString().slice(0, 19);
  return `${utc}.${frac.padEnd(9, '0')}Z`;
}

/** Where a page ended: the next page holds only events strictly before it in (key, seq) order. */
export interface Cursor { key: string; seq: number }

export const encodeCursor = (c: Cursor): string => Buffer.from(`${c.key}|${c.seq}`).toString('base64url');

export function decodeCursor(token: string): Cursor | undefined {
  const [key, seq] = Buffer.from(token, 'base64url').toString().split('|');
  const n = Number(seq);
  return key && timeKey(key) === key && Number.isInteger(n) ? { key, seq: n } : undefined;
}

export interface HistoryQuery {
  types?: Set<string>;
  /** inclusive */
  startKey?: string;
  /** exclusive (the fake's choice: DT does not document the end's exclusivity) */
  endKey?: string;
  before?: Cursor;
  pageSize: number;
}

interface Entry { key: string; seq: number; event: HistoryEvent }

const before = (a: Entry, c: Cursor) => a.key < c.key || (a.key === c.key && a.seq < c.seq);

/** first index whose entry is not below the bound (entries ascending by key, then seq) */
function lowerBound(list: Entry[], below: (e: Entry) => boolean): number {
  let lo = 0, hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (below(list[mid]!)) lo = mid + 1; else hi = mid;
  }
  return lo;
}

export class HistoryStore {
  private readonly byDevice = new Map<string, Entry[]>();
  // Insertion order breaks ties between equal timestamps, so a cursor never skips or repeats one.
  private seq = 0;

  add(deviceId: string, event: HistoryEvent): void {
    const list = this.list(deviceId);
    const entry = this.entry(event);
    const last = list[list.length - 1];
    if (!last || last.key <= entry.key) list.push(entry);
    else list.splice(lowerBound(list, (e) => e.key <= entry.key), 0, entry);
  }

  /** many at once: appended, then one sort (an out-of-order seed costs n log n, not n²) */
  addMany(deviceId: string, events: HistoryEvent[]): void {
    const list = this.list(deviceId);
    for (const ev of events) list.push(this.entry(ev));
    list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.seq - b.seq));
  }

  /** every stored event of the device, oldest first */
  all(deviceId: string): HistoryEvent[] {
    return (this.byDevice.get(deviceId) ?? []).map((e) => e.event);
  }

  /** one page, newest first, and the cursor of the next page when there is more */
  query(deviceId: string, q: HistoryQuery): { events: HistoryEvent[]; next?: Cursor } {
    const list = this.byDevice.get(deviceId) ?? [];
    const lo = q.startKey ? lowerBound(list, (e) => e.key < q.startKey!) : 0;
    let hi = q.endKey ? lowerBound(list, (e) => e.key < q.endKey!) : list.length;
    if (q.before) hi = Math.min(hi, lowerBound(list, (e) => before(e, q.before!)));
    const events: HistoryEvent[] = [];
    let last: Entry | undefined;
    for (let i = hi - 1; i >= lo; i--) {
      const e = list[i]!;
      if (q.types && !q.types.has(e.event.eventType)) continue;
      if (events.length === q.pageSize) return { events, next: { key: last!.key, seq: last!.seq } };
      events.push(e.event);
      last = e;
    }
    return { events };
  }

  private list(deviceId: string): Entry[] {
    let list = this.byDevice.get(deviceId);
    if (!list) this.byDevice.set(deviceId, (list = []));
    return list;
  }

  private entry(event: HistoryEvent): Entry {
    const key = timeKey(event.timestamp);
    if (!key) throw new Error(`not an RFC 3339 timestamp: ${event.timestamp}`);
    return { key, seq: this.seq++, event };
  }
}
