/**
 * Fills one time window of one project from DT's event history: every device (DT's device
 * list, paginated), each device's history over the window (paginated, newest first as DT
 * serves it, the connector's event filter applied), a few devices at a time. Every fetched
 * event goes through intake with source `history`; ids already stored are counted, never
 * stored twice. Errors (DT down, 429 past its retries, a timeout) reject the whole fill: the
 * caller then leaves the gap open, and the next fill fetches it again (what was stored stays).
 */
import type { DtClient } from '../dt-cloud/client';
import { pages } from '../dt-cloud/client';
import type { Device, DtHistoryEvent } from '../dt-cloud/types';
import { idOf } from '../dt-cloud/types';
import { arrivalFromEvent, type Intake } from '../intake';
import { compareTimestamps } from '../../../shared/dt/timestamp';

export interface FillRequest {
  project: string;
  /** ms since the epoch, [from, to) */
  from: number;
  to: number;
  /** only these device ids (default: every device of the project) */
  devices?: readonly string[];
  /** the connector's event filter; empty or absent: every type */
  eventTypes?: readonly string[];
  /** the connector's label keys (the built body's labels); absent: all of the device's */
  labelKeys?: readonly string[];
}

export interface FillProgress {
  devicesDone: number;
  devicesTotal: number;
  fetched: number;
  added: number;
}

export interface FillResult extends FillProgress {
  alreadyStored: number;
  /** fetched events that are not DT events (kept out, counted) */
  invalid: number;
  /** the oldest event time DT's history returned in the window (ISO), if any */
  oldestFetched?: string;
}

export interface FillDeps {
  client: Pick<DtClient, 'listDevices' | 'deviceEvents'>;
  intake: Intake;
  now?: () => number;
  /** devices fetched at once; default 4 (DT answers 429 to more, and the Retry-After is honoured by the client) */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (p: FillProgress) => void;
}

/** DT does not document whether the window's end is exclusive; a minute each side costs a few duplicates, never a lost event. */
export const WINDOW_MARGIN_MS = 60_000;
const HISTORY_PAGE = 1000;

export async function fillWindow(req: FillRequest, deps: FillDeps): Promise<FillResult> {
  const now = deps.now ?? Date.now;
  const devices = await listDevices(req, deps);
  const r: FillResult = { devicesDone: 0, devicesTotal: devices.length, fetched: 0, added: 0, alreadyStored: 0, invalid: 0 };
  deps.onProgress?.({ ...r });
  const query = {
    eventTypes: req.eventTypes?.length ? [...req.eventTypes] : undefined,
    startTime: new Date(Math.max(0, req.from - WINDOW_MARGIN_MS)).toISOString(),
    endTime: new Date(req.to + WINDOW_MARGIN_MS).toISOString(),
  };
  const one = async (device: Device) => {
    const id = idOf(device.name);
    for await (const events of pages((page) => deps.client.deviceEvents(req.project, id, query, page), HISTORY_PAGE, undefined, `the event history of device ${id}`)) {
      deps.signal?.throwIfAborted();
      await storePage(events, device, req, deps, r, now);
    }
    r.devicesDone++;
    deps.onProgress?.({ devicesDone: r.devicesDone, devicesTotal: r.devicesTotal, fetched: r.fetched, added: r.added });
  };
  await pool(devices, deps.concurrency ?? 4, one, deps.signal);
  return r;
}

async function listDevices(req: FillRequest, deps: FillDeps): Promise<Device[]> {
  const all: Device[] = [];
  for await (const items of pages((page) => deps.client.listDevices(req.project, page), 100, undefined, `the devices of project ${req.project}`)) {
    deps.signal?.throwIfAborted();
    all.push(...items);
  }
  if (!req.devices?.length) return all;
  const wanted = new Set(req.devices);
  return all.filter((d) => wanted.has(idOf(d.name)));
}

async function storePage(events: DtHistoryEvent[], device: Device, req: FillRequest, deps: FillDeps, r: FillResult, now: () => number): Promise<void> {
  const receivedAt = new Date(now()).toISOString();
  const receipts = [];
  for (const e of events) {
    r.fetched++;
    if (!r.oldestFetched || compareTimestamps(e.timestamp, r.oldestFetched) < 0) r.oldestFetched = e.timestamp;
    const built = arrivalFromEvent(e, device, { source: 'history', labelKeys: req.labelKeys, receivedAt });
    if (!built.ok) {
      r.invalid++;
      continue;
    }
    receipts.push(deps.intake.ingest(built.arrival));
  }
  // one page in flight at a time per device: the store's group commit takes the page in a few writes
  for (const receipt of await Promise.all(receipts)) {
    if (receipt.outcome === 'accepted') r.added++;
    else r.alreadyStored++;
  }
}

/** Runs `work` over `items`, `size` at a time; the first failure rejects (the others finish first). */
async function pool<T>(items: T[], size: number, work: (t: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  let failure: unknown;
  const lane = async () => {
    while (failure === undefined && next < items.length) {
      signal?.throwIfAborted();
      const item = items[next++]!;
      try {
        await work(item);
      } catch (e) {
        failure ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, lane));
  if (failure !== undefined) throw failure;
}
