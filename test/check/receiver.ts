/**
 * Receivers written for these tests, on 127.0.0.1: a well-behaved one that verifies DT's
 * signature with its own HS256 check (jose, not the inbox's verifier), dedupes by eventId
 * and answers 200 at once; each fault makes it misbehave in one way a real receiver does.
 */
import http from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';

export type Fault =
  | 'accepts_any_signature'
  | 'errors_on_repeat'
  | 'slow_once'
  | 'refuses_unknown_type'
  | 'redirects'
  | 'endless_answer'
  | 'silent';

export interface Received {
  raw: Buffer;
  token: string | undefined;
  /** what the test's own verifier made of the token: 'valid', 'none' or why it failed */
  verdict: string;
  claims?: { iat?: number; exp?: number; checksum_sha256?: string };
  body: { event: { eventId: string; eventType: string; timestamp: string }; metadata: { deviceId: string } };
}

export interface TestReceiver {
  url: string;
  received: Received[];
  close: () => Promise<void>;
}

const KNOWN = new Set([
  'touch', 'temperature', 'objectPresent', 'humidity', 'objectPresentCount', 'touchCount', 'waterPresent', 'networkStatus',
  'batteryStatus', 'labelsChanged', 'connectionStatus', 'ethernetStatus', 'cellularStatus', 'co2', 'pressure', 'motion',
  'deskOccupancy', 'contact', 'probeWireStatus',
]);

/** HS256 with the secret's UTF-8 bytes, exp enforced, checksum_sha256 over the exact body bytes. */
export async function verifyDt(raw: Buffer, token: string | undefined, secret: string): Promise<{ verdict: string; claims?: Received['claims'] }> {
  if (!token) return { verdict: 'none' };
  let claims: Received['claims'];
  try {
    ({ payload: claims } = await jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ['HS256'] }));
  } catch (e) {
    return { verdict: (e as { code?: string }).code ?? 'invalid' };
  }
  const sum = createHash('sha256').update(raw).digest('hex');
  return { verdict: claims?.checksum_sha256 === sum ? 'valid' : 'checksum_mismatch', claims };
}

export async function startReceiver(opts: { secret?: string; fault?: Fault; slowType?: string; slowMs?: number; refuseEventId?: string } = {}): Promise<TestReceiver> {
  const received: Received[] = [];
  const seen = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  let slowDone = false;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks);
      const header = req.headers['x-dt-signature'];
      const token = typeof header === 'string' ? header : undefined;
      const body = JSON.parse(raw.toString('utf8')) as Received['body'];
      const { verdict, claims } = opts.secret ? await verifyDt(raw, token, opts.secret) : { verdict: 'unchecked', claims: undefined };
      received.push({ raw, token, verdict, claims, body });
      const type = body.event.eventType;
      if (opts.fault === 'silent') return; // reads the request, never answers
      if (opts.secret && verdict !== 'valid' && opts.fault !== 'accepts_any_signature') return res.writeHead(401).end('bad signature');
      if (opts.fault === 'refuses_unknown_type' && !KNOWN.has(type)) return res.writeHead(400).end(`unknown event type ${type}`);
      if (body.event.eventId === opts.refuseEventId) return res.writeHead(503).end('try later');
      if (opts.fault === 'redirects') return res.writeHead(307, { Location: '/elsewhere' }).end();
      const repeat = seen.has(body.event.eventId);
      seen.add(body.event.eventId);
      if (opts.fault === 'errors_on_repeat' && repeat) return res.writeHead(500).end('duplicate key value violates unique constraint');
      if (opts.fault === 'slow_once' && type === opts.slowType && !slowDone) {
        slowDone = true;
        const t = setTimeout(() => { timers.delete(t); res.writeHead(200).end(); }, opts.slowMs ?? 11_000);
        timers.add(t);
        return;
      }
      if (opts.fault === 'endless_answer') {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.write('x'.repeat(4096)); // more than the 2 KB a check reads, and never ended
        return;
      }
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/dt`,
    received,
    close: () => new Promise<void>((r) => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}
