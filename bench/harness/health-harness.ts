/**
 * The health log's start-up cost. `seed DIR`: 7 days of history as a forwarding inbox writes
 * it (one forward minute and one ack minute for every minute, errors in one minute of ten, a
 * follower change an hour), through the real producers (ForwardMetrics, the ack window) and
 * the real log. `open DIR`: what the service does at start, timed: openHealthLog, the forward
 * figures restored (ForwardHealth) and the ack window refilled; printed as JSON. `floor DIR`:
 * the same files read and JSON.parse'd line by line, nothing else (the baseline).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openHealthLog } from '../../electron/core/health-log';
import { ForwardHealth } from '../../electron/core/forward/forward-health';
import { ForwardMetrics } from '../../electron/core/forward/metrics';
import { keepAckLatencies } from '../../electron/core/store';
import { LatencyWindow } from '../../electron/core/store/latency-window';
import type { Clock } from '../../shared/clock';

const MINUTE = 60_000;
const [cmd, dir] = process.argv.slice(2);

async function seed(): Promise<void> {
  const end = Date.now() - (Date.now() % MINUTE);
  const start = end - 7 * 24 * 60 * MINUTE;
  const clock: Clock & { at: number } = { at: start, now() { return this.at; }, setTimeout: () => 0, clearTimeout: () => undefined };
  let lines = 0;
  let random = 1;
  const rnd = () => ((random = (random * 48271) % 2147483647) / 2147483647);
  for (let day = start; day < end; day += 24 * 60 * MINUTE) {
    clock.at = day;
    const log = await openHealthLog(dir!, { clock });
    const metrics = new ForwardMetrics();
    const window = new LatencyWindow();
    keepAckLatencies(log, window, () => clock.at);
    for (let t = day; t < Math.min(end, day + 24 * 60 * MINUTE); t += MINUTE) {
      clock.at = t;
      for (let i = 0; i < 60; i++) {
        const failed = t % (10 * MINUTE) === 0 && i < 3;
        metrics.record({ at: new Date(t).toISOString(), pos: i, eventId: `e${t}-${i}`, outcome: failed ? 503 : 200, latencyMs: Math.round((2 + rnd() * 40) * 10) / 10, answer: failed ? 'answer 503 from the target: service unavailable' : 'ok', next: failed ? 'retry' : 'delivered' }, t + i * 1000);
        window.add(1 + rnd() * 8);
      }
      for (const m of metrics.changed('seed0001')) log.append(m);
      if (t % (60 * MINUTE) === 0) log.append({ k: 'follower', t, state: 'active', url: 'https://example.ngrok.app/' });
      clock.at = t + MINUTE - 1;
      await log.flush();
      lines += 3;
    }
    await log.close();
  }
  const bytes = readdirSync(join(dir!, 'health')).reduce((n, f) => n + readFileSync(join(dir!, 'health', f)).length, 0);
  process.stdout.write(JSON.stringify({ lines, bytes }) + '\n');
}

async function open(): Promise<void> {
  const t0 = performance.now();
  const log = await openHealthLog(dir!);
  const health = new ForwardHealth(log);
  const window = new LatencyWindow();
  keepAckLatencies(log, window);
  const ms = performance.now() - t0;
  const s = health.metrics.snapshot(Date.now());
  await log.close();
  process.stdout.write(JSON.stringify({ ms, delivered3h: s.delivered3h, p99: s.p99LatencyMs, ackP99: window.percentile(99), records: log.read("forward").length + log.read("ack").length }) + '\n');
}

function floor(): void {
  const t0 = performance.now();
  let n = 0;
  for (const f of readdirSync(join(dir!, 'health')).filter((x) => !x.startsWith('detail-'))) {
    for (const line of readFileSync(join(dir!, 'health', f), 'utf8').split('\n')) if (line) { JSON.parse(line); n++; }
  }
  process.stdout.write(JSON.stringify({ ms: performance.now() - t0, records: n }) + '\n');
}

if (cmd === 'seed') await seed();
else if (cmd === 'open') await open();
else if (cmd === 'floor') floor();
else throw new Error(`health-harness: unknown command ${cmd}`);
