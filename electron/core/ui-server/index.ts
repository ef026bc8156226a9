/**
 * The browser-mode UI server (`connector-inbox serve --ui`): serves the built renderer and
 * implements the InboxApi contract over loopback HTTP + SSE for the browser bridge
 * (renderer/src/api/browser-bridge.ts). It never listens on the receiver port and never
 * on anything but 127.0.0.1. Guards: see ./guards.ts.
 *
 * Routes: `POST /api/<method>` (JSON argument array → Result JSON), `GET /api/push` (SSE),
 * `POST /api/export-ticket` then `GET /api/export?ticket=…` (download), everything else:
 * static files from staticDir.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createExpressServer } from '../express-server';
import type { InboxApi } from '../../../shared/api/contract';
import { hostGuard, originGuard, securityHeaders, tokenGuard } from './guards';
import { createPushHub } from './push';
import { exportRoute, exportTicketRoute, type ExportStream } from './export-route';
import { ExportTickets } from './export-tickets';
import { rpcRoute } from './rpc';

export type { ExportStream } from './export-route';

export interface UiServerOptions {
  api: InboxApi;
  /** Only loopback: the API can start a public tunnel and set secrets. */
  host?: '127.0.0.1';
  /** 0 picks a free port. */
  port: number;
  /** Per-launch secret; put in the URL the user opens, then sent as a Bearer token. */
  token: string;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  exportStream: ExportStream;
  /** SSE comment interval; 15 s by default. */
  heartbeatMs?: number;
}

export interface UiServer {
  /** `http://127.0.0.1:PORT/?token=…`: the URL to open. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startUiServer(opts: UiServerOptions): Promise<UiServer> {
  if (!opts.token || opts.token.length < 16) throw new Error('ui server: token must be at least 16 characters');
  const host = opts.host ?? '127.0.0.1';
  let port = 0;
  const hub = createPushHub(opts.api, opts.heartbeatMs ?? 15_000);

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(hostGuard(() => port));
  app.use(securityHeaders());
  const tickets = new ExportTickets();
  // The download authorises itself (a ticket, or the Bearer header): no token in its URL.
  app.get('/api/export', originGuard(), exportRoute(opts.api, opts.exportStream, (m) => hub.broadcast(m), { token: opts.token, tickets }));
  app.use('/api', originGuard(), tokenGuard(opts.token, ['/push']));
  app.get('/api/push', (req, res) => hub.handle(req, res));
  // The argument array of a contract call (or of a ticket request) as JSON. The largest is a
  // replay of MAX_REPLAY_IDS selected events (about 250 kB of eventIds); 1 MB leaves room.
  const jsonArgs = express.json({ limit: '1mb', strict: false });
  app.post('/api/export-ticket', jsonArgs, exportTicketRoute(tickets));
  app.post('/api/:method', jsonArgs, rpcRoute(opts.api));
  app.use('/api', (_req, res) => {
    res.status(404).json({ ok: false, error: 'not found' });
  });
  app.use(express.static(opts.staticDir, { index: 'index.html', dotfiles: 'ignore', etag: false, redirect: false }));
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('not found');
  });
  // Body-parser failures (bad JSON, too large) still answer as a Result.
  app.use((err: { status?: number; type?: string; message?: string }, _req: Request, res: Response, _next: NextFunction) => {
    const status = typeof err.status === 'number' && err.status >= 400 && err.status < 600 ? err.status : 500;
    const error = err.type === 'entity.too.large' ? 'request body too large' : err.type === 'entity.parse.failed' ? 'request body is not valid JSON' : 'request failed';
    if (!res.headersSent) res.status(status).json({ ok: false, error });
  });

  // Node checks header/request timeouts only every connectionsCheckingInterval (30 s by
  // default), so without a short one a slow-loris socket outlives headersTimeout by far.
  const server: Server = createExpressServer(app, { connectionsCheckingInterval: 1_000 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  // Streams (SSE) are long-lived; a slow-loris header attack is bounded by headersTimeout.
  server.headersTimeout = 10_000;

  return {
    url: `http://${host}:${port}/?token=${encodeURIComponent(opts.token)}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        hub.closeAll();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
