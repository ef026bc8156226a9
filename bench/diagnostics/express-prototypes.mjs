// Diagnostic for issue 13: baseline B (express + raw parser) against the same server whose
// requests and responses are born with express's prototypes (electron/core/express-server.ts),
// paired full-speed runs, server CPU per request. Run: node bench/diagnostics/express-prototypes.mjs [pairs] [seconds]
import { join } from 'node:path';
import { benchDir, buildHarnesses, harness } from '../lib/build.mjs';
import { fire } from '../lib/load.mjs';
import { freePort, procCpuMs, sleep, spawnProc } from '../lib/procs.mjs';

const [pairs = '5', secs = '3'] = process.argv.slice(2);
const SOURCE = `
import http from 'node:http';
import express from 'express';
const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.use(express.raw({ type: () => true, limit: '1mb' }));
app.post(/.*/, (req, res) => res.status(200).json({ status: 'accepted', bytes: req.body.length }));
function Request(...a) { http.IncomingMessage.apply(this, a); }
Request.prototype = app.request;
function Response(...a) { http.ServerResponse.apply(this, a); }
Response.prototype = app.response;
const server = http.createServer({ IncomingMessage: Request, ServerResponse: Response }, app);
server.keepAliveTimeout = 5000;
server.listen(Number(process.argv[1]), '127.0.0.1', () => process.stdout.write('listening\\n'));
`;
await buildHarnesses();
const { makeSignedBodies } = await import(harness.bodies);
async function start(args) {
  const port = await freePort();
  const p = spawnProc(process.execPath, [...args, String(port)], { cwd: benchDir });
  while (!p.out().includes('listening')) await sleep(10);
  return { url: `http://127.0.0.1:${port}/`, pid: p.child.pid, stop: () => p.kill() };
}
const b = await start([join(benchDir, 'baselines', 'express-raw.mjs')]);
const b2 = await start(['--input-type=module', '-e', SOURCE]);
const pool = await makeSignedBodies(20_000, 'bench-secret-0123456789', 9);
for (const s of [b, b2]) await fire(s.url, pool, { duration: 1 });
const run = async (s) => {
  const c0 = procCpuMs(s.pid);
  const r = await fire(s.url, pool, { duration: Number(secs) });
  return { eventsPerSec: Math.round(r.okRps), cpuUsPerRequest: Math.round(((procCpuMs(s.pid) - c0) * 1000) / r.ok2xx) };
};
for (let i = 0; i < Number(pairs); i++) console.log(JSON.stringify({ B: await run(b), prototypes: await run(b2) }));
await b.stop();
await b2.stop();
