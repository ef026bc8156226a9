/** A tiny DT receiver for the simulator tests: 127.0.0.1, port 0, records what it sees. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '../../electron/core/signature';

export interface Seen {
  eventId: string;
  deviceId: string;
  eventType: string;
  timestamp: string;
  signature: 'valid' | 'unverified' | string;
  /** Date.now() when the request reached the server */
  arrivedAt: number;
}

export interface TestServer {
  url: string;
  seen: Seen[];
  requests: number;
  close: () => Promise<void>;
}

/** `answer(n)` decides the status of request number n (1-based); null = never answer. */
export async function startServer(opts: { secret?: string; answer?: (n: number, body: Seen) => number | null } = {}): Promise<TestServer> {
  const state: TestServer = { url: '', seen: [], requests: 0, close: async () => {} };
  const server = http.createServer((req, res) => {
    const arrivedAt = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const n = ++state.requests;
      const raw = Buffer.concat(chunks);
      const body = JSON.parse(raw.toString('utf8'));
      const header = req.headers['x-dt-signature'];
      const v = await verifySignature(raw, typeof header === 'string' ? header : undefined, { secrets: opts.secret ? [opts.secret] : [], allowExpired: false });
      const seen: Seen = {
        eventId: body.event.eventId, deviceId: body.metadata.deviceId, eventType: body.event.eventType,
        timestamp: body.event.timestamp, signature: v.ok ? v.status : v.reason, arrivedAt,
      };
      state.seen.push(seen);
      const status = opts.answer ? opts.answer(n, seen) : 200;
      if (status === null) return; // hold the request open: the client's timeout must fire
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dt`;
  state.close = () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); });
  return state;
}
