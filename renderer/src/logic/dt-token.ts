/**
 * The X-Dt-Signature token read for a tester: it is a JWT (HS256) whose claims carry the body's
 * checksums, so decoding it shows when DT signed, when it expires, and whether the body stored
 * is the one DT signed. Decoding checks nothing (the receiver verified the signature with the
 * secret, which never reaches the renderer); it only shows what the token says.
 */
import { formatDuration } from './format';

export interface DecodedToken {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  issuedAt?: string;
  expiresAt?: string;
  /** "expires in 59 min" / "expired 3 min ago", relative to `nowMs` */
  expiry?: string;
}

const b64urlJson = (part: string): Record<string, unknown> => {
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const text = new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  const v: unknown = JSON.parse(text);
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
  return v as Record<string, unknown>;
};

/** null when the header is not a readable JWT (then the raw header is all there is to show). */
export function decodeDtToken(token: string, nowMs: number): DecodedToken | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return null;
  try {
    const header = b64urlJson(parts[0]!);
    const claims = b64urlJson(parts[1]!);
    const out: DecodedToken = { header, claims };
    if (typeof claims.iat === 'number') out.issuedAt = new Date(claims.iat * 1000).toISOString();
    if (typeof claims.exp === 'number') {
      out.expiresAt = new Date(claims.exp * 1000).toISOString();
      const left = claims.exp * 1000 - nowMs;
      out.expiry = left >= 0 ? `expires in ${formatDuration(left)}` : `expired ${formatDuration(-left)} ago`;
    }
    return out;
  } catch {
    return null;
  }
}

/** hex SHA-256 of the body's UTF-8 bytes, as DT's checksum_sha256 claim has it */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The request as DT sent it, for a terminal: the exact body (not re-serialised) in single quotes,
 * with the shell's own escape for a quote inside it.
 */
export function curlCommand(url: string, headers: Record<string, string>, raw: string): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const keep = Object.entries(headers).filter(([k]) => /^(content-type|x-dt-signature|user-agent)$/i.test(k));
  if (!keep.some(([k]) => k.toLowerCase() === 'content-type')) keep.unshift(['Content-Type', 'application/json']);
  return [`curl -X POST ${q(url)}`, ...keep.map(([k, v]) => `-H ${q(`${k}: ${v}`)}`), `--data-binary ${q(raw)}`].join(' \\\n  ');
}
