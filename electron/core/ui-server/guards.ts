/**
 * Request guards for the loopback UI server. The UI API can start a public tunnel and
 * replace secrets, so a web page the user happens to visit must not reach it:
 * - Host pinning defeats DNS rebinding (evil.example resolving to 127.0.0.1),
 * - the Origin check refuses cross-site requests a browser would otherwise send,
 * - the per-launch token refuses everything else on the machine that did not get the URL.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp';

/** Host must be exactly ours; `port` is read lazily because port 0 is only known after listen. */
export function hostGuard(port: () => number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const host = req.headers.host ?? '';
    const p = port();
    if (host === `127.0.0.1:${p}` || host === `localhost:${p}`) return next();
    res.status(421).type('text/plain').send('misdirected request: unexpected Host header');
  };
}

/** A browser sends Origin on cross-origin requests (and on same-origin POSTs); only our own is allowed. */
export function originGuard() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}`) {
      res.status(403).type('text/plain').send('forbidden: foreign origin');
      return;
    }
    // Belt and braces for browsers that omit Origin on some GETs.
    if (req.headers['sec-fetch-site'] === 'cross-site') {
      res.status(403).type('text/plain').send('forbidden: cross-site request');
      return;
    }
    next();
  };
}

/** Hash both sides so timingSafeEqual gets equal lengths and the compare leaks nothing. */
export function tokenMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

/**
 * `Authorization: Bearer <token>` everywhere; `?token=` only on the GET routes that a browser
 * opens without custom headers (EventSource). Downloads use single-use tickets instead.
 */
export function bearerOf(req: Request): string | undefined {
  const auth = req.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
}

export function tokenGuard(token: string, queryTokenPaths: readonly string[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const bearer = bearerOf(req);
    const fromQuery = req.method === 'GET' && queryTokenPaths.includes(req.path) ? req.query.token : undefined;
    if (tokenMatches(token, bearer) || tokenMatches(token, fromQuery)) return next();
    res.status(401).json({ ok: false, error: 'unauthorized: missing or wrong token' });
  };
}

/** Headers on every response, API and static alike. No CORS headers, ever. */
export function securityHeaders() {
  return (_req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    next();
  };
}
