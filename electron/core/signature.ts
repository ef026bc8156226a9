/**
 * Verifies DT's X-Dt-Signature exactly as the reference doc describes: HS256 only,
 * key = the secret's UTF-8 bytes, `exp` enforced, `checksum_sha256` (else `checksum`)
 * over the raw body bytes. fast-jwt does the JWS work (and refuses `none`/other algs);
 * this module turns every failure into a reason code and a diagnosis a tester can act on.
 * fast-jwt rather than jose: it verifies with node:crypto synchronously, where jose's WebCrypto
 * path adds an async job per delivery: at full ingest speed that was the largest single cost of
 * a delivery (see bench/FINDINGS.md §1).
 */
import { hash, timingSafeEqual } from 'node:crypto';
import { createDecoder, createSigner, createVerifier, TokenError } from 'fast-jwt';
import type { RejectReason } from '../../shared/records';

export interface VerifyOptions {
  secrets: readonly string[];
  allowExpired: boolean;
  /** seconds since the epoch */
  now?: () => number;
}

export interface SignatureClaims {
  checksum?: string;
  checksum_sha256?: string;
  iat?: number;
  exp?: number;
  jti?: string;
}

export type VerifyResult =
  | { ok: true; status: 'valid'; claims: SignatureClaims; secretIndex: number; note?: string }
  | { ok: true; status: 'unverified' }
  | { ok: false; reason: Extract<RejectReason, `${string}_signature` | 'checksum_mismatch'>; message: string; diagnosis: string };

type Failure = Extract<VerifyResult, { ok: false }>;

const decodeToken = createDecoder({ complete: true });

/**
 * One verifier per secret (a handful at most: the configured ones, rotation included). `exp`
 * is checked here, not by fast-jwt, to tell expired from invalid and to allow replays.
 */
const verifierFor = perSecret((secret) =>
  createVerifier({ key: secret, algorithms: ['HS256'], ignoreExpiration: true, ignoreNotBefore: true, cache: false }) as (token: string) => unknown);
/** Signers too: forwarding signs every delivery, and building a signer costs more than signing. */
const signerFor = perSecret((secret) => createSigner({ key: secret, algorithm: 'HS256' }) as (claims: object) => string);

/** One per secret, built once (a handful of secrets at most; the cache starts over past 32). */
function perSecret<T>(make: (secret: string) => T): (secret: string) => T {
  const made = new Map<string, T>();
  return (secret) => {
    let x = made.get(secret);
    if (x === undefined) {
      if (made.size >= 32) made.clear();
      x = make(secret);
      made.set(secret, x);
    }
    return x;
  };
}
const fail = (reason: Failure['reason'], message: string, diagnosis: string): Failure => ({ ok: false, reason, message, diagnosis });

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  const parts = [d && `${d} d`, h && `${h} h`, m && `${m} min`, !d && !h && r && `${r} s`].filter(Boolean);
  return parts.length ? parts.join(' ') : '0 s';
}

const sha = (alg: 'sha256' | 'sha1', raw: Uint8Array) => hash(alg, raw, 'hex');

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase()), y = Buffer.from(b.toLowerCase());
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Why a token could not be checked: not a JWT, or not HS256 (decoded only on this path, not for
 * every delivery); null when its header is a well-formed HS256 one.
 */
function headerProblem(token: string): Failure | null {
  let alg: unknown;
  try {
    alg = (decodeToken(token) as { header: { alg?: unknown } }).header.alg;
  } catch {
    return fail('malformed_signature', 'X-Dt-Signature is not a JWT',
      'Expected a compact JWT (three base64url parts separated by dots) with a JSON header. Something between DT and this receiver replaced or truncated the header.');
  }
  if (alg !== 'HS256') {
    return fail('malformed_signature', `Token algorithm ${JSON.stringify(alg)} is not accepted`,
      'DT signs with HS256 only; tokens with any other algorithm (including "none") are refused.');
  }
  return null;
}

/**
 * @param raw the body bytes exactly as received (never re-serialised JSON)
 * @param header the X-Dt-Signature value, or undefined when absent
 * Synchronous (node:crypto): no promise per delivery on the receiver's hot path.
 */
