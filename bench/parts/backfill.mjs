// Part 8: pulling from DT instead of being pushed to. Two processes in every measurement, one
// for DT's side and one for the inbox's (as the ingest part: load generator and server apart):
// the fake DT Cloud (harness/fake-harness.ts) or autocannon, and harness/backfill-harness.ts.
//  - backfill: the fake's history holds `events` temperature events over `devices` devices in
//    the last `hours`; a fresh data dir, EventStore.open + fillWindow (createDtClient against the
//    fake, default 4 devices at a time, pages of 1000), as `dt backfill` and the gap filler run
//    it: events stored / seconds of the fill (token, device list, history pages, intake, commits)
//  - its baseline, in the same pairs (the order alternating): the SAME events as the
//    connector's bodies (intake's envelopeFor, signed HS256 as DT signs) POSTed to the real
//    receiver (createInboxService as `serve`, fresh data dir) by autocannon, 10 connections as
//    in the ingest part: events acknowledged (stored durably) / seconds
//  - stream beside connector (information): `streamEvents` events published as fast as the fake
//    allows, time from the first publish until all are stored: (S) the inbox with DT's event
//    stream as its only source (no receiver) vs (C) a receiver-mode inbox with an ACTIVE
//    connector of the fake pointing at it (one signed POST per event, all started at once)
// Target: backfill ≥ 1 × the receiver (median of the per-pair ratios): a pull has no signature
// to verify and no HTTP server per event to pay for.
import { harness } from '../lib/build.mjs';
import { emptyDir } from '../lib/fixtures.mjs';
import { forkHarness } from '../lib/ipc.mjs';
import { fire } from '../lib/load.mjs';
import { summarize } from '../lib/stats.mjs';
import { SECRET } from './ingest.mjs';

const orchestratorCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const sum = (runs, key) => summarize(runs.map((r) => r[key]));
/** between two `load` answers: CPU ms and the event loop's utilization (busy share of the span) */
const used = (a, b) => ({ ms: b.cpuMs - a.cpuMs, active: b.active - a.active, elu: (b.active - a.active) / Math.max(1e-9, b.active - a.active + b.idle - a.idle) });

