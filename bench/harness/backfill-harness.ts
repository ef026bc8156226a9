/**
 * The inbox's side of the backfill part, in its own process (the fake DT Cloud runs in
 * fake-harness.ts). Commands (harness/ipc.ts):
 *   fill {env, project, from, to, dir}  EventStore.open(dir) + fillWindow with createDtClient, as
 *        `dt backfill` and the gap filler run it; answers the time of the fill alone (token, device
 *        list, history pages, intake, durable group commits), the store's count and commits, CPU
 *   receiver {dir}   createInboxService as `serve` builds it (receiver, secret, browser mode): url
 *   stream {env, project, dir, pingIntervalS}  createInboxService with DT's event stream as the only
 *        source (receiver: false) and a DtController against the fake (as test/backfill/helpers.ts);
 *        answers once the stream is receiving
 *   waitFor {count, timeoutMs}  answers when the service's store holds `count` events: when (epoch
 *        ms), commits since the service started, stored per source
 *   close            stops the service
 */
import { EventStore } from '../../electron/core/store';
import { fillWindow } from '../../electron/core/backfill';
import { createDtClient, createDtController, endpointsFromEnv, serviceAccountFromEnv, type DtController } from '../../electron/core/dt-cloud';
import { createInboxService, type InboxService } from '../../electron/core/inbox-service';
import { performance } from 'node:perf_hooks';
import { epochMs, serveIpc } from './ipc';

let current: { service: InboxService; dt?: DtController; commits: number } | undefined;

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function close(): Promise<null> {
  const c = current;
  current = undefined;
  if (c) await Promise.all([c.dt?.stop(2_000), c.service.stop(4_000)]);
  return null;
}

function track(service: InboxService, dt?: DtController) {
  const c = { service, dt, commits: 0 };
  service.store.on('stored', () => { c.commits++; });
  current = c;
  return c;
}

serveIpc({
  fill: async (a: { env: Record<string, string>; project: string; from: number; to: number; dir: string }) => {
    const store = await EventStore.open(a.dir);
    let commits = 0;
    store.on('stored', () => { commits++; });
    try {
      const client = createDtClient({ account: serviceAccountFromEnv(a.env), endpoints: endpointsFromEnv(a.env) });
      const elu0 = performance.eventLoopUtilization();
      const c0 = cpuMs(), t0 = performance.now();
      const result = await fillWindow({ project: a.project, from: a.from, to: a.to }, { client, intake: store });
      const ms = performance.now() - t0;
      return { ms, cpuMs: cpuMs() - c0, elu: performance.eventLoopUtilization(elu0).utilization, stored: store.summaries.length, commits, result };
    } finally {
      await store.close();
    }
  },
  receiver: async (a: { dir: string; secret: string }) => {
    await close();
    const service = await createInboxService({ dataDir: a.dir, port: 0, host: '127.0.0.1', secrets: [a.secret], mode: 'browser' });
    track(service);
    return { url: service.receiverUrl };
  },
  stream: async (a: { env: Record<string, string>; project: string; dir: string; pingIntervalS: number; secret: string }) => {
    await close();
    const dt = createDtController({
      account: () => ({ account: serviceAccountFromEnv(a.env), source: 'env' }), endpoints: endpointsFromEnv(a.env),
      urls: { current: () => undefined, onChange: () => () => {} },
      signatureSecret: async () => a.secret, noAccountHint: 'no account', canSetCredentials: false, displayName: 'Connector Inbox (bench)', timeoutMs: 10_000,
    });
    const service = await createInboxService({ dataDir: a.dir, port: 0, host: '127.0.0.1', secrets: [a.secret], mode: 'browser', dtCloud: dt, stream: { project: a.project, pingIntervalS: a.pingIntervalS }, receiver: false });
    await dt.start();
    track(service, dt);
    for (const t0 = performance.now(); ; await sleep(10)) {
      const s = service.sources.statuses().find((x) => x.kind === 'stream');
      if (s?.state === 'receiving') return { detail: s.detail };
      if (performance.now() - t0 > 20_000) throw new Error(`the stream is not receiving: ${s?.detail}`);
    }
  },
  waitFor: async (a: { count: number; timeoutMs?: number }) => {
    const c = current;
    if (!c) throw new Error('no service');
    const store = c.service.store;
    const done = () => store.summaries.length >= a.count;
    if (!done()) {
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => { off(); reject(new Error(`${store.summaries.length} of ${a.count} stored within ${a.timeoutMs ?? 120_000} ms`)); }, a.timeoutMs ?? 120_000);
        const listener = () => { if (done()) { off(); clearTimeout(t); resolve(); } };
        const off = () => store.off('stored', listener);
        store.on('stored', listener);
      });
    }
    const at = epochMs();
    const bySource: Record<string, number> = {};
    for (const s of store.summaries) bySource[s.source ?? 'connector'] = (bySource[s.source ?? 'connector'] ?? 0) + 1;
    return { at, stored: store.summaries.length, commits: c.commits, bySource };
  },
  close,
}, async () => { await close(); });
