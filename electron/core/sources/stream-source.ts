/**
 * DT's event stream as a source: an inbox without a tunnel or an ngrok account. One
 * long-lived GET; pings (or events) at the ping interval keep it alive, two intervals of
 * silence mean it is dead (the client's idle timeout). It reconnects with backoff (1 s to
 * 1 min) and, each time it is back, the gap is filled from history: DT never replays what
 * was sent while the stream was away. Events go through intake like any other, with
 * notifications as usual; the coverage log holds the periods the stream was open.
 */
import type { SourceStatus } from '../../../shared/api/backfill';
import type { CoverageLog } from '../coverage';
import type { DtClient } from '../dt-cloud/client';
import { listAll } from '../dt-cloud/client';
import { idOf, type Device } from '../dt-cloud/types';
import { arrivalFromEvent, type Intake } from '../intake';
import { reconnectDelayMs, type InboxSource } from './source';
import { abortableSleep } from '../abortable-sleep';

export interface StreamSourceOptions {
  project: string;
  client: () => Pick<DtClient, 'openEventStream' | 'listDevices'> | undefined;
  intake: Intake;
  coverage: CoverageLog;
  deviceIds?: string[];
  eventTypes?: string[];
  pingIntervalS?: number;
  /** the stream is open again: fill the gap it left */
  onConnected: (project: string) => void;
  onChange?: () => void;
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** How often the device list is read again for a device the stream names but the list did not have. */
const DEVICES_REFRESH_MS = 60_000;

export function streamSource(o: StreamSourceOptions): InboxSource {
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? abortableSleep;
  const stopping = new AbortController();
  let state: SourceStatus['state'] = 'idle';
  let detail = 'not started';
  let received = 0;
  let loop: Promise<void> | undefined;
  const devices = new Map<string, Device>();
  let devicesReadAt = -Infinity;

  const set = (s: SourceStatus['state'], d: string) => {
    state = s;
    detail = d;
    o.onChange?.();
  };

  const readDevices = async (c: Pick<DtClient, 'listDevices'>) => {
    devicesReadAt = now();
    for (const d of await listAll(`the devices of project ${o.project}`, (p) => c.listDevices(o.project, p))) devices.set(idOf(d.name), d);
  };

  const deviceOf = async (c: Pick<DtClient, 'listDevices'>, targetName: string): Promise<Device | undefined> => {
    const id = idOf(targetName);
    if (!devices.has(id) && now() - devicesReadAt >= DEVICES_REFRESH_MS) await readDevices(c).catch(() => undefined);
    return devices.get(id);
  };

  const session = async (c: Pick<DtClient, 'openEventStream' | 'listDevices'>): Promise<boolean> => {
    let open = false;
    try {
      for await (const e of c.openEventStream(o.project, { deviceIds: o.deviceIds, eventTypes: o.eventTypes, pingIntervalS: o.pingIntervalS, signal: stopping.signal })) {
        if (!open) {
          open = true;
          await o.coverage.open(o.project, 'stream', now());
          set('receiving', `receiving from DT's event stream for project ${o.project}`);
          o.onConnected(o.project);
        }
        if (e.eventType === 'ping') continue;
        const built = arrivalFromEvent(e, await deviceOf(c, e.targetName), { source: 'stream', receivedAt: new Date(now()).toISOString() });
        if (!built.ok) continue; // not a DT event: nothing to store (the backfill would not store it either)
        // a failed write ends the session: the coverage closes before the event, so the next fill fetches it
        await o.intake.ingest(built.arrival);
        received++;
      }
      return open;
    } finally {
      if (open) await o.coverage.end(o.project, 'stream', now()).catch(() => undefined);
    }
  };

  const run = async () => {
    for (let attempt = 0; !stopping.signal.aborted;) {
      const c = o.client();
      if (!c) {
        set('failed', 'no DT service account: the stream needs one (DT_SERVICE_ACCOUNT_KEY_ID, _SECRET, _EMAIL)');
        return;
      }
      set('connecting', attempt ? `reconnecting to DT's event stream (attempt ${attempt + 1})` : `connecting to DT's event stream for project ${o.project}`);
      try {
        if (devices.size === 0) await readDevices(c);
        const wasOpen = await session(c);
        if (wasOpen) attempt = 0;
        if (stopping.signal.aborted) break;
        attempt++;
        set('down', `the stream ended; reconnecting in ${Math.round(reconnectDelayMs(attempt) / 1000)} s`);
      } catch (e) {
        if (stopping.signal.aborted) break;
        attempt++;
        set('down', `${(e as Error).message}; reconnecting in ${Math.round(reconnectDelayMs(attempt) / 1000)} s`);
      }
      await sleep(reconnectDelayMs(attempt), stopping.signal);
    }
    set('off', 'stopped');
  };

  return {
    start() {
      loop ??= run();
    },
    async stop(deadlineMs) {
      stopping.abort();
      await Promise.race([loop, new Promise((r) => setTimeout(r, deadlineMs).unref())]);
    },
    status: () => ({ kind: 'stream', state, project: o.project, detail: received ? `${detail} (${received} events this run)` : detail }),
  };
}
