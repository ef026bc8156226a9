/**
 * Keeps one Data Connector pointed at the inbox while it runs (`serve --dt-project`): when
 * the public URL is known the connector (by id, else by our display name, else created) is
 * set to it and ACTIVE; a new URL updates it; a URL gone for `downGraceMs` (5 min) disables
 * it until the URL is back; stop() disables it within a deadline. DT being unreachable
 * never blocks anything: each failure is reported in the status and retried with backoff.
 * DT's SYSTEM_DISABLED (after prolonged failures, queue dropped) is reported.
 */
import type { Clock } from '../../../shared/clock';
import { backoffDelay, type Backoff } from '../backoff';
import { nodeClock } from '../node-clock';
import type { DtClient } from './client';
import { applyInboxConnector, findInboxConnector } from './inbox-connector';
import { idOf, type DataConnector } from './types';

/** Where DT should POST: the tunnel's URL while it is online, or a fixed --public-url. */
export interface PublicUrlSource {
  /** undefined while there is none (tunnel connecting or down) */
  current(): string | undefined;
  onChange(listener: (url: string | undefined) => void): () => void;
}

export type FollowerClock = Clock;

export interface FollowerOptions {
  client: DtClient;
  project: string;
  connectorId?: string;
  displayName: string;
  signatureSecret: string;
  urls: PublicUrlSource;
  clock?: FollowerClock;
  /** draws the backoff's jitter; default Math.random */
  random?: () => number;
  /** how long the URL may be gone before the connector is disabled; default 5 min */
  downGraceMs?: number;
  /** how often an ACTIVE connector is read back to notice SYSTEM_DISABLED; default 5 min */
  pollMs?: number;
}

export interface FollowerStatus {
  state: 'waiting' | 'syncing' | 'active' | 'disabled' | 'retrying' | 'stopped';
  project: string;
  connectorId?: string;
  /** the URL the connector points at, as last applied */
  url?: string;
  /** DT disabled the connector after failed deliveries (its queue is dropped) */
  systemDisabled: boolean;
  lastError?: string;
  nextRetryInMs?: number;
}

/** 2 s doubling to 60 s, ±20 % so that many inboxes retrying DT after an outage do not arrive together */
export const FOLLOWER_BACKOFF: Backoff = { initialMs: 2_000, capMs: 60_000, jitter: 0.2 };

export interface ConnectorFollower {
  start(): void;
  status(): FollowerStatus;
  onStatus(listener: (s: FollowerStatus) => void): () => void;
  /** forgets what it knew of the connector and applies the URL again (re-enables a disabled one); resolves when done or failed */
  resync(): Promise<void>;
  /** reads the connector back from DT (after someone else changed it) */
  refresh(): Promise<void>;
  /** the user disabled the connector: leave it so, whatever the URL does, until resync() */
  hold(): void;
  /** disables the connector, bounded by `deadlineMs`; never rejects */
  stop(deadlineMs: number): Promise<void>;
}

