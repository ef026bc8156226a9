/**
 * Streams `connector-inbox-export/1` JSON. Events are written one by one in timestamp
 * order; each body is the stored raw text, which is already JSON, so it goes out exactly
 * as received and the document is never built in memory.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { EXPORT_FORMAT, type DeviceState, type EventSummary, type ExportedDevice } from '../../shared/records';
import { compileFilter, type EventFilter } from '../../shared/filter';
import { normaliseTimestamp } from '../../shared/dt/timestamp';
import { deviceKey } from '../../shared/device-state';
import { bodyForParse } from '../../shared/dt/body-text';

/** What an export reads (the store's exportSource()). */
export interface ExportSource {
  /** every stored event, in seq order */
  readonly summaries: readonly EventSummary[];
  readonly devices: readonly DeviceState[];
  /**
   * The bodies of events[from…] that one read gives (consecutive events stored together; at
   * least one): bodies[i] is the raw text of events[from + i], undefined when it is gone.
   */
  readBodies(events: readonly EventSummary[], from: number): Promise<(string | undefined)[]>;
  /** the export is done: retention may remove what it listed */
  release(): void;
}

export interface ExportResult {
  count: number;
  /** events listed at the start but gone when read (removed meanwhile by a process that could not be asked to wait) */
  missing: number;
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/**
 * Output chunk size, in UTF-16 units: the chunk (up to 64 kB as a two-byte string) stays under
 * V8's large-object size (128 kB) and dies in the young generation.
 */
const CHUNK_CHARS = 32 * 1024;

export async function writeExport(
  src: ExportSource,
  filter: EventFilter,
  out: Writable,
  onProgress: (done: number, total: number) => void = () => {},
  now: () => Date = () => new Date(),
): Promise<ExportResult> {
  try {
    return await writeEvents(src, filter, out, onProgress, now);
  } finally {
    src.release();
  }
}

async function writeEvents(
  src: ExportSource,
  filter: EventFilter,
  out: Writable,
  onProgress: (done: number, total: number) => void,
  now: () => Date,
): Promise<ExportResult> {
  const chosen = exportOrder(src.summaries.filter(compileFilter(filter)));
  const total = chosen.length;
  const header = { format: EXPORT_FORMAT, exportedAt: now().toISOString(), filter, count: total };
  // count is known up front; the events array follows, then the devices.
  await write(out, JSON.stringify(header).slice(0, -1) + ',"events":[');
  let done = 0, missing = 0;
  const devicesSeen = new Set<string>();
  // One run = consecutive events (in timestamp order) stored in the same segment: the segment
  // is read once per run. Output goes out in chunks of about CHUNK_CHARS, not
  // one chunk per run: a run's text (about 180 kB for a segment of 256 events), flattened for
  // writing, is a V8 large object, and its Buffer copy lives outside the heap; many piled up
  // between two scavenges and some were promoted to old space, growing the export's peak RSS.
  for (let i = 0; i < chosen.length;) {
    const bodies = await src.readBodies(chosen, i);
    const j = i + bodies.length;
    let chunk = '';
    for (let k = i; k < j; k++) {
      const s = chosen[k]!;
      const body = bodies[k - i];
      if (body === undefined) {
        missing++;
        continue;
      }
      const meta = {
        eventId: s.eventId, eventType: s.eventType, projectId: s.projectId, deviceId: s.deviceId, timestamp: s.timestamp,
        receivedAt: s.receivedAt, deliveries: s.deliveries, signature: s.signature, warnings: s.warnings, source: s.source,
        stale: s.stale,
      };
      chunk += `${done ? ',' : ''}\n${JSON.stringify(meta).slice(0, -1)}${bodyMembers(body)}}`;
      devicesSeen.add(deviceKey(s.projectId, s.deviceId));
      if (++done % 1000 === 0) onProgress(done, total);
      if (chunk.length >= CHUNK_CHARS) {
        await write(out, chunk);
        chunk = '';
      }
    }
    i = j;
    if (chunk) await write(out, chunk);
  }
  const devices: ExportedDevice[] = src.devices
    .filter((d) => devicesSeen.has(deviceKey(d.projectId, d.deviceId)))
    .map((d) => ({
      projectId: d.projectId, deviceId: d.deviceId, deviceType: d.deviceType, labels: d.labels,
      latest: Object.fromEntries(Object.entries(d.latest).map(([t, v]) => [t, { eventId: v.eventId, timestamp: v.timestamp }])),
      staleDeliveries: d.staleDeliveries,
    }));
  await write(out, `\n],"devices":${JSON.stringify(devices)}}\n`);
  onProgress(done, total);
  return { count: done, missing };
}

/**
 * `"body":…` for a stored body, and `"bodyBase64"` only when the body member alone would not give
 * back the exact bytes: a leading BOM is not allowed inside a JSON document, and whitespace around
 * the body is lost when a reader cuts the body value out. Only then, so nearly every export stays
 * as small and as fast as before (base64 would add 4/3 of every body); inner whitespace and every
 * other byte survive in "body" itself.
 */
function bodyMembers(body: string): string {
  const value = bodyForParse(body).trim(); // a valid body can only have JSON whitespace at its ends
  if (value.length === body.length) return `,"body":${body}`;
  return `,"bodyBase64":"${Buffer.from(body, 'utf8').toString('base64')}","body":${value}`;
}

/**
 * The events in export order: oldest first by full-precision timestamp (the order of
 * normaliseTimestamp's strings), then by seq; unparsable timestamps first. The sort keys are
 * numbers in typed arrays: one {summary, key string} object per event made tens of MB of
 * long-lived garbage (each key a tree of concatenated pieces until compared; bench/FINDINGS.md §9),
 * which the export's memory then kept as slack to the end.
 */
export function exportOrder(picked: readonly EventSummary[]): EventSummary[] {
  const n = picked.length;
  // A normalised key is `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`: comparing those strings is comparing
  // the 14 digits before the fraction (exact in a double), then the 9 of the fraction.
  const whole = new Float64Array(n), fraction = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    if (readUtcKey(picked[i]!.timestamp, i, whole, fraction)) continue;
    const k = normaliseTimestamp(picked[i]!.timestamp);
    if (k === null) {
      whole[i] = -1;
      continue;
    }
    let w = 0, f = 0;
    for (const p of WHOLE_DIGITS) w = w * 10 + k.charCodeAt(p) - 48;
    for (let p = 20; p < 29; p++) f = f * 10 + k.charCodeAt(p) - 48;
    whole[i] = w;
    fraction[i] = f;
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => whole[a]! - whole[b]! || fraction[a]! - fraction[b]! || picked[a]!.seq - picked[b]!.seq);
  return Array.from(order, (i) => picked[i]!);
}

