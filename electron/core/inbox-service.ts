/**
 * The inbox service: store + receiver + (optional) tunnel, and the contract over them.
 * Runs without Electron: the CLI's `serve` and the desktop main process both build one.
 * It wires; the parts live beside it (push-bus.ts, app-status.ts, receiver/, store/).
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PassThrough, type Writable } from 'node:stream';
import type { InboxApi, ReceiveMode, TunnelStatus } from '../../shared/api/contract';
import { fail, ok } from '../../shared/api/contract';
import type { EventFilter } from '../../shared/filter';
import { createInboxApi } from './inbox-api';
import { createReceiverApp } from './receiver/app';
import { createReceiverServer, listen } from './receiver/server';
import { verifySignature } from './signature';
import { EventStore, keepAckLatencies, lockDataDir } from './store';
import { openHealthLog, type HealthLog } from './health-log';
import { writeExport, type ExportResult } from './export';
import { CoreError } from './errors';
import { PushBus } from './push-bus';
import { coalescedEventsPush } from './events-push';
import { appStatus } from './app-status';
import type { TunnelController } from './tunnel';
import type { DtController } from './dt-cloud';
import { wireDtHealth } from './dt-cloud/dt-health-wiring';
import { ForwardController, forwardingApi } from './forward';
import { replayApi } from './replay';
import type { ForwardSettingsInput } from '../../shared/api/forward';
import { openCoverageLog } from './coverage';
import { createSources, type Sources, type StreamChoice } from './sources';
import { sendTestEventsApi } from './simulator/test-events';

export interface InboxServiceOptions {
  dataDir: string;
  port: number;
  host?: string;
  secrets: string[];
  allowExpired?: boolean;
  maxBody?: string;
  maxEvents?: number;
  segmentSize?: number;
  tunnel?: TunnelController;
  /** for port 0: build the tunnel once the receiver's real port is known */
  makeTunnel?: (receiverPort: number) => TunnelController;
  mode: 'desktop' | 'browser';
  /** DT Cloud for the inspector (serve with a service account, the desktop app); absent: the view says how to connect */
  dtCloud?: DtController;
  /** forward every acknowledged delivery to the tester's receiver (serve --forward-to) */
  forward?: ForwardSettingsInput;
  /** receive from DT's event stream (serve --dt-stream); needs a service account (dtCloud's, or `dtClient`) */
  stream?: StreamChoice;
  /** false: no receiver port (stream only: nothing pushes to the inbox) */
  receiver?: boolean;
  /** the desktop's Setup chooses how events arrive; `choose` saves it and starts or stops the tunnel */
  receiveMode?: { choose(mode: ReceiveMode): Promise<void> };
}

export interface InboxService {
  api: InboxApi;
  tunnel?: TunnelController;
  receiverUrl: string;
  port: number;
  store: EventStore;
  forwarding: ForwardController;
  sources: Sources;
  /** <data dir>/health/: what the inbox saw of its own work, across restarts */
  health: HealthLog;
  /** Streams an export; progress goes to `onProgress` only (the caller reports it). */
  exportToStream(filter: EventFilter, out: Writable, onProgress?: (done: number, total: number) => void): Promise<ExportResult>;
  /** Writes an export file; progress goes to the push subscribers as 'exportProgress'. */
  exportToFile(filter: EventFilter, path: string): Promise<ExportResult>;
  /** stop accepting, finish pending writes, release the data directory; bounded by `deadlineMs` */
  stop(deadlineMs?: number): Promise<void>;
}

/** A data directory the inbox cannot use, in words: a permission problem says so, not "EACCES". */
function dataDirError(dir: string, doing: 'create' | 'write to', e: NodeJS.ErrnoException): CoreError {
  const denied = e.code === 'EACCES' || e.code === 'EPERM';
  const why = denied ? 'permission denied' : e.code === 'EROFS' ? 'the file system is read-only' : e.message;
  return new CoreError('data_dir_unusable', `cannot ${doing} the data directory ${dir} (${why})${denied ? `: give your user write access to ${doing === 'create' ? 'the folder it would be made in' : 'it'}` : ''}`, { dir });
}

