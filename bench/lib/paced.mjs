// A steady, open-loop load: one request every 1000/rate ms on a keep-alive agent of
// `connections` sockets, each with its own pre-signed body. autocannon's overallRate is a
// per-second budget per connection (each second starts with a burst of up to `rate`
// requests sent back to back, then waits), so its latencies are burst latencies; this
// client spreads the same rate evenly. Latency counts from the scheduled send time (no
// coordinated omission: a slow answer delays no later measurement).
import http from 'node:http';
import { percentile } from './stats.mjs';

export async function paced(url, pool, { rate, seconds, connections = 10 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const n = Math.min(pool.length, Math.round(rate * seconds));
  const interval = 1000 / rate;
  const lat = [];
  let errors = 0, non2xx = 0;
  const t0 = performance.now() + 20;
  const one = (i) => new Promise((resolve) => {
    const b = pool[i];
    const scheduled = t0 + i * interval;
    const req = http.request(url, {
      method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(b.body), 'x-dt-signature': b.signature },
    }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode < 200 || res.statusCode >= 300) non2xx++;
        lat.push(performance.now() - scheduled);
        resolve();
      });
    });
    req.on('error', () => {
      errors++;
      resolve();
    });
    req.end(b.body);
  });
  const pending = [];
  for (let i = 0; i < n; i++) {
    const wait = t0 + i * interval - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(one(i));
  }
  await Promise.all(pending);
  agent.destroy();
  const s = lat.sort((a, b) => a - b);
  return { requests: n, errors, non2xx, latency: { p50: percentile(s, 50), p90: percentile(s, 90), p99: percentile(s, 99), max: s.at(-1) } };
}
