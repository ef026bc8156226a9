// Part 2: the cost of one write against history. With 1k, 10k, 100k and 250k events
// stored, the inbox (serve harness, secret, durable, default 250k retention cap) takes
// events at a fixed 200/s; per run a multiple of 256 events, so every run goes through
// whole segments (each full segment is written whole once, when it closes).
// Figures: ack latency, bytes written to segments per event (store.stats.bytesWritten:
// journal appends plus the whole-segment writes at rotation), all bytes the process wrote
// per event (/proc/self/io wchar: files and sockets). Target: flat — the 250k figure within 1.5 × the 1k figure.
// The sizes take their runs in rounds (1k, 10k, …, 250k, then again, a fresh inbox each), and the latency targets are medians of the per-round ratios largest / smallest: this
// VM's speed drifts by more than the effect between runs minutes apart (bench/FINDINGS.md §11).
// They are on an evenly paced client (lib/paced.mjs, sub-millisecond): autocannon's histogram
// counts whole milliseconds, so at a 3 ms p50 one step is a third and its ratio jumps
// 1.0 / 1.33 / 1.67 between runs of the same build. Its figures stay beside, for information.
import { fire } from '../lib/load.mjs';
import { paced } from '../lib/paced.mjs';
import { startHarness } from '../lib/procs.mjs';
import { summarize } from '../lib/stats.mjs';
import { workDir } from '../lib/fixtures.mjs';
import { SECRET } from './ingest.mjs';

export async function benchWriteCost(ctx) {
  const { sizes, runs, perRun, rate, log } = ctx;
  const out = { config: { sizes, runs, eventsPerRun: perRun, rate, connections: 10, rounds: true }, bySize: {} };
  const res = sizes.map(() => []), st = sizes.map(() => []), even = sizes.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, size] of sizes.entries()) {
      // One inbox at a time, started afresh on its own copy of the size's folder each round:
      // an idle inbox beside the measured one still collects garbage (V8's memory reducer) and
      // took CPU from it on these 2 cores.
      const h = await startHarness({ dataDir: workDir(ctx.fixtures, size, 'write'), secrets: [SECRET] });
      try {
        await fire(h.url, await ctx.makePool(100), { amount: 100, overallRate: rate }); // warm-up
        const pool = await ctx.makePool(perRun);
        await h.reset();
        res[k].push(await fire(h.url, pool, { amount: perRun, overallRate: rate }));
        st[k].push(await h.stats());
        // the same count of new events, one every 1000/rate ms (through whole segments again)
        even[k].push(await paced(h.url, await ctx.makePool(perRun), { rate, seconds: perRun / rate }));
      } finally {
        await h.stop();
      }
    }
    log(`  round ${i + 1}: paced p50 ${even.map((e) => e[i].latency.p50.toFixed(2)).join(' / ')} ms, p99 ${even.map((e) => e[i].latency.p99.toFixed(2)).join(' / ')} ms (${sizes.join(' / ')})`);
  }
  for (const [k, size] of sizes.entries()) {
    out.bySize[size] = {
      ackP50: summarize(res[k].map((r) => r.latency.p50)),
      ackP99: summarize(res[k].map((r) => r.latency.p99)),
      steadyP50: summarize(even[k].map((r) => r.latency.p50)),
      steadyP99: summarize(even[k].map((r) => r.latency.p99)),
      segmentBytesPerEvent: summarize(st[k].map((s) => s.segBytes / Math.max(1, s.stored))),
      wcharPerEvent: summarize(st[k].map((s) => s.wchar / Math.max(1, s.stored))),
      eventsPerCommit: summarize(st[k].map((s) => s.stored / Math.max(1, s.commits))),
      eldP99: summarize(st[k].map((s) => s.eld.p99)),
      errors: res[k].reduce((a, r) => a + r.errors + r.non2xx + r.timeouts, 0) + even[k].reduce((a, r) => a + r.errors + r.non2xx, 0),
      stored: st[k].reduce((a, s) => a + s.stored, 0),
    };
    const b = out.bySize[size];
    log(`  ${size}: paced ack p50 ${b.steadyP50.median.toFixed(2)} ms p99 ${b.steadyP99.median.toFixed(2)} ms; autocannon p50 ${b.ackP50.median} ms p99 ${b.ackP99.median} ms; ${Math.round(b.segmentBytesPerEvent.median)} B/event`);
  }
  const hi = sizes.length - 1;
  const perRound = (pick) => summarize(even[hi].map((r, i) => pick(r) / pick(even[0][i])));
  out.rounds = { p50: perRound((r) => r.latency.p50), p99: perRound((r) => r.latency.p99) };
  const lo = out.bySize[sizes[0]], top = out.bySize[sizes[sizes.length - 1]];
  out.autocannonRatios = { p50: top.ackP50.median / lo.ackP50.median, p99: top.ackP99.median / lo.ackP99.median };
  const latRatio = out.rounds.p50.median, p99Ratio = out.rounds.p99.median;
  const bytesRatio = top.segmentBytesPerEvent.median / lo.segmentBytesPerEvent.median;
  const per = `(evenly paced; median of per-round ratios)`;
  out.targets = {
    latencyFlat: { value: latRatio, target: `ack p50 at ${sizes.at(-1)} ≤ 1.5 × at ${sizes[0]} ${per}`, met: latRatio <= 1.5 },
    p99Flat: { value: p99Ratio, target: `ack p99 at ${sizes.at(-1)} ≤ 1.5 × at ${sizes[0]} ${per}`, met: p99Ratio <= 1.5 },
    bytesFlat: { value: bytesRatio, target: `bytes/event at ${sizes.at(-1)} ≤ 1.5 × at ${sizes[0]}`, met: bytesRatio <= 1.5 },
  };
  return out;
}
