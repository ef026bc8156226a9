// Part 6: duplicates and reordering end to end with the real CLI: `send` 10 % duplicates
// and 10 % reordering into `serve`, then `export` (while serve runs, and again after a
// clean stop). Checks: exactly the unique events stored, each once; every device's latest
// state per type is its newest event — compared with the simulator's own events,
// regenerated from the same seed and start (not with what the receiver stored).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { harness, rootDir, tmpDir } from '../lib/build.mjs';
import { freePort, spawnProc, waitForGet } from '../lib/procs.mjs';
import { emptyDir } from '../lib/fixtures.mjs';
import { SECRET } from './ingest.mjs';

const cli = (...args) => [join(rootDir, 'dist/cli.js'), ...args];

async function exportTo(dir, file) {
  const p = spawnProc(process.execPath, cli('export', '--data-dir', dir, '--out', file));
  const r = await p.exited;
  if (r.code !== 0) throw new Error(`export failed: ${p.err()}`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

function check(doc, truth) {
  const problems = [];
  const ids = doc.events.map((e) => e.eventId);
  const unique = new Set(ids);
  if (ids.length !== unique.size) problems.push(`${ids.length - unique.size} eventIds stored more than once`);
  if (doc.count !== truth.eventIds.length) problems.push(`count ${doc.count}, expected ${truth.eventIds.length}`);
  const missing = truth.eventIds.filter((id) => !unique.has(id));
  if (missing.length) problems.push(`${missing.length} events missing (e.g. ${missing[0]})`);
  let checked = 0, wrong = 0;
  const seen = new Set();
  for (const d of doc.devices) {
    for (const [type, v] of Object.entries(d.latest)) {
      const want = truth.latest[`${d.deviceId}/${type}`];
      seen.add(`${d.deviceId}/${type}`);
      checked++;
      if (!want || want.eventId !== v.eventId || want.timestamp !== v.timestamp) {
        wrong++;
        if (wrong <= 3) problems.push(`device ${d.deviceId} ${type}: latest ${v.eventId} ${v.timestamp}, newest is ${want?.eventId} ${want?.timestamp}`);
      }
    }
  }
  const absent = Object.keys(truth.latest).filter((k) => !seen.has(k));
  if (absent.length) problems.push(`${absent.length} device/type pairs have no latest state`);
  const deliveries = doc.events.reduce((a, e) => a + e.deliveries, 0);
  const staleDeliveries = doc.devices.reduce((a, d) => a + d.staleDeliveries, 0);
  return { stored: doc.count, uniqueIds: unique.size, latestChecked: checked, latestWrong: wrong, deliveries, staleDeliveries, problems };
}

export async function benchDedupe(ctx) {
  const { count, log } = ctx;
  const seed = 4242, devices = 24;
  const startMs = Date.parse('2025-11-01T08:00:00.000Z');
  const dir = emptyDir('dedupe');
  const port = await freePort();
  const t0 = performance.now();
  const serve = spawnProc(process.execPath, cli('serve', '--data-dir', dir, '--port', String(port), '--secret', SECRET, '-q'));
  let summary, running, stopped;
  try {
    await waitForGet(`http://127.0.0.1:${port}/`, t0, { child: serve.child });
    const send = spawnProc(process.execPath, cli('send', '--to', `http://127.0.0.1:${port}/hook`, '--secret', SECRET, '--count', String(count),
      '--devices', String(devices), '--duplicates', '0.1', '--reorder', '0.1', '--seed', String(seed), '--start', new Date(startMs).toISOString()));
    const r = await send.exited;
    summary = JSON.parse(send.out());
    if (r.code !== 0) throw new Error(`send exited ${r.code}: ${send.err()}`);
    running = await exportTo(dir, join(tmpDir, 'work', 'dedupe-running.json'));
  } finally {
    await serve.kill('SIGTERM');
  }
  stopped = await exportTo(dir, join(tmpDir, 'work', 'dedupe-stopped.json'));
  const { expectedAfterSend } = await import(harness.truth);
  const truth = expectedAfterSend({ seed, count, devices, startMs });
  const a = check(running, truth), b = check(stopped, truth);
  const met = a.problems.length === 0 && b.problems.length === 0 && summary.acked === count;
  log(`  dedupe: sent ${summary.sent} (+${summary.duplicatesSent} dup, ${summary.reorderedSent} reordered, ${summary.deliveries} requests), stored ${b.stored}, latest wrong ${b.latestWrong}/${b.latestChecked}`);
  return {
    config: { count, devices, duplicates: 0.1, reorder: 0.1, seed },
    send: { sent: summary.sent, deliveries: summary.deliveries, duplicatesSent: summary.duplicatesSent, reorderedSent: summary.reorderedSent, acked: summary.acked, statuses: summary.statuses },
    whileRunning: a, afterStop: b,
    targets: { exact: { value: `${b.stored} stored of ${count}; ${b.latestWrong} wrong latest of ${b.latestChecked}`, target: 'exact unique count; every latest = newest', met } },
  };
}
