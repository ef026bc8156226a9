/**
 * How the fake answers, shared by its route files: DT's `{error, code, help}` error body and
 * DT's offset pagination (`pageSize`, `pageToken`, an empty `nextPageToken` on the last page).
 */
import type { Request, Response } from 'express';

export const HELP = 'https://developer.disruptive-technologies.com/docs/';

export function sendError(res: Response, status: number, error: string, extra: Record<string, string> = {}): void {
  res.status(status).set(extra).json({ error, code: status, help: HELP });
}

/** `pageSize` from the query: `dflt` when absent, `undefined` (and a 400 sent) when outside 1..max. */
export function pageSizeOf(req: Request, res: Response, dflt: number, max: number): number | undefined {
  const size = req.query.pageSize === undefined ? dflt : Number(req.query.pageSize);
  if (Number.isInteger(size) && size >= 1 && size <= max) return size;
  sendError(res, 400, `pageSize must be 1..${max}`);
  return undefined;
}

export function sendPage<T>(req: Request, res: Response, items: T[], key: string): void {
  const size = pageSizeOf(req, res, 100, 100);
  if (size === undefined) return;
  const offset = req.query.pageToken ? Number(Buffer.from(String(req.query.pageToken), 'base64url').toString()) : 0;
  if (!Number.isInteger(offset) || offset < 0) return sendError(res, 400, 'invalid pageToken');
  const end = offset + size;
  res.json({ [key]: items.slice(offset, end), nextPageToken: end < items.length ? Buffer.from(String(end)).toString('base64url') : '' });
}

/** A list filter given comma-separated, repeated, or both (`a,b` / `x=a&x=b`); undefined when absent. */
export function listParam(value: unknown): Set<string> | undefined {
  if (value === undefined) return undefined;
  const all = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((s) => s.trim()).filter(Boolean);
  return all.length ? new Set(all) : undefined;
}
