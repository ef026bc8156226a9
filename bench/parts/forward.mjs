// Part 7: forwarding (serve --forward-to). Does forwarding every acknowledged delivery to the
// tester's receiver cost the receiver side (DT's side) anything, and how fast is it forwarded?
//  - paired full-speed runs, 100k stored, secret: the inbox without forwarding and the same
//    inbox build with forwarding on to a fast local target (baseline A, bare node:http, in its
//    own process), each run just after the other (the order alternating from pair to pair), so
//    both see the same machine
//  - forwarded events/s: deliveries the target took, from the start of a full-speed run until
//    the forward queue is empty again
//  - ack p99 at 200 events/s with forwarding on while the target is down (a closed port): the
//    DT side must not notice
//  - side by side (information): baseline D′ (ingest part) without and with the least
//    forwarding a receiver can do (F: node:http keep-alive to the same target, 4 in flight, no
//    retry or record), in the same pairs: what forwarding costs any receiver on this machine
//  - CPU per event of the inbox's main thread (its event loop: what bounds its throughput on a
//    machine with cores to spare), until the run's forwarding is done
// Target: the inbox's on / off ≥ F / D′ + 0.15, both medians of per-pair ratios from the same
// pairs. Measured side by side rather than against a fixed 0.9: on 2 shared cores even the least
// forwarding (F) costs a third of D′'s throughput, and the spread between runs is wider than the
// gap a fixed line left; the margin says the inbox forwards with less cost than that least
// receiver (it yields to DT's side), relative to what forwarding costs on the machine at the time.
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { benchDir, tmpDir } from '../lib/build.mjs';
import { fire } from '../lib/load.mjs';
import { paced } from '../lib/paced.mjs';
import { freePort, mainThreadCpuMs, procCpuMs, spawnProc, startHarness, sleep } from '../lib/procs.mjs';
import { summarize } from '../lib/stats.mjs';
import { workDir } from '../lib/fixtures.mjs';
import { SECRET } from './ingest.mjs';

/** How much less forwarding must cost the inbox than the least forwarding receiver (F / D′). */
const FORWARD_MARGIN = 0.15;

async function startTarget() {
  const port = await freePort();
  const p = spawnProc(process.execPath, [join(benchDir, 'baselines', 'bare-http.mjs'), String(port)]);
  for (const t0 = performance.now(); !p.out().includes('listening');) {
    if (performance.now() - t0 > 10_000) throw new Error(`target did not start: ${p.err()}`);
    await sleep(10);
  }
  return { url: `http://127.0.0.1:${port}/hook`, stop: () => p.kill() };
}

async function startD(log, ...extra) {
  const port = await freePort();
  const p = spawnProc(process.execPath, [join(benchDir, 'baselines', 'express-dt-minimal.mjs'), String(port), join(tmpDir, 'work', log), 'prototypes', ...extra]);
  for (const t0 = performance.now(); !p.out().includes('listening');) {
    if (performance.now() - t0 > 10_000) throw new Error(`baseline D did not start: ${p.err()}`);
    await sleep(10);
  }
  const url = `http://127.0.0.1:${port}/`;
  return {
    url, child: p.child, stop: () => p.kill(),
    async drained(timeoutMs = 120_000) {
      for (const t0 = performance.now(); performance.now() - t0 < timeoutMs; await sleep(50)) {
        if ((await (await fetch(`${url}forward-queue`)).json()).pending === 0) return;
      }
      throw new Error('baseline F did not finish forwarding');
    },
  };
}

async function fireMeasured(h, pool, seconds) {
  const c0 = procCpuMs(h.child.pid);
  const r = await fire(h.url, pool, { duration: seconds });
  r.cpuUsPerEvent = ((procCpuMs(h.child.pid) - c0) * 1000) / Math.max(1, r.ok2xx);
  return r;
}

/** Waits until the forward queue is empty; resolves with what was delivered and when. */
async function drained(h, timeoutMs = 120_000) {
  for (const t0 = performance.now(); performance.now() - t0 < timeoutMs; await sleep(50)) {
    const s = await h.forwardStatus(); // not stats(): its percentiles cost the harness's loop
    if (s.forward && s.forward.queueDepth === 0) return { at: performance.now(), delivered: s.forward.delivered3h, failed: s.forward.failed3h };
  }
  throw new Error('the forward queue did not drain');
}

