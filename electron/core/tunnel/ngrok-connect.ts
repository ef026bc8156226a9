/**
 * The only file that knows `@ngrok/ngrok`: a thin `TunnelConnect` over `ngrok.forward()` and
 * the translation of ngrok's errors into something a person can act on.
 * The native module is imported lazily so that a machine where it cannot load still runs the
 * receiver; the failure surfaces as a tunnel error instead of a crash at start-up.
 */
import type { ConnectOptions, TunnelFailure, TunnelListener } from './tunnel-types';

/** Raised when `@ngrok/ngrok`'s native binding cannot be loaded on this platform. */
export class NgrokUnavailableError extends Error {
  override readonly name = 'NgrokUnavailableError';
}

/** Connect through the real ngrok agent library, forwarding to 127.0.0.1:<addr> only. */
export async function ngrokConnect(opts: ConnectOptions): Promise<TunnelListener> {
  let ngrok: typeof import('@ngrok/ngrok');
  try {
    ngrok = await import('@ngrok/ngrok');
  } catch (e) {
    throw new NgrokUnavailableError(`ngrok's native module could not be loaded: ${(e as Error).message}`);
  }
  // A bare port number makes ngrok forward to "localhost:<port>", which may resolve to ::1
  // while the receiver listens on 127.0.0.1 only.
  const listener = await ngrok.forward({
    addr: `127.0.0.1:${opts.addr}`,
    authtoken: opts.authtoken,
    domain: opts.domain || undefined,
    onStatusChange: opts.onStatusChange,
  });
  return { url: () => listener.url(), close: () => listener.close() };
}

const TOKEN_PAGE = 'https://dashboard.ngrok.com/get-started/your-authtoken';

/** ERR_NGROK_* codes we know how to explain (https://ngrok.com/docs/errors/). */
const BY_CODE: Record<string, (domain?: string) => TunnelFailure> = {
  // usage requires a verified account and authtoken
  ERR_NGROK_4018: () => noAuthtokenFailure(),
  // malformed, v1, invalid and revoked authtokens
  ERR_NGROK_105: () => rejected('does not look like an ngrok authtoken'),
  ERR_NGROK_106: () => rejected('is an old ngrok v1 authtoken'),
  ERR_NGROK_107: () => rejected('is no longer valid (reset, or you left the team it belonged to)'),
  ERR_NGROK_300: () => rejected('has been revoked'),
  // domain reserved for another account / not reserved by yours
  ERR_NGROK_320: (d) => domainNotYours(d),
  ERR_NGROK_7117: (d) => domainNotYours(d),
  ERR_NGROK_7118: (d) => domainNotYours(d),
  ERR_NGROK_108: () => ({
    code: 'session_limit',
    message:
      'Your ngrok account allows only one agent session and another one is running (another Connector Inbox or an ngrok agent). Stop it, or see https://dashboard.ngrok.com/agents.',
    retry: true,
  }),
};

export function noAuthtokenFailure(): TunnelFailure {
  return {
    code: 'no_authtoken',
    message: `ngrok needs an authtoken. Copy yours from ${TOKEN_PAGE} into Settings, or set NGROK_AUTHTOKEN.`,
    retry: false,
  };
}

function rejected(why: string): TunnelFailure {
  return { code: 'authtoken_rejected', message: `ngrok rejected the authtoken: it ${why}. Check it at ${TOKEN_PAGE}.`, retry: false };
}

function domainNotYours(domain?: string): TunnelFailure {
  const d = domain ? `"${domain}"` : 'The configured domain';
  return {
    code: 'domain_not_yours',
    message: `${d} is not reserved by your ngrok account. Reserve it at https://dashboard.ngrok.com/domains, or clear the domain setting to use your account's default domain.`,
    retry: false,
  };
}

// Transport-level failures of the agent: no route to ngrok's servers.
const OFFLINE = /tcp connection|dns|resolve|lookup|unreachable|connection refused|network|timed out|no route|tls handshake/i;

/** Map anything `forward()` threw to a code, an actionable message and whether to retry. */
export function classifyNgrokError(err: unknown, domain?: string): TunnelFailure {
  if (err instanceof NgrokUnavailableError) {
    return { code: 'unknown', message: `${err.message}. The local receiver still works; reinstall the app to get the tunnel back.`, retry: false };
  }
  const e = (err ?? {}) as { message?: unknown; errorCode?: unknown };
  const raw = typeof e.message === 'string' ? e.message : String(err);
  const code = typeof e.errorCode === 'string' ? e.errorCode : /ERR_NGROK_\d+/.exec(raw)?.[0];
  const known = code ? BY_CODE[code] : undefined;
  if (known) return known(domain);
  const firstLine = raw.split('\n')[0]!.replace(/\s*error_code:.*$/, '').trim();
  if (!code && OFFLINE.test(raw)) {
    return { code: 'offline', message: `Cannot reach ngrok (${firstLine}): you may be offline, or a firewall blocks ngrok.`, retry: true };
  }
  return { code: 'unknown', message: `ngrok failed: ${firstLine}${code ? ` (${code}, see https://ngrok.com/docs/errors/${code.toLowerCase()})` : ''}`, retry: true };
}
