// Turns the results object into bench/results/latest.md (latest.json is the object itself).
import { fmt, round } from './stats.mjs';

const mark = (t) => (t === undefined ? '—' : t.met ? '**met**' : '**MISSED**');
const v = (x) => (typeof x === 'number' ? String(round(x)) : String(x));

export function renderMarkdown(R) {
  const L = [];
  const e = R.env;
  L.push(`# Connector Inbox benchmarks${R.quick ? ' (quick mode)' : ''}`, '');
  L.push(`- date: ${e.date}`, `- machine: ${e.cpu} × ${e.cores} cores, ${e.memGB} GiB RAM, ${e.os}`, `- Node ${e.node}, commit ${e.commit}`);
  L.push(`- load average (1/5/15 min) at start: ${e.loadStart.join(' / ')}; at end: ${(R.env.loadEnd ?? []).join(' / ')}`);
  L.push(`- fixtures: ${e.fixtures}`, `- total time: ${Math.round(R.totalMs / 1000)} s`, '');
  L.push('Every figure: median of the runs, (min–max) when they differ. Load from a separate process on 127.0.0.1. Note on "at 200 events/s": autocannon’s overallRate gives each connection a per-second budget, so every second starts with a burst of up to 200 requests sent back to back; its latencies are those of the burst. The "evenly paced" figures send one request every 5 ms (open loop, latency from the scheduled time).', '');

  L.push('## Targets', '', '| # | target | measured | result |', '|---|---|---|---|');
  let i = 0;
  for (const [part, res] of Object.entries(R.parts)) {
    i++;
    if (res.error) {
      L.push(`| ${part} | (part failed) | ${res.error.split('\n')[0]} | **ERROR** |`);
      continue;
    }
    for (const [name, t] of Object.entries(res.targets ?? {})) L.push(`| ${part} | ${name}: ${t.target} | ${v(t.value)} | ${mark(t)} |`);
  }
  L.push('');

  const I = R.parts.ingest;
  if (I && !I.error) {
    L.push('## 1. Ingest (10 connections, unique signed events)', '');
    L.push(`${I.config.runs} runs of ${I.config.seconds} s at full speed; at ${I.config.rate} events/s ${I.config.runs} runs of ${I.config.rateSeconds} s (baselines: ${I.config.baselineRateRuns} of ${I.config.baselineRateSeconds} s, as a noise floor). Inbox: serve harness (createInboxService as \`serve\` builds it), secret, durable writes, ${I.config.stored.toLocaleString('en-US')} events stored before.`, '');
    L.push(`| server | events/s (full speed) | server CPU µs per event (full speed) | p99 ms (full speed) | p50 / p99 ms @${I.config.rate}/s autocannon (bursts) | p50 / p99 ms @${I.config.rate}/s evenly paced |`, '|---|---|---|---|---|---|');
    for (const [k, label] of [['bareHttp', 'A: bare node:http'], ['expressRaw', 'B: express + raw parser'],
      ['expressDurable', 'C: B + durable group commit (append + fdatasync; information only)'], ['inbox', 'Connector Inbox']]) {
      const x = I[k];
      if (!x) continue;
      L.push(`| ${label} | ${fmt(x.eventsPerSec)} | ${x.cpuUsPerEvent ? fmt(x.cpuUsPerEvent) : 'n/a'} | ${fmt(x.p99AtSaturation)} | ${fmt(x.p50AtRate)} / ${fmt(x.p99AtRate)} | ${fmt(x.p50Steady)} / ${fmt(x.p99Steady)} |`);
      if (k === 'expressDurable' && I.paired?.dEventsPerSec) {
        L.push(`| D: B + signature and checksum check, parse, dedupe by eventId, durable group commit (the target's baseline; paired runs) | ${fmt(I.paired.dEventsPerSec)} | ${fmt(I.paired.dCpuUsPerEvent)} | | | |`);
        if (I.paired.d2EventsPerSec) L.push(`| D′: D with requests born with express's prototypes, as the inbox's servers (information only; paired runs) | ${fmt(I.paired.d2EventsPerSec)} | ${fmt(I.paired.d2CpuUsPerEvent)} | | | |`);
      }
    }
    const x = I.inbox;
    if (I.paired) {
      const withD = I.paired.dRatio !== undefined, withD2 = I.paired.inboxOverD2 !== undefined;
      L.push('', `Paired full-speed runs (B, ${withD ? 'D, ' : ''}${withD2 ? 'D′, ' : ''}then the inbox${x.inspector ? ' with an inspector connected' : ''}, each ${I.config.seconds} s; the target's ratio is the median of inbox / ${withD2 ? 'D' : 'B'}): ${I.paired.runs.map((r) => `B ${r.b.toLocaleString('en-US')} (${r.bCpuUsPerEvent} µs CPU/event)${withD ? ` → D ${r.d.toLocaleString('en-US')}` : ''}${withD2 ? ` → D′ ${r.d2.toLocaleString('en-US')}` : ''} → inbox ${r.inbox.toLocaleString('en-US')} = ${r.inboxOverD ?? r.ratio} × D`).join('; ')}.`);
      if (withD) L.push('', `Inbox / D = ${fmt(I.paired.inboxOverD)}${withD2 ? `, inbox / D′ = ${fmt(I.paired.inboxOverD2)}` : ''} and D / B = ${fmt(I.paired.dRatio)} in the same pairs (D errors/non-2xx: ${I.paired.dErrors}): D verifies, dedupes and stores durably before the 200 and does nothing else: no schema or event-type check, no timestamp versioning (device state), no stored record with its delivery, no index, no inspector.`);
      if (x.inspector) L.push('', `The inspector (a separate process: the push stream and, per \`events\` message, a refresh of the first 100 rows coalesced to 4 a second, as the Events list does) received ${x.inspector.messages?.toLocaleString('en-US')} push messages for ${x.inspector.events?.toLocaleString('en-US')} events and made ${x.inspector.refreshes} refreshes (errors: ${x.inspector.errors ?? x.inspector.error}).`);
    }
    L.push('', `Inbox / B = ${round(I.paired?.ratio?.median ?? NaN)} (paired); from the separate medians above ${round(x.eventsPerSec.median / I.expressRaw.eventsPerSec.median)}${I.expressDurable ? `; Inbox / C = ${round(x.eventsPerSec.median / I.expressDurable.eventsPerSec.median)}` : ''}. Inside the inbox: event-loop delay p99 ${fmt(x.eldP99AtRate, ' ms')} (max ${fmt(x.eldMaxAtRate, ' ms')}) at ${I.config.rate}/s (autocannon), ${fmt(x.eldP99Steady, ' ms')} (max ${fmt(x.eldMaxSteady, ' ms')}) evenly paced, ${fmt(x.eldP99AtSaturation, ' ms')} at full speed; events per group commit: ${fmt(x.eventsPerCommitAtSaturation)} at full speed, ${fmt(x.eventsPerCommitAtRate)} at ${I.config.rate}/s autocannon, ${fmt(x.eventsPerCommitSteady)} evenly paced; RSS ${x.rssMB} MB (JS heap in use ${x.heapUsedMB} MB) with ${x.totalAfter?.toLocaleString('en-US')} events. Errors/non-2xx: ${x.errors}; every request a new event: ${x.storedAll && !x.poolWrapped}.`, '');
  }
  const W = R.parts.writeCost;
  if (W && !W.error) {
    L.push('## 2. Write cost vs history', '', `${W.config.runs} runs of ${W.config.eventsPerRun} events at ${W.config.rate}/s per size (whole segments per run).`, '');
    L.push('| stored | ack p50 / p99 ms evenly paced (the targets) | ack p50 / p99 ms autocannon (bursts, whole ms) | segment bytes/event (journal + segment file) | all bytes written/event | events/commit | loop delay p99 ms |', '|---|---|---|---|---|---|---|');
    for (const [size, b] of Object.entries(W.bySize)) {
      L.push(`| ${Number(size).toLocaleString('en-US')} | ${b.steadyP50 ? `${fmt(b.steadyP50)} / ${fmt(b.steadyP99)}` : 'n/a'} | ${fmt(b.ackP50)} / ${fmt(b.ackP99)} | ${fmt(b.segmentBytesPerEvent)} | ${fmt(b.wcharPerEvent)} | ${fmt(b.eventsPerCommit)} | ${fmt(b.eldP99)} |`);
    }
    if (W.rounds) L.push('', `The sizes take their runs in rounds (1k, 10k, 100k, 250k, then again; one inbox at a time, started afresh on a copy of its folder, 100 events of warm-up); each run is ${W.config.eventsPerRun} events with autocannon, then ${W.config.eventsPerRun} more evenly paced. Per-round ratios largest / smallest size, evenly paced (the targets): p50 ${fmt(W.rounds.p50)}, p99 ${fmt(W.rounds.p99)}. Autocannon's, from the medians above (information only): p50 ${round(W.autocannonRatios.p50)}, p99 ${round(W.autocannonRatios.p99)}.`);
    L.push('');
  }
  const S = R.parts.startup;
  if (S && !S.error) {
    L.push('## 3. Start-up', '', `\`${S.config.command}\`, ${S.config.runs} runs per size; time from spawn until a GET answers 200.${S.config.floor ? ` Each run is paired with baseline Z just before it (\`${S.config.floor}\`: node, express, the same index files read and parsed into one summary per event and the eventId Map, then a GET; nothing else).` : ''}`, '');
    L.push('| stored | until accepting (ms) | baseline Z (ms) | inbox / Z (per pair) | RSS then (MB) | peak RSS (MB) |', '|---|---|---|---|---|---|');
    for (const [size, b] of Object.entries(S.bySize)) L.push(`| ${Number(size).toLocaleString('en-US')} | ${fmt(b.acceptMs)} | ${b.floorMs ? fmt(b.floorMs) : 'n/a'} | ${b.overFloor ? fmt(b.overFloor) : 'n/a'} | ${fmt(b.rssMB)} | ${fmt(b.peakRssMB)} |`);
    L.push('');
  }
  const X = R.parts.export;
  if (X && !X.error) {
    L.push('## 4. Export of 100k events', '', `\`node dist/cli.js export --out FILE\`, ${X.config.runs} runs, peak RSS via ${X.config.peakVia}.`, '');
    L.push('| | time (ms) | peak RSS (MB) |', '|---|---|---|');
    L.push(`| all ${X.exported?.toLocaleString('en-US')} events → ${X.fileMB} MB | ${fmt(X.ms)} | ${fmt(X.peakRssMB)} |`);
    L.push(`| filter matching nothing (start-up + index only) | ${fmt(X.emptyFilterMs)} | ${fmt(X.emptyFilterPeakRssMB)} |`);
    L.push('', `Peak RSS growth due to exporting: ${fmt(X.growthMB, ' MB')} for a ${X.fileMB} MB file.`, '');
  }
  const U = R.parts.inspector;
  if (U && !U.error) {
    L.push('## 5. Inspector (headless Chromium, browser mode, 100k events)', '');
    L.push('| figure | value |', '|---|---|');
    for (const [k, s] of Object.entries(U.figures)) L.push(`| ${k} | ${typeof s === 'object' && s && 'median' in s ? fmt(s) : v(s)} |`);
    if (U.notes?.length) L.push('', ...U.notes.map((n) => `- ${n}`));
    if (U.pageProfile) {
      L.push('', `Page CPU profile during a second 3 s stream at 500 events/s (${U.pageProfile.busyMs} ms on CPU), top self frames:`, '', '| self ms | % | frame |', '|---|---|---|');
      for (const f of U.pageProfile.self) L.push(`| ${f.ms} | ${f.pct} | \`${f.frame.replace(/http:\/\/127\.0\.0\.1:\d+\//, '')}\` |`);
    }
    L.push('');
  }
  const D = R.parts.dedupe;
  if (D && !D.error) {
    L.push('## 6. Duplicates and reordering', '');
    L.push(`\`send --count ${D.config.count} --duplicates 0.1 --reorder 0.1 --seed ${D.config.seed}\` into \`serve\`: ${D.send.deliveries} requests (${D.send.duplicatesSent} duplicates, ${D.send.reorderedSent} reordered), ${D.send.acked} acknowledged.`);
    for (const [label, c] of [['export while serve runs', D.whileRunning], ['export after stop', D.afterStop]]) {
      L.push(`- ${label}: ${c.stored} events stored (${c.uniqueIds} unique ids), ${c.deliveries} deliveries recorded, ${c.staleDeliveries} stale deliveries; latest state checked for ${c.latestChecked} device/type pairs against the simulator's newest event: ${c.latestWrong} wrong${c.problems.length ? `; problems: ${c.problems.join('; ')}` : ''}`);
    }
    L.push('');
  }
  const F = R.parts.forward;
  if (F && !F.error) {
    L.push('## 7. Forwarding to the tester\'s receiver (serve --forward-to)', '');
    L.push(`100k stored, secret; the target is a bare node:http server in its own process. Pairs: ${F.baseline ? 'baseline D′ without forwarding, then F (D′ forwarding every stored body to the same target: node:http keep-alive, 4 in flight, no retry or record), then ' : ''}the inbox without forwarding, then with it, ${F.config.seconds} s each at full speed. CPU per event counts until the run's forwarding is done.`, '');
    L.push('| | events/s | process CPU µs/event | main thread CPU µs/event |', '|---|---|---|---|');
    if (F.baseline) {
      L.push(`| D′ (no forwarding) | ${fmt(F.baseline.eventsPerSecOff)} | ${fmt(F.baseline.cpuUsPerEventOff)} | |`);
      L.push(`| F: D′ forwarding | ${fmt(F.baseline.eventsPerSecOn)} | ${fmt(F.baseline.cpuUsPerEventOn)} | |`);
    }
    L.push(`| inbox without forwarding | ${fmt(F.eventsPerSecOff)} | ${fmt(F.cpuUsPerEventOff)} | ${F.mainUsPerEventOff ? fmt(F.mainUsPerEventOff) : ''} |`);
    L.push(`| inbox with forwarding on | ${fmt(F.eventsPerSecOn)} | ${fmt(F.cpuUsPerEventOn)} | ${F.mainUsPerEventOn ? fmt(F.mainUsPerEventOn) : ''} |`);
    L.push('', `- per-pair ratio (on / off): inbox ${fmt(F.ratio)}${F.baseline ? `; F / D′ ${fmt(F.baseline.ratio)} in the same pairs (errors: ${F.baseline.errors})` : ''}${F.poolWrapped !== undefined ? `; every request a new event: ${!F.poolWrapped}` : ''}; inbox pairs: ${F.paired.map((p) => `${p.on}/${p.off}`).join(', ')}`);
    if (F.mainRatio) L.push(`- the inbox's main thread (its event loop, what bounds it where cores are to spare), CPU per event off / on: ${fmt(F.mainRatio)}`);
    L.push(`- forwarded: ${fmt(F.forwardedPerSec)} events/s (from the start of a full-speed run until the queue is empty)`);
    L.push(`- target down (closed port), ${F.config.rate} events/s evenly paced: ack p99 ${round(F.targetDown.p99TargetDown)} ms with forwarding on vs ${round(F.targetDown.p99Off)} ms without; ${F.targetDown.queueAfter} deliveries queued afterwards; errors ${F.targetDown.errors}`, '');
  }
  const B = R.parts.backfill;
  if (B && !B.error) {
    const c = B.config, n = (x) => x.toLocaleString('en-US');
    L.push('## 8. Backfill from DT\'s history, and the stream beside the connector', '');
    L.push(`The fake DT Cloud (test/fake-dt-cloud) in its own process holds ${n(c.events)} temperature events over ${c.devices} devices in the last ${c.hours} h. Pairs, the order alternating: \`fillWindow\` into a fresh \`EventStore\` (createDtClient against the fake, ${c.fillConcurrency} devices at a time, pages of ${c.historyPage}), and the same events as the connector's bodies (intake's \`envelopeFor\`, signed HS256) POSTed by autocannon (${c.connections} connections) to the receiver as \`serve\` builds it, fresh data dir. Events stored durably per second; CPU per event of the inbox's process and of DT's side (the fake, or autocannon); event-loop utilization (ELU) of each over the run.`, '');
    L.push('| | events/s | time (ms) | inbox CPU µs/event | inbox ELU | DT side CPU µs/event | DT side ELU | events per group commit |', '|---|---|---|---|---|---|---|---|');
    const row = (label, x) => L.push(`| ${label} | ${fmt(x.eventsPerSec)} | ${fmt(x.ms)} | ${fmt(x.inboxCpuUsPerEvent)} | ${fmt(x.inboxElu)} | ${fmt(x.dtCpuUsPerEvent)} | ${fmt(x.dtElu)} | ${fmt(x.eventsPerCommit)} |`);
    row('backfill (fillWindow, history pages)', B.backfill);
    row(`receiver (${c.connections} connections, signed bodies)`, B.receiver);
    L.push('', `- backfill / receiver per pair: ${fmt(B.ratio)} (${B.pairs.map((p) => `${p.first === 'fill' ? 'fill first' : 'receiver first'}: ${n(p.backfill)} / ${n(p.receiver)}`).join('; ')}); every event stored by both: ${B.backfill.allStored && B.receiver.allStored}; receiver errors/non-2xx ${B.receiver.errors}, ack p99 ${fmt(B.receiver.p99, ' ms')}`);
    L.push('', `Stream beside connector (information): ${n(c.streamEvents)} events published as fast as the fake allows, from the first publish until the inbox holds all of them; S: DT's event stream as the only source (no receiver; ping every ${c.pingIntervalS} s), C: a receiver-mode inbox and an ACTIVE connector of the fake (one POST per event, signed with jose, all started at once).`, '');
    L.push('| | events/s | time (ms) | publishing loop (ms) | inbox CPU µs/event | inbox ELU | fake CPU µs/event | fake ELU | events per group commit |', '|---|---|---|---|---|---|---|---|---|');
    for (const [label, x] of [['S: stream', B.stream], ['C: connector', B.connector]]) {
      L.push(`| ${label} | ${fmt(x.eventsPerSec)} | ${fmt(x.ms)} | ${fmt(x.publishMs)} | ${fmt(x.inboxCpuUsPerEvent)} | ${fmt(x.inboxElu)} | ${fmt(x.dtCpuUsPerEvent)} | ${fmt(x.dtElu)} | ${fmt(x.eventsPerCommit)} |`);
    }
    L.push('', `- stream / connector: ${fmt(B.streamRatio)}; events stored beyond those published: stream ${B.stream.extra}, connector ${B.connector.extra}; the fake's delivery attempts ${n(B.connector.attempts)}, failed ${B.connector.failedAttempts}`, '');
  }
  const H = R.parts.health;
  if (H && !H.error) {
    L.push('## 9. Health log at start-up (7 days of history)', '');
    L.push(`Seeded: ${H.seeded.lines.toLocaleString('en-US')} records (a forward and an ack minute every minute for 7 days, errors one minute in ten, a follower change an hour), ${round(H.seeded.bytes / 1e6)} MB in <data dir>/health/. Each run a fresh process (files in the page cache), ${H.config.runs} runs, alternating.`, '');
    L.push('| | time (ms) |', '|---|---|');
    L.push(`| open: openHealthLog + forward figures restored + ack window refilled | ${fmt(H.open)} |`);
    L.push(`| floor: the same files read and JSON.parse'd, nothing else | ${fmt(H.floor)} |`);
    L.push('', `- open / floor: ${round(H.ratio)}; ${H.restored.records.toLocaleString('en-US')} records in the 7 days (all parsed after the timed open, to check them); restored, the last 3 h: ${H.restored.delivered3h.toLocaleString('en-US')} delivered, p99 ${H.restored.p99} ms; ack window p99 ${round(H.restored.ackP99)} ms`, '');
  }
  if (R.profiles) {
    L.push('## CPU profiles (top frames by self time)', '');
    for (const [name, p] of Object.entries(R.profiles)) {
      if (p.error) {
        L.push(`### ${name}: failed: ${p.error}`, '');
        continue;
      }
      L.push(`### ${name} (${p.eventsPerSec ? `${p.eventsPerSec} events/s, ` : ''}${p.acceptMs ? `${p.acceptMs} ms to accept, ` : ''}${p.busyMs} ms on CPU)`, '');
      L.push('| self ms | % | frame |', '|---|---|---|');
      for (const f of p.self) L.push(`| ${f.ms} | ${f.pct} | \`${f.frame}\` |`);
      L.push('', 'Inclusive:', '', '| ms | % | frame |', '|---|---|---|');
      for (const f of p.inclusive) L.push(`| ${f.ms} | ${f.pct} | \`${f.frame}\` |`);
      L.push('');
    }
  }
  L.push('## Reproduce', '', '```sh', 'npm run bench            # full run (< 10 min), writes bench/results/latest.{md,json}', 'npm run bench -- --quick # about a minute, fewer/shorter runs', '```', '');
  return L.join('\n');
}
