/**
 * `POST /api/:method`: the contract over HTTP. The JSON body is the argument array; the
 * answer is always a `Result` as JSON (also for refusals), so the bridge has one code path.
 */
import type { Request, Response } from 'express';
import { dispatch, type DispatchOutcome } from '../../../shared/api/dispatch';
import type { InboxApi } from '../../../shared/api/contract';

const STATUS: Record<DispatchOutcome['kind'], number> = { answered: 200, 'unknown-method': 404, 'invalid-arguments': 400, threw: 500 };

export function rpcRoute(api: InboxApi) {
  return async (req: Request, res: Response): Promise<void> => {
    res.setHeader('Cache-Control', 'no-store');
    // express.json leaves the body undefined for other content types: treat as no arguments.
    const out = await dispatch(api, String(req.params.method ?? ''), req.body === undefined ? [] : req.body);
    res.status(STATUS[out.kind]).json(out.result);
  };
}
