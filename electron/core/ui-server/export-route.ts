/**
 * The browser-mode export, streamed as a file download:
 * - `POST /api/export-ticket` (Bearer token, body `[filter]`) → `{ ok, value: { ticket } }`;
 * - `GET /api/export?ticket=…` downloads it once (see export-tickets.ts). With the Bearer
 *   header instead, `GET /api/export?filter=<json>` works too (curl).
 * The browser bridge learns the count beforehand from `queryEvents` (limit 0), so nothing has
 * to be read back from this response; `X-Export-Matched` carries the same number for other
 * clients. Progress goes to the push stream as 'exportProgress'.
 */
import type { Request, Response } from 'express';
import { parseArguments } from '../../../shared/api/arguments';
import type { InboxApi, PushMessage } from '../../../shared/api/contract';
import type { EventFilter } from '../../../shared/filter';
import type { ExportTickets } from './export-tickets';
import { bearerOf, tokenMatches } from './guards';

export type ExportStream = (
  filter: EventFilter,
  out: NodeJS.WritableStream,
  onProgress: (done: number, total: number) => void,
) => Promise<{ count: number }>;

export function exportFileName(now: Date): string {
  const stamp = now.toISOString().replace(/[:]/g, '-').replace(/\..*$/, '');
  return `connector-inbox-export-${stamp}.json`;
}

/** `POST /api/export-ticket`, behind the token guard. */
export function exportTicketRoute(tickets: ExportTickets) {
  return (req: Request, res: Response): void => {
    res.setHeader('Cache-Control', 'no-store');
    const parsed = parseArguments('exportEvents', req.body === undefined ? [] : req.body);
    if (!parsed.ok) {
      res.status(400).json({ ok: false, error: parsed.error });
      return;
    }
    res.status(200).json({ ok: true, value: { ticket: tickets.issue(parsed.args[0] as EventFilter) } });
  };
}

/** `GET /api/export`: authorised by a ticket or by the Bearer token (not by `?token=`). */
export function exportRoute(api: InboxApi, exportStream: ExportStream, broadcast: (m: PushMessage) => void, auth: { token: string; tickets: ExportTickets }) {
  return async (req: Request, res: Response): Promise<void> => {
    let raw: unknown = {};
    if (tokenMatches(auth.token, bearerOf(req))) {
      try {
        raw = typeof req.query.filter === 'string' && req.query.filter !== '' ? JSON.parse(req.query.filter) : {};
      } catch {
        res.status(400).json({ ok: false, error: 'invalid filter: not JSON' });
        return;
      }
    } else {
      const filter = typeof req.query.ticket === 'string' ? auth.tickets.take(req.query.ticket) : null;
      if (!filter) {
        res.status(401).json({ ok: false, error: 'unauthorized: export ticket missing, already used or expired; start the export again' });
        return;
      }
      raw = filter;
    }
    const parsed = parseArguments('exportEvents', [raw]);
    if (!parsed.ok) {
      res.status(400).json({ ok: false, error: parsed.error });
      return;
    }
    const filter = parsed.args[0] as EventFilter;
    const counted = await api.queryEvents({ filter, offset: 0, limit: 0 });

    res.status(200);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${exportFileName(new Date())}"`);
    res.setHeader('Cache-Control', 'no-store');
    if (counted.ok) res.setHeader('X-Export-Matched', String(counted.value.matched));

    let lastSent = 0;
    const onProgress = (done: number, total: number): void => {
      // At most ~10 progress messages per second, plus the final one.
      const now = Date.now();
      if (done < total && now - lastSent < 100) return;
      lastSent = now;
      broadcast({ type: 'exportProgress', done, total });
    };
    try {
      await exportStream(filter, res, onProgress);
      if (!res.writableEnded) res.end();
    } catch {
      // Headers are gone already: breaking the connection is the only way to fail the download.
      res.destroy();
    }
  };
}
