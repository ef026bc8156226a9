/**
 * The public receiver: the only thing the tunnel exposes. Any path accepts a POST
 * (DT's URL is configurable); GET/HEAD say what this is and show no data; nothing else
 * is served here — the UI and its API listen elsewhere, on loopback only.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { RejectedDelivery } from '../../../shared/records';
import type { VerifyResult } from '../signature';
import { StorageError } from '../errors';
import { arrivalFromBody, type Intake } from '../intake';
import { decide } from './decide';

export type { Intake } from '../intake';

export interface ReceiverDeps {
  intake: Intake;
  verify: (raw: Uint8Array, header: string | undefined) => VerifyResult;
  /** e.g. "1mb" */
  maxBody: string;
  onRejected?: (r: RejectedDelivery) => void;
}

const PREVIEW_BYTES = 2048;

function headersOf(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  const h = req.headers;
  for (const k in h) {
    const v = h[k];
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

export function createReceiverApp(deps: ReceiverDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use((req, res, next) => {
    res.locals.start = performance.now();
    res.locals.receivedAt = new Date().toISOString();
    if (req.method === 'GET' || req.method === 'HEAD') {
      res.type('text/plain').send('Connector Inbox receiver: POST Disruptive Technologies Data Connector events here.\n');
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST, GET, HEAD');
      answer(res, 405, { error: 'method_not_allowed', message: `${req.method} is not accepted; DT sends POST` });
      return;
    }
    next();
  });

  // Raw bytes whatever the Content-Type (DT does not document it): the signature covers bytes.
  app.use(express.raw({ type: () => true, limit: deps.maxBody }));

  app.post(/.*/, async (req: Request, res: Response) => {
    const raw: Uint8Array = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const headers = headersOf(req);
    const base = {
      receivedAt: res.locals.receivedAt as string,
      path: req.originalUrl.slice(0, 2048),
      remoteAddress: req.socket.remoteAddress ?? '',
    };
    const decision = decide(raw, headers['x-dt-signature'], deps.verify);
    if (decision.kind === 'reject') {
      const { status, error, message, diagnosis, problems, eventId } = decision;
      record(deps, base, headers, raw, { status, error, message, diagnosis, eventId });
      answer(res, status, problems ? { error, message, problems } : { error, message, diagnosis });
      return;
    }
    const { validated, raw: text, signature, notes } = decision;
    try {
      const receipt = await deps.intake.ingest(arrivalFromBody({
        validated, raw: text, signature, notes, source: 'connector', delivery: { ...base, headers, status: 200 },
      }));
      answer(res, 200, { status: receipt.outcome, eventId: validated.body.event.eventId });
      // end() has handed the answer to the socket: that is the ack (no 'finish' listener per delivery).
      receipt.ack(performance.now() - (res.locals.start as number));
    } catch (e) {
      if (!(e instanceof StorageError)) throw e;
      // Never 2xx for an event that is not on disk: DT retries a 503 for up to 12 h.
      answer(res, 503, { error: 'storage_unavailable', message: e.message });
    }
  });

  app.use((err: Error & { type?: string; status?: number }, req: Request, res: Response, _next: NextFunction) => {
    const base = { receivedAt: (res.locals.receivedAt as string) ?? new Date().toISOString(), path: req.originalUrl.slice(0, 2048), remoteAddress: req.socket.remoteAddress ?? '' };
    if (err.type === 'entity.too.large') {
      const message = `body larger than ${deps.maxBody}`;
      record(deps, base, headersOf(req), new Uint8Array(), { status: 413, error: 'payload_too_large', message, diagnosis: 'DT events are a few kB; raise --max-body only if you really send larger bodies.' });
      answer(res, 413, { error: 'payload_too_large', message });
      return;
    }
    if (err.status && err.status >= 400 && err.status < 500) {
      answer(res, err.status, { error: 'bad_request', message: err.message });
      return;
    }
    answer(res, 500, { error: 'internal_error', message: 'the receiver failed to handle this request' });
  });
  return app;
}

/**
 * A JSON answer with the headers express's res.json would set (no ETag, no freshness check: this
 * port only answers POSTs with a small body). express's send path was a tenth of a delivery's
 * CPU at full speed.
 */
function answer(res: Response, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

function record(
  deps: ReceiverDeps,
  base: { receivedAt: string; path: string; remoteAddress: string },
  headers: Record<string, string>,
  raw: Uint8Array,
  r: Pick<RejectedDelivery, 'status' | 'error' | 'message' | 'diagnosis' | 'eventId'>,
): void {
  const entry = deps.intake.reject({
    ...base, ...r, headers,
    bodyPreview: Buffer.from(raw.subarray(0, PREVIEW_BYTES)).toString('utf8'),
    bodyBytes: raw.length,
  });
  deps.onRejected?.(entry);
}