const WHOLE_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];

const digit = (t: string, p: number) => t.charCodeAt(p) - 48;

/**
 * The common form, `YYYY-MM-DDTHH:MM:SSZ` or with 1–9 fraction digits, read in place into the
 * sort key, the same digits as its normalised string: normaliseTimestamp's regex and string
 * were about 100 ms of a 100k export (every timestamp is new to its cache). false: anything
 * else (offsets, lower case, out of range), which normaliseTimestamp decides.
 */
function readUtcKey(t: string, i: number, whole: Float64Array, fraction: Uint32Array): boolean {
  const len = t.length;
  if (len < 20 || len > 30 || len === 21 || t.charCodeAt(len - 1) !== 90 || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45 ||
    t.charCodeAt(10) !== 84 || t.charCodeAt(13) !== 58 || t.charCodeAt(16) !== 58 || (len > 20 && t.charCodeAt(19) !== 46)) return false;
  let w = 0, f = 0;
  for (const p of WHOLE_DIGITS) {
    const d = digit(t, p);
    if (d < 0 || d > 9) return false;
    w = w * 10 + d;
  }
  for (let p = 20; p < len - 1; p++) {
    const d = digit(t, p);
    if (d < 0 || d > 9) return false;
    f = f * 10 + d;
  }
  for (let p = Math.max(len - 21, 0); p < 9; p++) f *= 10; // padded to 9 digits
  const month = digit(t, 5) * 10 + digit(t, 6), day = digit(t, 8) * 10 + digit(t, 9);
  if (month < 1 || month > 12 || day < 1 || day > 31 || digit(t, 11) * 10 + digit(t, 12) > 23 ||
    digit(t, 14) * 10 + digit(t, 15) > 59 || digit(t, 17) * 10 + digit(t, 18) > 60) return false;
  whole[i] = w;
  fraction[i] = f;
  return true;
}
