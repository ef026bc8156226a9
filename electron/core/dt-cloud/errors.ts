/**
 * What can go wrong talking to DT Cloud, worded for the person who must fix it. Every
 * message passes through the secret mask, so a service account secret echoed back by a
 * proxy or an error body never reaches a log or a terminal.
 */

export type DtErrorKind =
  | 'config' | 'auth' | 'forbidden' | 'not_found' | 'rate_limited' | 'bad_request'
  | 'server' | 'unreachable' | 'timeout' | 'bad_response';

/** DT's error body: `{error, code, help}` (`code` a number or a string). */
export interface DtErrorBody {
  error?: string;
  code?: number | string;
  help?: string;
}

export class DtCloudError extends Error {
  override readonly name = 'DtCloudError';
  /** a 429's Retry-After in ms, when DT sent one: the refresher waits that long before asking again */
  retryAfterMs?: number;
  constructor(
    readonly kind: DtErrorKind,
    message: string,
    /** HTTP status when DT answered */
    readonly status?: number,
    /** DT's help link, when its error body had one */
    readonly help?: string,
  ) {
    super(help ? `${message} (see ${help})` : message);
  }
}

/** Replaces every occurrence of each secret (and its URL-encoded form) with `***`. */
export function maskSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (!s || s.length < 4) continue;
    for (const form of new Set([s, encodeURIComponent(s)])) out = out.split(form).join('***');
  }
  return out;
}

const what = (status: number) => `DT Cloud answered ${status}`;

/** The typed error for a non-2xx answer; `context` names the request ("list connectors of project p"). */
export function errorFromResponse(status: number, body: DtErrorBody | undefined, context: string, scope: 'token' | 'api'): DtCloudError {
  const detail = body?.error ? `: ${body.error}` : '';
  const help = typeof body?.help === 'string' && /^https?:\/\//.test(body.help) ? body.help : undefined;
  if (scope === 'token' && (status === 400 || status === 401)) {
    return new DtCloudError('auth', `DT Cloud refused the service account (${status}${detail}) — check DT_SERVICE_ACCOUNT_KEY_ID, DT_SERVICE_ACCOUNT_SECRET and DT_SERVICE_ACCOUNT_EMAIL: the key may be wrong, deleted or from another service account`, status, help);
  }
  switch (status) {
    case 401:
      return new DtCloudError('auth', `${what(401)} to ${context}${detail} — check the service account key (DT_SERVICE_ACCOUNT_KEY_ID / DT_SERVICE_ACCOUNT_SECRET): it may have been deleted or rotated`, status, help);
    case 403:
      return new DtCloudError('forbidden', `${what(403)} to ${context}${detail} — the service account needs the Project Developer role (or higher) in this project`, status, help);
    case 404:
      return new DtCloudError('not_found', `${what(404)} to ${context}${detail} — the project or connector was not found (check the id, and that the service account is a member of the project)`, status, help);
    case 429:
      return new DtCloudError('rate_limited', `${what(429)} to ${context}${detail} — too many requests; still limited after 3 attempts, try again in a minute`, status, help);
    default:
      if (status >= 500) return new DtCloudError('server', `${what(status)} to ${context}${detail} — a problem on DT's side; try again later`, status, help);
      return new DtCloudError('bad_request', `${what(status)} to ${context}${detail}`, status, help);
  }
}

/** Network failures: offline, refused, DNS, or no answer within the timeout. */
export function errorFromNetwork(e: unknown, url: URL, context: string, timeoutMs: number): DtCloudError {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') {
    return new DtCloudError('timeout', `DT Cloud did not answer within ${formatMs(timeoutMs)} to ${context} (${url.host}) — check the network or try again`);
  }
  const code = err?.cause?.code ?? '';
  const why = code === 'ECONNREFUSED' ? 'connection refused'
    : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'host not found — are you offline?'
    : code ? code : (err?.cause?.message ?? err?.message ?? 'network error');
  return new DtCloudError('unreachable', `DT Cloud is unreachable at ${url.host} to ${context} (${why})`);
}

const formatMs = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);