export function verifySignature(raw: Uint8Array, header: string | undefined, opts: VerifyOptions): VerifyResult {
  if (opts.secrets.length === 0) return { ok: true, status: 'unverified' };
  if (header === undefined || header.trim() === '') {
    return fail('missing_signature', 'No X-Dt-Signature header',
      'A signature secret is configured here but the request carried no X-Dt-Signature header. Set the same signature secret on the Data Connector in DT Studio, or remove the secret here to accept unsigned events.');
  }
  const token = header.trim();
  let payload: unknown;
  let secretIndex = -1;
  for (let i = 0; i < opts.secrets.length && secretIndex < 0; i++) {
    try {
      payload = verifierFor(opts.secrets[i]!)(token);
      secretIndex = i;
    } catch (e) {
      const code = e instanceof TokenError ? e.code : undefined;
      if (code === TokenError.codes.invalidSignature) continue;
      const problem = headerProblem(token);
      if (problem) return problem;
      // An HS256 token with an empty signature part does not match any secret either.
      if (code === TokenError.codes.missingSignature) continue;
      return fail('malformed_signature', 'X-Dt-Signature could not be decoded', `The token is not a valid JWS (${(e as Error).message}).`);
    }
  }
  if (secretIndex < 0) {
    const n = opts.secrets.length;
    return fail('invalid_signature', 'Signature does not match the configured secret' + (n > 1 ? 's' : ''),
      `The token was signed with a different secret than the ${n === 1 ? 'one' : `${n}`} configured here. Copy the signature secret of the Data Connector in DT Studio exactly (it is used as UTF-8 text, not base64-decoded).`);
  }
  // fast-jwt refuses a payload that is not a JSON object before it checks the signature.
  const claims = payload as SignatureClaims;
  let note: string | undefined;
  if (typeof claims.exp !== 'number') {
    return fail('malformed_signature', 'Token has no exp claim', 'DT tokens carry exp = iat + 3600; this one has none.');
  }
  const now = opts.now ? opts.now() : Date.now() / 1000;
  if (now > claims.exp) {
    const ago = formatDuration(now - claims.exp);
    if (!opts.allowExpired) {
      return fail('expired_signature', `Token expired ${ago} ago`,
        `The token expired at ${new Date(claims.exp * 1000).toISOString()} (${ago} ago). DT tokens live one hour; a late retry or a replayed capture carries an old one. Check this machine's clock, or use --allow-expired to replay old captures (the checksum is still checked).`);
    }
    note = `token expired ${ago} ago (accepted: expired tokens allowed)`;
  }
  const expected = typeof claims.checksum_sha256 === 'string' ? claims.checksum_sha256 : typeof claims.checksum === 'string' ? claims.checksum : undefined;
  if (expected === undefined) {
    return fail('malformed_signature', 'Token has no checksum claim', 'DT tokens carry checksum_sha256 (and checksum); this one has neither, so the body cannot be tied to it.');
  }
  const alg2 = typeof claims.checksum_sha256 === 'string' ? 'sha256' : 'sha1';
  const computed = sha(alg2, raw);
  if (!sameHex(expected, computed)) {
    return fail('checksum_mismatch', `Body ${alg2 === 'sha256' ? 'SHA-256' : 'SHA-1'} does not match the token`,
      `expected ${expected}, computed ${computed} over the ${raw.length} bytes received. The signature is genuine but the body was altered or re-serialised on the way (a proxy, a pretty-printer, or a re-encoding tool).`);
  }
  return note ? { ok: true, status: 'valid', claims, secretIndex, note } : { ok: true, status: 'valid', claims, secretIndex };
}

/** Signs a body as DT does; used by the `send` simulator and tests. */
export async function signLikeDt(raw: Uint8Array, secret: string, opts: { iat?: number; jti?: string } = {}): Promise<string> {
  const iat = opts.iat ?? Math.floor(Date.now() / 1000);
  const claims = {
    checksum: sha('sha1', raw),
    checksum_sha256: sha('sha256', raw),
    exp: iat + 3600,
    iat,
    jti: opts.jti ?? Math.random().toString(36).slice(2, 22).padEnd(20, '0'),
  };
  // header {"alg":"HS256","typ":"JWT"}, as DT's. Not `noTimestamp`: fast-jwt then drops the
  // payload's own iat too, and DT's tokens carry one. Given an iat, fast-jwt keeps it.
  return signerFor(secret)(claims);
}