export async function benchForward(ctx) {
  const { runs, seconds, rate, rateSeconds, log } = ctx;
  const target = await startTarget();
  const plain = await startHarness({ dataDir: workDir(ctx.fixtures, 100_000, 'fwd-off'), secrets: [SECRET] });
  const fwd = await startHarness({ dataDir: workDir(ctx.fixtures, 100_000, 'fwd-on'), secrets: [SECRET], forwardTo: target.url });
  mkdirSync(join(tmpDir, 'work'), { recursive: true });
  const dOff = await startD(`fwd-d-${process.pid}.log`);
  const dOn = await startD(`fwd-f-${process.pid}.log`, target.url);
  const pairs = [];
  const forwardedPerSec = [];
  let down;
  try {
    for (const h of [plain, fwd, dOff, dOn]) await fire(h.url, await ctx.makePool(2_000), { amount: 2_000 }); // warm-up
    await drained(fwd);
    await dOn.drained();
    // The order alternates (off first in even pairs, on first in odd ones), so that neither side
    // always follows the other's drain or warm-up.
    for (let i = 0; i < runs; i++) {
      const first = i % 2 === 0 ? 'off' : 'on';
      const dRuns = {
        off: async () => fireMeasured(dOff, await ctx.makePool(2 * ctx.poolPerRun), seconds), // D′ is about twice as fast
        on: async () => {
          const fc0 = procCpuMs(dOn.child.pid);
          const r = await fireMeasured(dOn, await ctx.makePool(2 * ctx.poolPerRun), seconds);
          await dOn.drained();
          r.cpuUsPerEvent = ((procCpuMs(dOn.child.pid) - fc0) * 1000) / Math.max(1, r.ok2xx); // until forwarded
          return r;
        },
      };
      const inboxRuns = {
        off: async () => {
          const m0 = mainThreadCpuMs(plain.child.pid);
          const r = await fireMeasured(plain, await ctx.makePool(ctx.poolPerRun), seconds);
          r.mainUsPerEvent = ((mainThreadCpuMs(plain.child.pid) - m0) * 1000) / Math.max(1, r.ok2xx);
          return r;
        },
        on: async () => {
          const before = (await fwd.stats()).forward.delivered3h;
          const t0 = performance.now(), f0 = mainThreadCpuMs(fwd.child.pid), p0 = procCpuMs(fwd.child.pid);
          const r = await fireMeasured(fwd, await ctx.makePool(ctx.poolPerRun), seconds);
          const d = await drained(fwd);
          // the forwarding of a run's events ends when the queue is empty: CPU until then, per event
          r.mainUsPerEvent = ((mainThreadCpuMs(fwd.child.pid) - f0) * 1000) / Math.max(1, r.ok2xx);
          r.cpuUsPerEvent = ((procCpuMs(fwd.child.pid) - p0) * 1000) / Math.max(1, r.ok2xx);
          forwardedPerSec.push(((d.delivered - before) * 1000) / (d.at - t0));
          return r;
        },
      };
      const second = first === 'off' ? 'on' : 'off';
      const b = { [first]: await dRuns[first]() };
      b[second] = await dRuns[second]();
      const x = { [first]: await inboxRuns[first]() };
      x[second] = await inboxRuns[second]();
      const { off: bOff, on: bOn } = b, { off, on } = x;
      pairs.push({ dOff: bOff.okRps, dOn: bOn.okRps, dRatio: bOn.okRps / bOff.okRps, dOffCpu: bOff.cpuUsPerEvent, dOnCpu: bOn.cpuUsPerEvent, dBad: bOff.non2xx + bOn.non2xx + bOff.errors + bOn.errors,
        off: off.okRps, on: on.okRps, ratio: on.okRps / off.okRps, offCpu: off.cpuUsPerEvent, onCpu: on.cpuUsPerEvent, offMain: off.mainUsPerEvent, onMain: on.mainUsPerEvent, p99Off: off.latency.p99, p99On: on.latency.p99, bad: off.non2xx + on.non2xx + off.errors + on.errors, wrapped: !!(off.wrapped || on.wrapped || bOff.wrapped || bOn.wrapped) });
    }
    // the target down: a closed port, every forward attempt fails and is retried meanwhile
    await target.stop();
    const steadyOff = await paced(plain.url, await ctx.makePool(Math.ceil(rate * rateSeconds) + 10), { rate, seconds: rateSeconds });
    const steadyDown = await paced(fwd.url, await ctx.makePool(Math.ceil(rate * rateSeconds) + 10), { rate, seconds: rateSeconds });
    down = { p99Off: steadyOff.latency.p99, p99TargetDown: steadyDown.latency.p99, errors: steadyOff.errors + steadyOff.non2xx + steadyDown.errors + steadyDown.non2xx, queueAfter: (await fwd.stats()).forward.queueDepth };
  } finally {
    await dOff.stop();
    await dOn.stop();
    await plain.stop();
    await fwd.stop();
    await target.stop();
  }
  const out = {
    config: { runs, seconds, rate, rateSeconds, stored: 100_000, target: 'bare node:http in its own process' },
    paired: pairs.map((p) => ({ off: Math.round(p.off), on: Math.round(p.on), ratio: Math.round(p.ratio * 1000) / 1000, offCpuUsPerEvent: Math.round(p.offCpu), onCpuUsPerEvent: Math.round(p.onCpu), offMainUsPerEvent: Math.round(p.offMain), onMainUsPerEvent: Math.round(p.onMain) })),
    ratio: summarize(pairs.map((p) => p.ratio)),
    baseline: {
      ratio: summarize(pairs.map((p) => p.dRatio)),
      eventsPerSecOff: summarize(pairs.map((p) => p.dOff)),
      eventsPerSecOn: summarize(pairs.map((p) => p.dOn)),
      cpuUsPerEventOff: summarize(pairs.map((p) => p.dOffCpu)),
      cpuUsPerEventOn: summarize(pairs.map((p) => p.dOnCpu)),
      errors: pairs.reduce((a, p) => a + p.dBad, 0),
    },
    eventsPerSecOff: summarize(pairs.map((p) => p.off)),
    eventsPerSecOn: summarize(pairs.map((p) => p.on)),
    cpuUsPerEventOff: summarize(pairs.map((p) => p.offCpu)),
    cpuUsPerEventOn: summarize(pairs.map((p) => p.onCpu)),
    mainUsPerEventOff: summarize(pairs.map((p) => p.offMain)),
    mainUsPerEventOn: summarize(pairs.map((p) => p.onMain)),
    mainRatio: summarize(pairs.map((p) => p.offMain / p.onMain)),
    forwardedPerSec: summarize(forwardedPerSec),
    targetDown: down,
    errors: pairs.reduce((a, p) => a + p.bad, 0),
    poolWrapped: pairs.some((p) => p.wrapped),
  };
  log(`  baseline D′ → F (forwarding): on/off ${out.baseline.ratio.median} (${out.baseline.ratio.min}–${out.baseline.ratio.max})`);
  log(`  main thread µs/event off ${Math.round(out.mainUsPerEventOff.median)} on ${Math.round(out.mainUsPerEventOn.median)} (off/on ${out.mainRatio.median}); process µs/event off ${Math.round(out.cpuUsPerEventOff.median)} on ${Math.round(out.cpuUsPerEventOn.median)}`);
  log(`  forwarding on/off: ${out.ratio.median} (${out.ratio.min}–${out.ratio.max}); forwarded ${Math.round(out.forwardedPerSec.median)} ev/s; ack p99 at ${rate}/s with the target down ${down.p99TargetDown} ms vs ${down.p99Off} ms without forwarding`);
  out.targets = {
    forwardThroughput: {
      value: `${out.ratio.median} (F / D′ ${out.baseline.ratio.median})`,
      target: `on / off ≥ F / D′ + ${FORWARD_MARGIN} in the same pairs (medians of per-pair ratios)`,
      met: out.ratio.median >= out.baseline.ratio.median + FORWARD_MARGIN,
    },
    ackP99TargetDown: { value: down.p99TargetDown, target: `≤ 50 ms at ${rate}/s while the forward target is down`, met: down.p99TargetDown <= 50 },
  };
  return out;
}
