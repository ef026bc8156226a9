/**
 * DT Cloud for the running inbox (serve --dt-project, serve --ui, the desktop app): the
 * follower that keeps one connector pointed at the inbox, and the actions of the DT Cloud view
 * (projects, connect, enable/disable, sync, event filter, emulator). Every answer is a Result:
 * DT being unreachable is an error to show, never a throw into the receiver or the quit.
 * The service account is read through `account()` each time, so new credentials take effect.
 */
import { fail, ok, type DtCloudInfo, type Result } from '../../../shared/api/contract';
import type { DtConnectArgs, DtConnectorRef, DtConnectorStatusArgs, DtCredentialsView, DtEmulateArgs, DtEmulationView, DtEventFilterArgs, DtProjectRow } from '../../../shared/api/dt-cloud';
import { isKnownEventType } from '../../../shared/dt/types';
import { SENSORS, type DeviceKind } from '../../../shared/dt/device-kinds';
import type { DtConnectorMetricsView, DtRefreshView } from '../../../shared/api/dt-refresh';
import { createDtClient, listAll, type DtClient } from './client';
import type { DtEndpoints, ServiceAccount } from './config';
import { emulatedDevice, eventSource, type PublishableType } from './emulate';
import { createConnectorFollower, type ConnectorFollower, type FollowerClock, type FollowerStatus, type PublicUrlSource } from './follower';
import { displayNameFor } from './inbox-connector';
import { createDtRefresher, type DtTable } from './refresher';
import { followedInfo } from './view-info';
import type { FetchLike } from './transport';
import { idOf } from './types';

export interface FollowChoice {
  project: string;
  connectorId?: string;
}

export interface DtControllerOptions {
  /** the service account now; undefined when none is set */
  account: () => { account: ServiceAccount; source: DtCredentialsView['source'] } | undefined;
  endpoints: DtEndpoints;
  urls: PublicUrlSource;
  /** the secret the connector signs with (the inbox verifies with it) */
  signatureSecret: () => Promise<string>;
  /** followed from the start (serve --dt-project, the desktop's saved choice) */
  follow?: FollowChoice;
  /** the desktop app saves the choice made in the view */
  onFollow?: (choice: FollowChoice) => Promise<void> | void;
  /** what the view says when there is no service account */
  noAccountHint: string;
  canSetCredentials: boolean;
  displayName?: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  clock?: FollowerClock;
  downGraceMs?: number;
  now?: () => number;
  /** how long connect/enable wait for the connector to settle before answering; default 10 s */
  settleMs?: number;
}

export interface DtController {
  info(): Promise<Result<DtCloudInfo>>;
  listProjects(): Promise<Result<DtProjectRow[]>>;
  connect(args: DtConnectArgs): Promise<Result<DtCloudInfo>>;
  setConnectorStatus(args: DtConnectorStatusArgs): Promise<Result<DtCloudInfo>>;
  sync(args: DtConnectorRef): Promise<Result<DtCloudInfo>>;
  setEventFilter(args: DtEventFilterArgs): Promise<Result<DtCloudInfo>>;
  emulate(args: DtEmulateArgs): Promise<Result<DtEmulationView>>;
  /** the last emulator run, unmatched (the service matches arrivals from its store) */
  emulation(): DtEmulationView | undefined;
  /** the account changed: a new client, and the follower restarted with it */
  credentialsChanged(): Promise<void>;
  /** starts following the chosen project, if any (after the receiver and tunnel exist) */
  start(): Promise<void>;
  /** every follower status, across restarts */
  onStatus(listener: (s: FollowerStatus) => void): () => void;
  followerStatus(): FollowerStatus | undefined;
  /** a view shows the table: 30 s refreshes for a while (refresher.ts) */
  watch(): DtRefreshView;
  /** the table refreshed now (unless DT asked to wait), then the answer */
  refresh(): Promise<Result<DtCloudInfo>>;
  /** each refreshed table, for the push to the views */
  onRefresh(listener: (t: DtTable) => void): () => void;
  /** DT's metrics of any connector, on demand */
  connectorMetrics(ref: DtConnectorRef): Promise<Result<DtConnectorMetricsView>>;
  /** the client for the service account now (backfill, stream); undefined without one */
  client(): DtClient | undefined;
  /** where DT reaches the receiver now (the tunnel's URL, or --public-url); undefined while there is none */
  publicUrl(): string | undefined;
  /** disables the followed connector within the deadline; never rejects */
  stop(deadlineMs: number): Promise<void>;
}

