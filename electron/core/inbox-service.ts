/**
 * The inbox service: store + receiver + (optional) tunnel, and the contract over them.
 * Runs without Electron: the CLI's `serve` and the desktop main process both build one.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PassThrough, type Writable } from 'node:stream';
import type { AppStatus, InboxApi, PushMessage, TunnelStatus } from '../../shared/api/contract';
import { fail, ok } from '../../shared/api/contract';
import type { EventFilter } from '../../shared/filter';
import { createInboxApi } from './inbox-api';
import { createReceiverApp } from './receiver/app';
import { verifySignature } from './signature';
import { EventStore } from './store/event-store';
import { RejectedLog } from './store/rejected-log';
import { acquireLock } from './store/dir-lock';
import { paths } from './store/files';
import { writeExport, type ExportResult } from './export';
import type { TunnelController } from './tunnel-types';

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
  /** DT Cloud for the inspector (serve --dt-project); absent: the view says how to connect */
  getDtCloud?: InboxApi['getDtCloud'];
}

export interface InboxService {
  api: InboxApi;
  tunnel?: TunnelController;
  receiverUrl: string;
  port: number;
  store: EventStore;
  setSecrets(secrets: string[]): void;
  exportToStream(filter: EventFilter, out: Writable, onProgress?: (done: number, total: number) => void): Promise<ExportResult>;
  exportToFile(filter: EventFilter, path: string, onProgress?: (done: number, total: number) => void): Promise<ExportResult>;
  /** stop accepting, finish pending writes, release the data directory; bounded by `deadlineMs` */
  stop(deadlineMs?: number): Promise<void>;
}

export class PortInUseError extends Error {}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new PortInUseError(`port ${port} on ${host} is already in use; choose another with --port`) : e));
    server.listen(port, host, () => resolve((server.address() as { port: number }).port));
  });
}

export async function createInboxService(opts: InboxServiceOptions): Promise<InboxService> {
  const host = opts.host ?? '127.0.0.1';
  await mkdir(opts.dataDir, { recursive: true }).catch((e: NodeJS.ErrnoException) => {
    throw new Error(`cannot use ${opts.dataDir} as the data directory: ${e.message}; choose another with --data-dir`);
  });
  const release = await acquireLock(paths(opts.dataDir).lock);
  let store: EventStore;
  let rejected: RejectedLog;
  try {
    store = await EventStore.open(opts.dataDir, { maxEvents: opts.maxEvents, segmentSize: opts.segmentSize });
    rejected = await RejectedLog.open(opts.dataDir, store.warnings as string[]);
  } catch (e) {
    await release();
    throw e;
  }
  let secrets = [...opts.secrets];
  const allowExpired = opts.allowExpired ?? false;
  const listeners = new Set<(m: PushMessage) => void>();
  const push = (m: PushMessage) => {
    for (const l of listeners) {
      try { l(m); } catch { /* one bad subscriber must not stop the others */ }
    }
  };

  const app = createReceiverApp({
    store, rejected, maxBody: opts.maxBody ?? '1mb',
    verify: (raw, header) => verifySignature(raw, header, { secrets, allowExpired }),
    onRejected: (latest) => push({ type: 'rejected', latest }),
  });
  // Slow clients (trickled headers or body) are cut off well inside DT's 10 s. Node checks these
  // timeouts only every connectionsCheckingInterval (30 s by default): without a short interval
  // a slowloris socket lives up to 35-40 s whatever the timeouts say.
  const server = createServer({ connectionsCheckingInterval: 500 }, app);
  server.headersTimeout = 5_000;
  server.requestTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  let port: number;
  try {
    port = await listen(server, opts.port, host);
  } catch (e) {
    await store.close();
    await rejected.close();
    await release();
    throw e;
  }
  const tunnel = opts.tunnel ?? opts.makeTunnel?.(port);
  const receiverUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;

  store.on('stored', (added) => {
    if (added.length) push({ type: 'events', added: added.length, latest: added.slice(-50) });
  });
  const status = (): AppStatus => ({
    mode: opts.mode, receiverUrl, tunnel: tunnel?.status() ?? { state: 'off' },
    secretsConfigured: secrets.length, allowExpired,
    authtokenConfigured: tunnel?.isConfigured().authtoken ?? false,
    tunnelDomain: tunnel?.isConfigured().domain,
    storage: store.storageError ? { ok: false, ...store.storageError } : { ok: true },
    dataDir: opts.dataDir, startupWarnings: [...store.warnings],
  });
  store.on('storage', () => push({ type: 'status', status: status() }));
  const unTunnel = tunnel?.onStatus(() => push({ type: 'status', status: status() }));

  const exportToStream = (filter: EventFilter, out: Writable, onProgress?: (d: number, t: number) => void) =>
    writeExport({ summaries: store.summaries, devices: store.devices, segments: store.segments, reader: store.reader, pin: () => store.pinSegments() }, filter, out,
      (done, total) => {
        onProgress?.(done, total);
        push({ type: 'exportProgress', done, total });
      });
  const exportToFile = async (filter: EventFilter, path: string, onProgress?: (d: number, t: number) => void) => {
    const pass = new PassThrough();
    const writing = pipeline(pass, createWriteStream(path));
    const result = await exportToStream(filter, pass, onProgress);
    pass.end();
    await writing;
    return result;
  };
  const noTunnel = async () => fail<never>('no tunnel in this mode: start with --tunnel');

  const api = createInboxApi({
    store, rejected, status, getDtCloud: opts.getDtCloud,
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
    setSecrets: async (list) => {
      secrets = [...list];
      push({ type: 'status', status: status() });
      return ok({ secretsConfigured: secrets.length });
    },
    setTunnelConfig: async (config) => {
      if (!tunnel) return noTunnel();
      tunnel.configure(config);
      push({ type: 'status', status: status() });
      return ok({ authtokenConfigured: tunnel.isConfigured().authtoken });
    },
    startTunnel: async () => (tunnel ? ok<TunnelStatus>(await tunnel.start()) : noTunnel()),
    stopTunnel: async () => (tunnel ? ok<TunnelStatus>(await tunnel.stop()) : noTunnel()),
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  });

  let stopping: Promise<void> | null = null;
  const stop = (deadlineMs = 5_000) =>
    (stopping ??= (async () => {
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      // In-flight deliveries get a moment to finish; a stalled client does not hold the stop.
      const deadline = setTimeout(() => server.closeAllConnections(), Math.min(2_000, Math.max(0, deadlineMs - 1_000)));
      unTunnel?.();
      await Promise.race([tunnel?.stop().catch(() => undefined), new Promise((r) => setTimeout(r, 1_000))]);
      await closed;
      clearTimeout(deadline);
      await store.close();
      await rejected.close();
      listeners.clear();
      await release();
    })());

  return {
    api, tunnel, receiverUrl, port, store, exportToStream, exportToFile, stop,
    setSecrets: (list) => {
      secrets = [...list];
      push({ type: 'status', status: status() });
    },
  };
}
