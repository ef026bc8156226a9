/**
 * Unique, correctly signed DT request bodies for the load generator: the simulator's
 * realistic events, each signed as DT signs (HS256 JWT, claims checksum = SHA-1 and
 * checksum_sha256 = SHA-256 of the body bytes, iat, exp = iat + 3600, random jti).
 * Signing uses node:crypto directly (no per-call signer set-up for 100k tokens); every pool is
 * spot-checked with the core's verifySignature.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { generateEvents } from '../../electron/core/simulator/generate';
import { verifySignature } from '../../electron/core/signature';

export interface SignedBody {
  eventId: string;
  body: string;
  signature: string;
}

const b64u = (b: Buffer | string) => Buffer.from(b).toString('base64url');
const HEADER = b64u(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export function signFast(body: Buffer, secret: string, iat = Math.floor(Date.now() / 1000)): string {
  const claims = {
    checksum: createHash('sha1').update(body).digest('hex'),
    checksum_sha256: createHash('sha256').update(body).digest('hex'),
    exp: iat + 3600,
    iat,
    jti: randomBytes(15).toString('base64url').slice(0, 20),
  };
  const input = `${HEADER}.${b64u(JSON.stringify(claims))}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

export async function makeSignedBodies(count: number, secret: string, seed: number): Promise<SignedBody[]> {
  const { events } = generateEvents({ seed, count, devices: 100, startMs: Date.now() - count, spacingMs: 1 });
  const out: SignedBody[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const e = events[i]!;
    out[i] = { eventId: e.eventId, body: e.body, signature: signFast(Buffer.from(e.body, 'utf8'), secret) };
  }
  for (const i of [0, count >> 1, count - 1]) {
    if (i < 0 || i >= count) continue;
    const v = await verifySignature(Buffer.from(out[i]!.body, 'utf8'), out[i]!.signature, { secrets: [secret], allowExpired: false });
    if (!v.ok || v.status !== 'valid') throw new Error(`bench signer produced a token the receiver refuses: ${JSON.stringify(v)}`);
  }
  return out;
}
