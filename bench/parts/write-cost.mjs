// Part 2: the cost of one write against history. With 1k, 10k, 100k and 250k events
// stored, the inbox (serve harness, secret, durable, default 250k retention cap) takes
// events at a fixed 200/s; per run a multiple of 256 events, so every run goes through
// whole segments (each full segment is written whole once, when it closes).
// Figures: ack latency (autocannon), bytes written to segments per event (store.stats.bytesWritten:
// journal appends plus the whole-segment writes at rotation), all bytes the process wrote
// per event (/proc/self/io wchar: files and sockets). Target: flat — the 250k figure within 1.5 × the 1k figure.
import { fire } from '../lib/load.mjs';
import { startHarness } from '../lib/procs.mjs';
import { summarize } from '../lib/stats.mjs';
import { workDir } from '../lib/fixtures.mjs';
import { SECRET } from './ingest.mjs';

export async function benchWriteCost(ctx) {
  const { sizes, runs, perRun, rate, log } = ctx;
  const out = { config: { sizes, runs, eventsPerRun: perRun, rate, connections: 10 }, bySize: {} };
  for (const size of sizes) {
    const h = await startHarness({ dataDir: workDir(ctx.fixtures, size, 'write'), secrets: [SECRET] });
    try {
      await fire(h.url, await ctx.makePool(100), { amount: 100, overallRate: rate }); // warm-up
      const res = [], st = [];
      for (let i = 0; i < runs; i++) {
        const pool = await ctx.makePool(perRun);
        await h.reset();
        res.push(await fire(h.url, pool, { amount: perRun, overallRate: rate }));
        st.push(await h.stats());
      }
      out.bySize[size] = {
        ackP50: summarize(res.map((r) => r.latency.p50)),
        ackP99: summarize(res.map((r) => r.latency.p99)),
        segmentBytesPerEvent: summarize(st.map((s) => s.segBytes / Math.max(1, s.stored))),
        wcharPerEvent: summarize(st.map((s) => s.wchar / Math.max(1, s.stored))),
        eventsPerCommit: summarize(st.map((s) => s.stored / Math.max(1, s.commits))),
        eldP99: summarize(st.map((s) => s.eld.p99)),
        errors: res.reduce((a, r) => a + r.errors + r.non2xx + r.timeouts, 0),
        stored: st.reduce((a, s) => a + s.stored, 0),
      };
      const b = out.bySize[size];
      log(`  ${size}: ack p50 ${b.ackP50.median} ms p99 ${b.ackP99.median} ms, ${Math.round(b.segmentBytesPerEvent.median)} B/event`);
    } finally {
      await h.stop();
    }
  }
  const lo = out.bySize[sizes[0]], hi = out.bySize[sizes[sizes.length - 1]];
  const latRatio = hi.ackP50.median / lo.ackP50.median;
  const p99Ratio = hi.ackP99.median / lo.ackP99.median;
  const bytesRatio = hi.segmentBytesPerEvent.median / lo.segmentBytesPerEvent.median;
  out.targets = {
    latencyFlat: { value: latRatio, target: `ack p50 at ${sizes.at(-1)} ≤ 1.5 × at ${sizes[0]}`, met: latRatio <= 1.5 },
    p99Flat: { value: p99Ratio, target: `ack p99 at ${sizes.at(-1)} ≤ 1.5 × at ${sizes[0]}`, met: p99Ratio <= 1.5 },
    bytesFlat: { value: bytesRatio, target: `bytes/event at ${sizes.at(-1)} ≤ 1.5 × at ${sizes[0]}`, met: bytesRatio <= 1.5 },
  };
  return out;
}
