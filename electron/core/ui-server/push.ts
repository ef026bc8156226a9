/**
 * `GET /api/push`: Server-Sent Events carrying the contract's PushMessage values.
 * Each connection subscribes to the service itself (and unsubscribes on close), plus to
 * messages the UI server makes itself (progress of a browser export download).
 */
import type { Request, Response } from 'express';
import type { InboxApi, PushMessage } from '../../../shared/api/contract';

/** A client that stops reading is cut off past this much buffered output; EventSource reconnects. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export interface PushHub {
  handle(req: Request, res: Response): void;
  /** Send a message to every connected client (in addition to the service's own). */
  broadcast(message: PushMessage): void;
  closeAll(): void;
}

export function createPushHub(api: InboxApi, heartbeatMs: number): PushHub {
  const local = new Set<(m: PushMessage) => void>();
  const open = new Set<Response>();

  return {
    handle(_req, res) {
      res.status(200);
      res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Connection', 'keep-alive');
      res.flushHeaders();
      res.write('retry: 2000\n\n');
      open.add(res);

      const send = (message: PushMessage): void => {
        if (res.writableEnded || res.destroyed) return;
        if (res.writableLength > MAX_BUFFERED_BYTES) {
          res.end(); // slow reader: let it reconnect and refetch rather than grow memory
          return;
        }
        res.write(`data: ${JSON.stringify(message)}\n\n`);
      };
      const unsubscribe = api.subscribe(send);
      local.add(send);
      // A comment line keeps proxies and idle timeouts from closing a quiet stream.
      const heartbeat = setInterval(() => {
        if (!res.writableEnded) res.write(': heartbeat\n\n');
      }, heartbeatMs);

      let cleaned = false;
      const cleanup = (): void => {
        if (cleaned) return;
        cleaned = true;
        clearInterval(heartbeat);
        unsubscribe();
        local.delete(send);
        open.delete(res);
      };
      // The response closes when the client goes away or we end it (closeAll); the request's
      // own 'close' is about the request body and says nothing about the stream.
      res.on('close', cleanup);
    },
    broadcast(message) {
      for (const send of local) send(message);
    },
    closeAll() {
      for (const res of open) res.end();
      open.clear();
    },
  };
}
