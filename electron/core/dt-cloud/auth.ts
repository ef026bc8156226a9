/**
 * OAuth2 JWT bearer, as DT's SDKs do it: an HS256 assertion (header `kid` = key id;
 * `iss` = the service account email, `aud` = the token URL, `iat`, `exp` ≤ 1 h) is
 * exchanged for an access token, which is cached until shortly before it expires.
 */
import { createSigner } from 'fast-jwt';
import type { DtEndpoints, ServiceAccount } from './config';
import { errorFromResponse, DtCloudError } from './errors';
import type { Transport } from './transport';

/** Renew this long before DT's `expires_in` runs out, so a request never carries a just-expired token. */
const RENEW_MARGIN_MS = 60_000;
const ASSERTION_LIFETIME_S = 3600;

export interface TokenSource {
  /** a valid access token, fetched or from the cache */
  get(): Promise<string>;
  /** forget the cached token (after DT answered 401 to it) */
  invalidate(): void;
}

export function makeAssertion(account: ServiceAccount, tokenUrl: string, nowMs: number): string {
  // fast-jwt derives iat from clockTimestamp (whole seconds) and exp = iat + expiresIn.
  const sign = createSigner({ key: account.secret, algorithm: 'HS256', kid: account.keyId, clockTimestamp: nowMs, expiresIn: ASSERTION_LIFETIME_S * 1000 });
  return sign({ iss: account.email, aud: tokenUrl });
}

export function createTokenSource(account: ServiceAccount, endpoints: DtEndpoints, transport: Transport, now: () => number): TokenSource {
  let cached: { token: string; renewAt: number } | undefined;
  let inflight: Promise<string> | undefined;

  const fetchToken = async (): Promise<string> => {
    const body = new URLSearchParams({
      assertion: makeAssertion(account, endpoints.tokenUrl, now()),
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    }).toString();
    const res = await transport.send({
      url: new URL(endpoints.tokenUrl), method: 'POST', body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      context: 'get an access token',
    });
    if (res.status < 200 || res.status >= 300) throw errorFromResponse(res.status, res.json as never, 'get an access token', 'token');
    const j = res.json as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (typeof j?.access_token !== 'string' || !j.access_token) {
      throw new DtCloudError('bad_response', 'DT Cloud\'s token answer has no access_token');
    }
    const lifetimeMs = (typeof j.expires_in === 'number' && j.expires_in > 0 ? j.expires_in : 3600) * 1000;
    cached = { token: j.access_token, renewAt: now() + Math.max(lifetimeMs - RENEW_MARGIN_MS, lifetimeMs / 2) };
    return j.access_token;
  };

  return {
    get: () => {
      if (cached && now() < cached.renewAt) return Promise.resolve(cached.token);
      // Concurrent callers share one token request.
      inflight ??= fetchToken().finally(() => { inflight = undefined; });
      return inflight;
    },
    invalidate: () => { cached = undefined; },
  };
}