/** @throws CoreError port_in_use, data_dir_unusable, data_dir_busy; worded by the entry point */
export async function createInboxService(opts: InboxServiceOptions): Promise<InboxService> {
  const host = opts.host ?? '127.0.0.1';
  await mkdir(opts.dataDir, { recursive: true }).catch((e: NodeJS.ErrnoException) => {
    throw dataDirError(opts.dataDir, 'create', e);
  });
  const release = await lockDataDir(opts.dataDir).catch((e: NodeJS.ErrnoException) => {
    throw CoreError.is(e) ? e : dataDirError(opts.dataDir, 'write to', e);
  });
  let store: EventStore;
  try {
    store = await EventStore.open(opts.dataDir, { maxEvents: opts.maxEvents, segmentSize: opts.segmentSize });
  } catch (e) {
    await release();
    throw e;
  }
  const coverage = await openCoverageLog(opts.dataDir).catch(async (e: Error) => {
    await store.close();
    await release();
    throw new CoreError('data_dir_unusable', `cannot open the coverage log in ${opts.dataDir}: ${e.message}`, { dir: opts.dataDir });
  });
  const health = await openHealthLog(opts.dataDir).catch(async (e: Error) => {
    await coverage.close();
    await store.close();
    await release();
    throw new CoreError('data_dir_unusable', `cannot open the health log in ${join(opts.dataDir, 'health')}: ${e.message}`, { dir: opts.dataDir });
  });
  keepAckLatencies(health, store.stats.latencies);
  let secrets = [...opts.secrets];
  const allowExpired = opts.allowExpired ?? false;
  const bus = new PushBus();

  const server = createReceiverServer(createReceiverApp({
    intake: store, maxBody: opts.maxBody ?? '1mb',
    verify: (raw, header) => verifySignature(raw, header, { secrets, allowExpired }),
    onRejected: (latest) => bus.push({ type: 'rejected', latest }),
  }));
  let port = 0;
  try {
    if (opts.receiver !== false) port = await listen(server, opts.port, host);
  } catch (e) {
    await health.close();
    await coverage.close();
    await store.close();
    await release();
    throw e;
  }
  const tunnel = opts.tunnel ?? opts.makeTunnel?.(port);
  const receiverUrl = opts.receiver === false ? '' : `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;

  // Forwarding reads what the store acknowledged, after the ack: the receiver never waits for it.
  const forwarding = new ForwardController({ store, dataDir: opts.dataDir, health, onChange: () => pushStatusSoon() });
  const sources = createSources({
    coverage, intake: store, storageOk: () => !store.storageError, dt: opts.dtCloud, stream: opts.stream,
    onTunnelChange: tunnel ? (l) => tunnel.onStatus(l) : undefined,
    onFilled: (project, run) => bus.push({ type: 'backfill', project, run }),
    onChange: () => pushStatusSoon(),
  });
  const status = () => appStatus({
    mode: opts.mode, receiverUrl, dataDir: opts.dataDir, allowExpired, tunnel, store, secretsConfigured: () => secrets.length,
    forward: () => forwarding.status(), sources: () => sources.statuses(),
    receiveMode: () => ({ mode: sources.streamChoice() ? 'stream' : 'connector', canChoose: opts.receiveMode !== undefined }),
  });
  const pushStatus = () => bus.push({ type: 'status', status: status() });
  // forward attempts can come by the thousand a second: their status goes out at most once a second
  let statusTimer: ReturnType<typeof setTimeout> | null = null;
  const pushStatusSoon = () => {
    statusTimer ??= setTimeout(() => { statusTimer = null; pushStatus(); }, 1_000);
  };
  // at most one 'events' message per 50 ms: a burst is one message, a lone delivery goes out at once
  const eventsPush = coalescedEventsPush((m) => bus.push(m));
  store.on('stored', (added) => eventsPush.add(added));
  store.on('storage', pushStatus);
  const unTunnel = tunnel?.onStatus(pushStatus);
  const dtHealth = opts.dtCloud && wireDtHealth(opts.dtCloud, health);

  const exportToStream = (filter: EventFilter, out: Writable, onProgress?: (d: number, t: number) => void) =>
    writeExport(store.exportSource(), filter, out, onProgress);
  const exportToFile = async (filter: EventFilter, path: string) => {
    const pass = new PassThrough();
    const writing = pipeline(pass, createWriteStream(path));
    const result = await exportToStream(filter, pass, (done, total) => bus.push({ type: 'exportProgress', done, total }));
    pass.end();
    await writing;
    return result;
  };
  const noTunnel = async () => fail<never>('no tunnel in this mode: start with --tunnel');
  const stopReplay = new AbortController();
  const { replayEvents, stopReplay: stopRunningReplay } = replayApi({
    store, push: (m) => bus.push(m), signal: stopReplay.signal,
    forwardTarget: () => {
      const f = forwarding.settings;
      return f ? { url: f.url, secret: f.secret } : null;
    },
  });

  const api = createInboxApi({
    store, status, dtCloud: opts.dtCloud, dtHealth: dtHealth?.health, replayEvents, stopReplay: stopRunningReplay, sources,
    // a save pushes the status: the Setup view and the tray see forwarding on or off at once
    forwarding: forwardingApi(forwarding, opts.forward, pushStatus),
    exportEvents: async (filter) => {
      const dir = join(opts.dataDir, 'exports');
      await mkdir(dir, { recursive: true });
      const path = join(dir, `connector-inbox-export-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
      try {
        const r = await exportToFile(filter, path);
        return ok({ count: r.count, path });
      } catch (e) {
        return fail(`export failed: ${(e as Error).message}`);
      }
    },
    sendTestEvents: sendTestEventsApi({ receiverUrl, secrets: () => secrets }),
    setSecrets: async (list) => {
      secrets = [...list];
      pushStatus();
      return ok({ secretsConfigured: secrets.length });
    },
    setTunnelConfig: async (config) => {
      if (!tunnel) return noTunnel();
      tunnel.configure(config);
      pushStatus();
      return ok({ authtokenConfigured: tunnel.isConfigured().authtoken });
    },
    setReceiveMode: async (mode) => {
      if (!opts.receiveMode) return fail('serve chooses how events arrive at start: --dt-stream --dt-project <id> for DT\'s event stream');
      const project = opts.dtCloud?.followerStatus()?.project ?? sources.project();
      if (mode === 'stream' && !project) return fail('choose a DT project in the DT Cloud view first: the stream is that project\'s');
      try {
        await sources.setStream(mode === 'stream' ? { project: project! } : undefined);
        await opts.receiveMode.choose(mode);
      } catch (e) {
        return fail(`could not switch: ${(e as Error).message}`);
      }
      pushStatus();
      return ok({ mode });
    },
    startTunnel: async () => (tunnel ? ok<TunnelStatus>(await tunnel.start()) : noTunnel()),
    stopTunnel: async () => (tunnel ? ok<TunnelStatus>(await tunnel.stop()) : noTunnel()),
    subscribe: (l) => bus.subscribe(l),
  });

  // each table the DT refresher makes reaches the views with the inbox's own counts: they never ask DT themselves
  const unDt = opts.dtCloud?.onRefresh(() => void api.getDtCloud().then((r) => r.ok && bus.push({ type: 'dtCloud', info: r.value })));
  let stopping: Promise<void> | null = null;
  const stop = (deadlineMs = 5_000) =>
    (stopping ??= (async () => {
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      // In-flight deliveries get a moment to finish; a stalled client does not hold the stop.
      const deadline = setTimeout(() => server.closeAllConnections(), Math.min(2_000, Math.max(0, deadlineMs - 1_000)));
      unTunnel?.();
      unDt?.();
      dtHealth?.stop();
      stopReplay.abort();
      await Promise.all([
        sources.stop(Math.min(1_000, deadlineMs / 4)),
        Promise.race([tunnel?.stop().catch(() => undefined), new Promise((r) => setTimeout(r, 1_000))]),
        forwarding.stop(Math.min(2_000, deadlineMs / 2)).catch(() => undefined),
      ]);
      if (statusTimer) clearTimeout(statusTimer);
      await closed;
      clearTimeout(deadline);
      // after the sources: the spans still open end now, durably, so the next start knows where the gap begins
      await coverage.close().catch(() => undefined);
      // after forwarding stopped: the unfinished minute of its figures is written last
      await health.close().catch(() => undefined);
      await store.close();
      eventsPush.flush(); // the last events acknowledged are announced before the bus closes
      bus.clear();
      await release();
    })());

  if (opts.forward) {
    try {
      await forwarding.configure(opts.forward);
    } catch (e) {
      await stop();
      throw e;
    }
  }
  sources.start();
  return { api, tunnel, receiverUrl, port, store, forwarding, sources, health, exportToStream, exportToFile, stop };
}