const message = (e: unknown) => (e as Error)?.message ?? String(e);

export function createDtController(opts: DtControllerOptions): DtController {
  const now = opts.now ?? Date.now;
  const displayName = opts.displayName ?? displayNameFor();
  const listeners = new Set<(s: FollowerStatus) => void>();
  let cached: { key: ServiceAccount; client: DtClient } | undefined;
  let follow = opts.follow;
  let follower: ConnectorFollower | undefined;
  let emulation: DtEmulationView | undefined;
  let stopped = false;

  const client = (): DtClient | undefined => {
    const a = opts.account();
    if (!a) return undefined;
    if (cached?.key !== a.account) cached = { key: a.account, client: createDtClient({ account: a.account, endpoints: opts.endpoints, fetch: opts.fetch, timeoutMs: opts.timeoutMs ?? 5_000, now }) };
    return cached.client;
  };
  const credentials = (): DtCredentialsView | null => {
    const a = opts.account();
    return a ? { keyId: a.account.keyId, email: a.account.email, source: a.source } : null;
  };
  const withClient = async <T>(fn: (c: DtClient) => Promise<Result<T>>): Promise<Result<T>> => {
    const c = client();
    if (!c) return fail(opts.noAccountHint);
    try {
      return await fn(c);
    } catch (e) {
      return fail(message(e)); // DtCloudError messages are already scrubbed of the secret
    }
  };

  const startFollowing = async (): Promise<void> => {
    const c = client();
    if (!c || !follow || stopped) return;
    const f = createConnectorFollower({
      client: c, project: follow.project, connectorId: follow.connectorId, displayName,
      signatureSecret: await opts.signatureSecret(), urls: opts.urls, clock: opts.clock, downGraceMs: opts.downGraceMs,
    });
    follower = f;
    let shown = '';
    f.onStatus((s) => {
      for (const l of listeners) l(s);
      // the follower created, pointed or disabled the connector: the table shows it at once, once per change
      const key = `${s.connectorId}|${s.url}|${s.state}`;
      if ((s.state === 'active' || s.state === 'disabled') && key !== shown) { shown = key; void refresher.refreshNow(); }
    });
    f.start();
  };
  const stopFollowing = async (deadlineMs: number) => {
    const f = follower;
    follower = undefined;
    await f?.stop(deadlineMs);
  };

  /** Waits until the follower is past 'syncing' (bounded): the answer then shows the outcome. */
  const settled = (f: ConnectorFollower | undefined): Promise<void> => new Promise((resolve) => {
    if (!f || !opts.urls.current()) return resolve();
    const done = (s: FollowerStatus) => ['active', 'disabled', 'retrying', 'stopped'].includes(s.state);
    if (done(f.status()) && f.status().connectorId) return resolve();
    const timer = setTimeout(finish, opts.settleMs ?? 10_000);
    const off = f.onStatus((s) => { if (done(s)) finish(); });
    function finish() { clearTimeout(timer); off(); resolve(); }
  });

  const isOurs = (project: string, connectorId: string) =>
    follower !== undefined && follow?.project === project && follower.status().connectorId === connectorId;

  const httpPush = async (c: DtClient, project: string, id: string) => {
    const conn = await c.getConnector(project, id);
    if (conn.type !== 'HTTP_PUSH') throw new Error(`data connector ${id} is of type ${conn.type}: the inbox leaves connectors other than HTTP push alone`);
    return conn;
  };

  const refresher = createDtRefresher({
    clock: opts.clock,
    target: () => {
      const c = client();
      return c && follow ? { client: c, project: follow.project, ours: follower?.status().connectorId ?? follow.connectorId } : undefined;
    },
    // a SYSTEM_DISABLED seen in a refresh reaches the follower (tray, notification) without waiting for its own poll
    onRows: async (rows) => {
      const ours = rows.find((r) => r.ours);
      if (follower && ours && (ours.status === 'SYSTEM_DISABLED') !== follower.status().systemDisabled) await follower.refresh();
    },
  });

  /** What the view shows: the follower now, and the table as the refresher last had it (no DT call unless there is none yet). */
  const info = async (): Promise<Result<DtCloudInfo>> => {
    const base = { credentials: credentials(), canSetCredentials: opts.canSetCredentials };
    const c = client();
    if (!c) return ok({ configured: false, hint: opts.noAccountHint, ...base });
    if (!follow) return ok({ configured: false, hint: 'Choose a project and press Connect this inbox: its data connector then follows the inbox\'s public URL.', ...base });
    return ok(followedInfo({ ...base, project: follow.project, connectorId: follow.connectorId, follower: follower?.status(), table: await refresher.current(), emulation }));
  };
  /** After an action: the table refreshed at once (one refresh started after `since` is enough), then the answer. */
  const fresh = async (since?: number) => {
    await refresher.refreshNow(since);
    return info();
  };

  return {
    info,
    listProjects: () => withClient(async (c) => ok((await listAll('your projects', (p) => c.listProjects(p))).map((p) => ({
      id: idOf(p.name), displayName: p.displayName, organization: p.organizationDisplayName ?? p.organization ?? '',
    })))),
    connect: (args) => withClient(async (c) => {
      const since = refresher.mark();
      if (args.connectorId) await httpPush(c, args.project, args.connectorId);
      // The connector already followed (named or not): re-apply rather than disable and re-create the follower.
      const currentId = follower?.status().connectorId ?? follow?.connectorId;
      const same = follower && follow?.project === args.project && (!args.connectorId || args.connectorId === currentId);
      if (same) await follower!.resync();
      else {
        await stopFollowing(3_000);
        follow = { project: args.project, connectorId: args.connectorId };
        await opts.onFollow?.(follow);
        await startFollowing();
      }
      await settled(follower);
      return fresh(since);
    }),
    setConnectorStatus: (args) => withClient(async (c) => {
      await httpPush(c, args.project, args.connectorId);
      // a refresh started after the change will do (the follower's own, once it applied or read it back)
      let since = refresher.mark();
      if (isOurs(args.project, args.connectorId) && args.status === 'ACTIVE') {
        await follower!.resync();
      } else {
        // ours, disabled by hand: the follower leaves it disabled (a new tunnel URL does not
        // re-enable it) until Enable or Connect
        if (isOurs(args.project, args.connectorId)) follower!.hold();
        await c.updateConnector(args.project, args.connectorId, { status: args.status });
        since = refresher.mark();
        if (isOurs(args.project, args.connectorId)) await follower!.refresh();
      }
      return fresh(since);
    }),
    sync: (args) => withClient(async (c) => {
      await httpPush(c, args.project, args.connectorId);
      await c.syncConnector(args.project, args.connectorId);
      return fresh();
    }),
    setEventFilter: (args) => withClient(async (c) => {
      await httpPush(c, args.project, args.connectorId);
      await c.updateConnector(args.project, args.connectorId, { events: [...new Set(args.events)] });
      const since = refresher.mark();
      if (isOurs(args.project, args.connectorId)) await follower!.refresh();
      return fresh(since);
    }),
    emulate: (args) => withClient(async (c) => {
      if (!isKnownEventType(args.type) || args.type === 'labelsChanged') return fail(`${args.type} cannot be published by the emulator`);
      const type = args.type as PublishableType;
      if (args.kind && !(SENSORS as readonly string[]).concat('ccon').includes(args.kind)) return fail(`unknown device kind ${args.kind}`);
      const { device } = await emulatedDevice(c, args.project, type, undefined, args.kind as DeviceKind | undefined);
      const deviceId = idOf(device.name);
      const run: DtEmulationView = { project: args.project, deviceId, deviceKind: device.type, type, published: [] };
      emulation = run;
      const next = eventSource(device, type, now);
      for (let n = 1; n <= args.count; n++) {
        // taken before the request: DT may deliver the event before it answers the publish
        const publishedAt = new Date(now()).toISOString();
        await c.publish(args.project, deviceId, next());
        run.published.push({ n, publishedAt });
      }
      return ok(structuredClone(run));
    }),
    emulation: () => (emulation ? structuredClone(emulation) : undefined),
    async credentialsChanged() {
      cached = undefined;
      if (stopped) return;
      await stopFollowing(3_000);
      await startFollowing();
    },
    onStatus(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    followerStatus: () => follower?.status(),
    watch: () => refresher.watch(),
    refresh: () => fresh(),
    onRefresh: (l) => refresher.onChange(l),
    connectorMetrics: (ref) => withClient(async (c) => ok({ ...(await c.connectorMetrics(ref.project, ref.connectorId)), fetchedAt: new Date(now()).toISOString() })),
    client,
    publicUrl: () => opts.urls.current(),
    async start() {
      await startFollowing();
      void refresher.refreshNow(); // the first table, and from it the 5 min pace
    },
    async stop(deadlineMs) {
      stopped = true;
      refresher.stop();
      await stopFollowing(deadlineMs);
    },
  };
}
