/**
 * `GET /api/export?token=…&filter=<json>`: the browser-mode export, streamed as a file
 * download. The browser bridge learns the count beforehand from `queryEvents` (limit 0), so
 * nothing has to be read back from this response; `X-Export-Matched` carries the same
 * number for other clients (curl). Progress goes to the push stream as 'exportProgress'.
 */
import type { Request, Response } from 'express';
import { parseArguments } from '../../../shared/api/arguments';
import type { InboxApi, PushMessage } from '../../../shared/api/contract';
import type { EventFilter } from '../../../shared/filter';

export type ExportStream = (
  filter: EventFilter,
  out: NodeJS.WritableStream,
  onProgress: (done: number, total: number) => void,
) => Promise<{ count: number }>;

export function exportFileName(now: Date): string {
  const stamp = now.toISOString().replace(/[:]/g, '-').replace(/\..*$/, '');
  return `connector-inbox-export-${stamp}.json`;
}

export function exportRoute(api: InboxApi, exportStream: ExportStream, broadcast: (m: PushMessage) => void) {
  return async (req: Request, res: Response): Promise<void> => {
    let raw: unknown = {};
    try {
      raw = typeof req.query.filter === 'string' && req.query.filter !== '' ? JSON.parse(req.query.filter) : {};
    } catch {
      res.status(400).json({ ok: false, error: 'invalid filter: not JSON' });
      return;
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