export async function benchBackfill(ctx) {
  const { runs, events, devices, hours, streamEvents, pingIntervalS, log } = ctx;
  const fake = await forkHarness(harness.fake);
  const inbox = await forkHarness(harness.backfill);
  const load = (h) => h.ask('load');

  const fill = async (project, seed) => {
    const f0 = await load(fake);
    const r = await inbox.ask('fill', { env, project, from: seed.from, to: seed.to, dir: emptyDir('backfill') });
    const dt = used(f0, await load(fake));
    return {
      perSec: r.stored / (r.ms / 1000), ms: r.ms, stored: r.stored, added: r.result.added, fetched: r.result.fetched,
      inboxCpuUs: (r.cpuMs * 1000) / r.stored, dtCpuUs: (dt.ms * 1000) / r.stored, perCommit: r.stored / Math.max(1, r.commits), inboxElu: r.elu, dtElu: dt.elu,
    };
  };
  const receive = async (bodies) => {
    const { url } = await inbox.ask('receiver', { dir: emptyDir('receiver'), secret: SECRET });
    const c0 = await load(inbox), l0 = orchestratorCpuMs();
    const r = await fire(url, bodies, { amount: bodies.length, connections: 10 });
    // until the last answer (autocannon itself stops at its next 1 s tick, idle until then): the
    // busy times are divided by this span, not by the whole fire()
    const ms = r.activeMs;
    const u = used(c0, await load(inbox)), loadMs = orchestratorCpuMs() - l0;
    const w = await inbox.ask('waitFor', { count: 0 });
    await inbox.ask('close');
    return {
      perSec: r.ok2xx / (ms / 1000), ms, stored: w.stored, ok: r.ok2xx, bad: r.non2xx + r.errors + r.timeouts + (r.wrapped ? 1 : 0),
      inboxCpuUs: (u.ms * 1000) / r.ok2xx, dtCpuUs: (loadMs * 1000) / r.ok2xx, perCommit: w.stored / Math.max(1, w.commits), p99: r.latency.p99,
      inboxElu: Math.min(1, u.active / ms), dtElu: loadMs / ms, // autocannon's: its CPU over the span (it runs on the orchestrator's one thread)
    };
  };
  // time from the first publish until the inbox holds all `count` (clocks: epoch ms in both processes)
  const publishUntilStored = async (project, count) => {
    const c0 = await load(inbox), f0 = await load(fake);
    const p = await fake.ask('publish', { project, count });
    const w = await inbox.ask('waitFor', { count, timeoutMs: 180_000 });
    const u = used(c0, await load(inbox)), dt = used(f0, await load(fake));
    const idle = await fake.ask('idle', { since: p.attempts0 });
    const after = await inbox.ask('waitFor', { count: 0 }); // anything more (a gap fill, a redelivery) shows here
    await inbox.ask('close');
    return {
      perSec: count / ((w.at - p.t0) / 1000), ms: w.at - p.t0, publishMs: p.t1 - p.t0, stored: after.stored, extra: after.stored - count,
      bySource: after.bySource, perCommit: count / Math.max(1, w.commits), inboxCpuUs: (u.ms * 1000) / count, dtCpuUs: (dt.ms * 1000) / count,
      inboxElu: u.elu, dtElu: dt.elu,
      attempts: idle.attempts, failedAttempts: idle.failed,
    };
  };
  const stream = async (count) => {
    await inbox.ask('stream', { env, project: 'prj-stream', dir: emptyDir('stream'), pingIntervalS, secret: SECRET });
    return publishUntilStored('prj-stream', count);
  };
  const connector = async (count) => {
    const { url } = await inbox.ask('receiver', { dir: emptyDir('connector'), secret: SECRET });
    await fake.ask('connector', { project: 'prj-conn', url, secret: SECRET });
    try {
      return await publishUntilStored('prj-conn', count);
    } finally {
      await fake.ask('dropConnectors', { project: 'prj-conn' });
    }
  };

  let env;
  const pairs = [], fills = [], recvs = [], streams = [], conns = [];
  try {
    env = await fake.ask('env');
    const seeded = await fake.ask('seed', { project: 'prj-fill', devices, events, hours, secret: SECRET });
    const warm = await fake.ask('seed', { project: 'prj-warm', devices: 4, events: 2_000, hours, secret: SECRET });
    await fake.ask('devices', { project: 'prj-stream', count: devices });
    await fake.ask('devices', { project: 'prj-conn', count: devices });
    // warm-up: both processes' code paths once before the measured runs
    await fill('prj-warm', warm);
    await receive(warm.bodies);
    await stream(300);
    await connector(300);
    for (let i = 0; i < runs; i++) {
      const steps = { fill: () => fill('prj-fill', seeded), recv: () => receive(seeded.bodies) };
      const order = i % 2 === 0 ? ['fill', 'recv'] : ['recv', 'fill'];
      const r = {};
      for (const k of order) r[k] = await steps[k]();
      fills.push(r.fill);
      recvs.push(r.recv);
      pairs.push({ first: order[0], backfill: Math.round(r.fill.perSec), receiver: Math.round(r.recv.perSec), ratio: r.fill.perSec / r.recv.perSec });
      log(`  pair ${i + 1} (${order.join(' → ')}): backfill ${Math.round(r.fill.perSec)} ev/s (${r.fill.stored} stored), receiver ${Math.round(r.recv.perSec)} ev/s (${r.recv.ok} acked) = ${pairs.at(-1).ratio.toFixed(2)} ×`);
    }
    for (let i = 0; i < runs; i++) {
      const order = i % 2 === 0 ? ['stream', 'connector'] : ['connector', 'stream'];
      for (const k of order) (k === 'stream' ? streams : conns).push(await (k === 'stream' ? stream : connector)(streamEvents));
      log(`  stream ${Math.round(streams.at(-1).perSec)} ev/s (${streams.at(-1).perCommit.toFixed(1)} per commit), connector ${Math.round(conns.at(-1).perSec)} ev/s (${conns.at(-1).perCommit.toFixed(1)} per commit, ${conns.at(-1).failedAttempts} failed attempts)`);
    }
  } finally {
    await inbox.stop();
    await fake.stop();
  }
  const side = (list) => ({
    eventsPerSec: sum(list, 'perSec'), ms: sum(list, 'ms'), inboxCpuUsPerEvent: sum(list, 'inboxCpuUs'), dtCpuUsPerEvent: sum(list, 'dtCpuUs'),
    eventsPerCommit: sum(list, 'perCommit'), inboxElu: sum(list, 'inboxElu'), dtElu: sum(list, 'dtElu'),
  });
  const out = {
    config: { runs, events, devices, hours, connections: 10, fillConcurrency: 4, historyPage: 1000, streamEvents, pingIntervalS },
    pairs: pairs.map((p) => ({ ...p, ratio: Math.round(p.ratio * 1000) / 1000 })),
    ratio: summarize(pairs.map((p) => p.ratio)),
    backfill: { ...side(fills), allStored: fills.every((f) => f.stored === events && f.added === events) },
    receiver: { ...side(recvs), p99: sum(recvs, 'p99'), errors: recvs.reduce((a, r) => a + r.bad, 0), allStored: recvs.every((r) => r.stored === events && r.ok === events) },
    stream: { ...side(streams), publishMs: sum(streams, 'publishMs'), extra: streams.reduce((a, r) => a + r.extra, 0), bySource: streams.at(-1)?.bySource },
    connector: { ...side(conns), publishMs: sum(conns, 'publishMs'), extra: conns.reduce((a, r) => a + r.extra, 0), attempts: conns.reduce((a, r) => a + r.attempts, 0), failedAttempts: conns.reduce((a, r) => a + r.failedAttempts, 0) },
    streamRatio: summarize(streams.map((s, i) => s.perSec / conns[i].perSec)),
  };
  log(`  backfill/receiver ${out.ratio.median} (${out.ratio.min}–${out.ratio.max}); stream/connector ${out.streamRatio.median}`);
  out.targets = {
    backfillThroughput: { value: out.ratio.median, target: `≥ 1 × the same ${events.toLocaleString('en-US')} events through the receiver (median of per-pair ratios)`, met: out.ratio.median >= 1 },
  };
  return out;
}
