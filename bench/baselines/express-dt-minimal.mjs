// Baseline D (information, no target): a receiver that does only the core of what DT asks,
// on express: check X-Dt-Signature (HS256 with fast-jwt, SHA-256 of the raw body against
// checksum_sha256), parse the body, dedupe by eventId (a Set), and append it durably before
// answering (group commit as baseline C: one write + fdatasync per group). No schema or
// event-type check, no timestamp versioning (device state), no record of the delivery, no
// index: what is left of the inbox's work once everything a tester sees beyond "stored" is gone.
// Argument 3 "prototypes" makes D′: the same server with requests and responses born with express's
// prototypes, as the inbox's servers build them (electron/core/express-server.ts).
// Argument 4, a URL, makes F: D′ that also forwards each stored body to that URL once it has
// answered: the least a forwarding receiver does (node:http keep-alive, 4 in flight, the
// original signature passed on, an in-memory queue, no retry, no record of the attempt).
import http from 'node:http';
import { createHash } from 'node:crypto';
import express from 'express';
import { createVerifier } from 'fast-jwt';
import { groupCommitter } from './group-commit.mjs';

const secret = process.env.BENCH_SECRET ?? 'bench-secret-0123456789';
const verify = createVerifier({ key: secret, algorithms: ['HS256'], cache: false });
const log = await groupCommitter(process.argv[3] ?? 'bench-dt-minimal.log');
const seen = new Set();
const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.use(express.raw({ type: () => true, limit: '1mb' }));
// how many forwards are still queued or in flight (the bench waits for 0 between runs)
app.get('/forward-queue', (_req, res) => res.json({ pending: queue.length + inFlight }));
app.post(/.*/, (req, res) => {
  let claims;
  try {
    claims = verify(String(req.headers['x-dt-signature'] ?? ''));
  } catch {
    return res.status(401).json({ error: 'invalid_signature' });
  }
  if (claims.checksum_sha256 !== createHash('sha256').update(req.body).digest('hex')) return res.status(401).json({ error: 'checksum_mismatch' });
  let eventId;
  try {
    eventId = JSON.parse(req.body.toString('utf8'))?.event?.eventId;
  } catch {
    return res.status(400).json({ error: 'invalid_json' });
  }
  if (typeof eventId !== 'string') return res.status(422).json({ error: 'invalid_event' });
  if (seen.has(eventId)) return res.status(200).json({ status: 'duplicate', eventId });
  seen.add(eventId);
  log.add(req.body, () => {
    res.status(200).json({ status: 'accepted', eventId });
    if (forwardTo) forward(req.body, req.headers['x-dt-signature']);
  });
});

const forwardTo = process.argv[5] ? new URL(process.argv[5]) : null;
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
const queue = [];
let inFlight = 0;
function forward(body, signature) {
  queue.push([body, signature]);
  pump();
}
function pump() {
  while (inFlight < 4 && queue.length) {
    const [body, signature] = queue.shift();
    inFlight++;
    const req = http.request(forwardTo, { method: 'POST', agent, timeout: 10_000, headers: { 'Content-Type': 'application/json', 'Content-Length': body.length, 'X-Dt-Signature': signature } }, (r) => {
      r.resume();
      r.on('end', () => { inFlight--; pump(); });
    });
    req.on('error', () => { inFlight--; pump(); });
    req.end(body);
  }
}
const prototypes = process.argv[4] === 'prototypes';
function Request(...a) { http.IncomingMessage.apply(this, a); }
Request.prototype = app.request;
function Response(...a) { http.ServerResponse.apply(this, a); }
Response.prototype = app.response;
const server = prototypes ? http.createServer({ IncomingMessage: Request, ServerResponse: Response }, app) : http.createServer(app);
server.keepAliveTimeout = 5000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => log.close().then(() => process.exit(0))));
