/**
 * The receiver's HTTP server: short timeouts so that slow clients cannot hold it, and a
 * listen that reports a taken port as a core error.
 */
import type { Server } from 'node:http';
import type { Express } from 'express';
import { createExpressServer } from '../express-server';
import { CoreError } from '../errors';

export function createReceiverServer(app: Express): Server {
  // Slow clients (trickled headers or body) are cut off well inside DT's 10 s. Node checks these
  // timeouts only every connectionsCheckingInterval (30 s by default): without a short interval
  // a slowloris socket lives up to 35-40 s whatever the timeouts say.
  const server = createExpressServer(app, { connectionsCheckingInterval: 500 });
  server.headersTimeout = 5_000;
  server.requestTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  return server;
}

/** Resolves with the port listened on (the real one for port 0). */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new CoreError('port_in_use', `port ${port} on ${host} is already in use`, { port, host }) : e));
    server.listen(port, host, () => resolve((server.address() as { port: number }).port));
  });
}