export function createConnectorFollower(opts: FollowerOptions): ConnectorFollower {
  const clock = opts.clock ?? nodeClock;
  const grace = opts.downGraceMs ?? 5 * 60_000;
  const pollMs = opts.pollMs ?? 5 * 60_000;
  const listeners = new Set<(s: FollowerStatus) => void>();
  let st: FollowerStatus = { state: 'waiting', project: opts.project, connectorId: opts.connectorId, systemDisabled: false };
  let connector: DataConnector | undefined;
  let applied = false; // our URL and secret written at least once by this run
  let downSince: number | undefined;
  let stopping = false;
  let held = false; // disabled by the user: not ours to put back until they enable or connect it
  let attempt = 0;
  let busy: Promise<void> | undefined;
  let again = false;
  const timers = { retry: undefined as unknown, down: undefined as unknown, poll: undefined as unknown };
  let unsubscribe: (() => void) | undefined;

  const set = (patch: Partial<FollowerStatus>) => {
    st = { ...st, ...patch };
    for (const l of listeners) {
      try { l(st); } catch { /* a bad listener must not stop the follower */ }
    }
  };
  const clear = (k: keyof typeof timers) => {
    if (timers[k] !== undefined) clock.clearTimeout(timers[k]);
    timers[k] = undefined;
  };

  /** What the connector should be now; undefined = nothing to do yet. */
  const desired = (): { status: 'ACTIVE'; url: string } | { status: 'USER_DISABLED' } | undefined => {
    if (stopping) return { status: 'USER_DISABLED' };
    if (held) return undefined;
    const url = opts.urls.current();
    if (url) return { status: 'ACTIVE', url };
    if (downSince !== undefined && clock.now() - downSince >= grace) return { status: 'USER_DISABLED' };
    return undefined;
  };

  const noteStatus = (c: DataConnector) => {
    connector = c;
    set({ connectorId: idOf(c.name), url: c.httpConfig?.url, systemDisabled: c.status === 'SYSTEM_DISABLED' });
  };

  const step = async (): Promise<void> => {
    const want = desired();
    if (!want) return;
    if (!connector) {
      set({ state: 'syncing' });
      const found = await findInboxConnector(opts.client, opts.project, opts.displayName, opts.connectorId);
      if (found) noteStatus(found);
    }
    if (want.status === 'ACTIVE') {
      if (applied && connector?.status === 'ACTIVE' && connector.httpConfig?.url === want.url) return set({ state: 'active' });
      set({ state: 'syncing' });
      const { connector: c } = await applyInboxConnector(opts.client, opts.project, opts.displayName, { url: want.url, signatureSecret: opts.signatureSecret }, connector);
      applied = true;
      noteStatus(c);
      set({ state: c.status === 'ACTIVE' ? 'active' : 'disabled' });
      return schedulePoll();
    }
    clear('poll');
    if (connector && connector.status === 'ACTIVE') {
      set({ state: 'syncing' });
      noteStatus(await opts.client.updateConnector(opts.project, idOf(connector.name), { status: 'USER_DISABLED' }));
    }
    set({ state: stopping ? 'stopped' : 'disabled' });
  };

  const schedulePoll = () => {
    clear('poll');
    timers.poll = clock.setTimeout(() => {
      timers.poll = undefined;
      if (!connector || stopping) return;
      opts.client.getConnector(opts.project, idOf(connector.name)).then((c) => {
        noteStatus(c);
        if (c.status !== 'ACTIVE') set({ state: 'disabled' });
        schedulePoll();
      }, () => schedulePoll()); // a failed read is not worth an alarm: try at the next poll
    }, pollMs);
  };

  /** Runs steps one at a time; a request while one runs is folded into one more step. */
  const kick = (): Promise<void> => {
    if (busy) {
      again = true;
      return busy;
    }
    busy = (async () => {
      do {
        again = false;
        try {
          await step();
          attempt = 0;
          if (st.lastError) set({ lastError: undefined, nextRetryInMs: undefined });
        } catch (e) {
          if (stopping) return; // stop() makes its own attempt, bounded by its deadline
          attempt++;
          const wait = backoffDelay(attempt, FOLLOWER_BACKOFF, opts.random);
          set({ state: 'retrying', lastError: (e as Error).message, nextRetryInMs: wait });
          clear('retry');
          timers.retry = clock.setTimeout(() => { timers.retry = undefined; void kick(); }, wait);
          return;
        }
      } while (again && !stopping);
    })().finally(() => { busy = undefined; });
    return busy;
  };

  const onUrl = (url: string | undefined) => {
    if (stopping) return;
    if (url) {
      downSince = undefined;
      clear('down');
    } else if (downSince === undefined) {
      downSince = clock.now();
      timers.down = clock.setTimeout(() => { timers.down = undefined; void kick(); }, grace);
    }
    clear('retry');
    void kick();
  };

  return {
    start() {
      unsubscribe = opts.urls.onChange(onUrl);
      onUrl(opts.urls.current());
    },
    status: () => st,
    resync() {
      if (stopping) return Promise.resolve();
      held = false;
      connector = undefined;
      applied = false;
      clear('retry');
      return kick();
    },
    async refresh() {
      if (!connector || stopping) return;
      const c = await opts.client.getConnector(opts.project, idOf(connector.name));
      noteStatus(c);
      if (c.status !== 'ACTIVE') set({ state: 'disabled' });
      else if (st.state === 'disabled' && opts.urls.current()) set({ state: 'active' });
    },
    hold() {
      held = true;
      clear('retry');
    },
    onStatus(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async stop(deadlineMs) {
      if (stopping) return;
      stopping = true;
      unsubscribe?.();
      for (const k of ['retry', 'down', 'poll'] as const) clear(k);
      let timer: unknown;
      const deadline = new Promise<'late'>((r) => { timer = clock.setTimeout(() => r('late'), deadlineMs); });
      const work = (async () => {
        await busy?.catch(() => undefined);
        // Known only by the --dt-connector id (DT was never reached): disable it by id all the same.
        if (!connector && opts.connectorId) {
          await opts.client.updateConnector(opts.project, opts.connectorId, { status: 'USER_DISABLED' }).then(noteStatus);
          return;
        }
        await step();
      })().then(() => 'done' as const, (e: Error) => e);
      const r = await Promise.race([work, deadline]);
      clock.clearTimeout(timer);
      if (r === 'late') set({ state: 'stopped', lastError: `DT Cloud did not answer within ${deadlineMs} ms: the connector may still be ACTIVE` });
      else if (r instanceof Error) set({ state: 'stopped', lastError: `could not disable the connector: ${r.message}` });
      else set({ state: 'stopped' });
    },
  };
}
