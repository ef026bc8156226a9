/**
 * `POST /api/:method`: the contract over HTTP. The JSON body is the argument array; the
 * answer is always a `Result` as JSON (also for refusals), so the bridge has one code path.
 */
import type { Request, Response } from 'express';
import { parseArguments } from '../../../shared/api/arguments';
import { API_METHODS, type ApiMethod, type InboxApi } from '../../../shared/api/contract';

const isApiMethod = (m: string): m is ApiMethod => (API_METHODS as readonly string[]).includes(m);

export function rpcRoute(api: InboxApi) {
  return async (req: Request, res: Response): Promise<void> => {
    res.setHeader('Cache-Control', 'no-store');
    const method = String(req.params.method ?? '');
    if (!isApiMethod(method)) {
      res.status(404).json({ ok: false, error: `unknown method: ${method.slice(0, 60)}` });
      return;
    }
    // express.json leaves the body undefined for other content types: treat as no arguments.
    const parsed = parseArguments(method, req.body === undefined ? [] : req.body);
    if (!parsed.ok) {
      res.status(400).json({ ok: false, error: parsed.error });
      return;
    }
    try {
      const fn = api[method] as (...args: unknown[]) => Promise<unknown>;
      res.status(200).json(await fn.apply(api, parsed.args));
    } catch (e) {
      // The service should answer with Results; a throw is a bug, reported without a stack.
      res.status(500).json({ ok: false, error: `internal error in ${method}: ${(e as Error)?.message ?? 'unknown'}` });
    }
  };
}
