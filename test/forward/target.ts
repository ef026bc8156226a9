/** A tester's receiver on 127.0.0.1 that records what it gets and answers as a test says. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received { body: Buffer; headers: IncomingMessage['headers']; eventId: string; at: number; answered?: Answer }
/** status to answer, or 'hang' (never answer), or 'reset' (destroy the socket), or a status a moment later. */
export type Answer = number | 'hang' | 'reset' | { status: number; afterMs: number };

export interface Target {
  url: string;
  received: Received[];
  inFlightMax: number;
  answer: (r: Received) => Answer;
  close(): Promise<void>;
}

export async function startTarget(answer: (r: Received) => Answer = () => 200): Promise<Target> {
  let inFlight = 0;
  const hanging: ServerResponse[] = [];
  const t: Target = { url: '', received: [], inFlightMax: 0, answer, close: async () => {} };
  const server: Server = createServer((req, res) => {
    inFlight++;
    t.inFlightMax = Math.max(t.inFlightMax, inFlight);
    res.on('close', () => inFlight--);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let eventId = '';
      try { eventId = (JSON.parse(body.toString('utf8')) as { event: { eventId: string } }).event.eventId; } catch { /* not an event */ }
      const r: Received = { body, headers: req.headers, eventId, at: Date.now() };
      t.received.push(r);
      const a = t.answer(r);
      r.answered = a;
      if (a === 'hang') { hanging.push(res); return; }
      if (a === 'reset') { req.socket.destroy(); return; }
      const send = (status: number) => res.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 300 ? `answer ${status} from the target` : 'ok');
      if (typeof a === 'number') send(a);
      else setTimeout(() => send(a.status), a.afterMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  t.close = async () => {
    for (const h of hanging) h.destroy();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  };
  return t;
}
