// Diagnostic for the forwarder's client: CPU per POST and POSTs/s of node:http (keep-alive agent,
// the way outbound/post.ts posts) against undici (a Pool, request()), to baseline A in its own
// process, 4 in flight, 700-byte bodies, in alternating rounds so both see the same machine.
// Needs undici resolvable from the repository (not a dependency: see FINDINGS "undici").
// Run: node bench/diagnostics/undici-post.mjs [requests=5000] [rounds=6]
import http from 'node:http';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { benchDir } from '../lib/build.mjs';

const { Pool } = await import('undici');
const N = Number(process.argv[2] ?? 5000);
const rounds = Number(process.argv[3] ?? 6);
const target = spawn(process.execPath, [join(benchDir, 'baselines', 'bare-http.mjs'), '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((resolve) => target.stdout.once('data', (d) => resolve(Number(/listening (\d+)/.exec(String(d))[1]))));
const body = Buffer.from(JSON.stringify({ event: { eventId: 'x'.repeat(20), data: { temperature: { value: 21.5 } } }, pad: 'y'.repeat(580) }));
const headers = { 'Content-Type': 'application/json', 'Content-Length': String(body.length), 'X-Dt-Signature': 'z'.repeat(150) };
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 32 });

const viaHttp = () => new Promise((resolve, reject) => {
  const req = http.request({ host: '127.0.0.1', port, path: '/', method: 'POST', agent, headers }, (res) => { res.resume(); res.on('end', resolve); });
  req.on('error', reject);
  req.end(body);
});
const viaUndici = async () => {
  const res = await pool.request({ path: '/', method: 'POST', headers, body });
  await res.body.dump();
};

async function run(post) {
  let next = 0;
  const cpu0 = process.cpuUsage(); const t0 = performance.now();
  await Promise.all(Array.from({ length: 4 }, async () => { while (next++ < N) await post(); }));
  const ms = performance.now() - t0; const cpu = process.cpuUsage(cpu0);
  return { perSec: Math.round(N / (ms / 1000)), cpuUsPerPost: Math.round((cpu.user + cpu.system) / N) };
}
await run(viaHttp); await run(viaUndici); // warm both
const res = { http: [], undici: [] };
for (let i = 0; i < rounds; i++) {
  for (const [name, post] of i % 2 ? [['undici', viaUndici], ['http', viaHttp]] : [['http', viaHttp], ['undici', viaUndici]]) res[name].push(await run(post));
}
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const out = Object.fromEntries(Object.entries(res).map(([k, rs]) => [k, { cpuUsPerPost: med(rs.map((r) => r.cpuUsPerPost)), perSec: med(rs.map((r) => r.perSec)), rounds: rs }]));
out.cpuRatioUndiciToHttp = +(out.undici.cpuUsPerPost / out.http.cpuUsPerPost).toFixed(2);
console.log(JSON.stringify(out));
await pool.close(); agent.destroy(); target.kill('SIGTERM');
