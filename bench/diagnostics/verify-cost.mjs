// Diagnostic for the ingest miss: cost of one X-Dt-Signature verification as the receiver first did
// it (jose compactVerify with the secret as Uint8Array: a WebCrypto key import + async HMAC job per
// request), with a cached CryptoKey, and with node:crypto createHmac + timingSafeEqual (what
// fast-jwt, used since, does).
// Run: node bench/diagnostics/verify-cost.mjs
import { createHmac, timingSafeEqual } from 'node:crypto';
import { compactVerify } from 'jose';
import { buildHarnesses, harness } from '../lib/build.mjs';
await buildHarnesses();
const { makeSignedBodies } = await import(harness.bodies);
const secret = 'bench-secret-0123456789';
const pool = await makeSignedBodies(3000, secret, 1);
const enc = new TextEncoder();
let t = performance.now();
for (const b of pool) await compactVerify(b.signature, enc.encode(secret), { algorithms: ['HS256'] });
const jose = (performance.now() - t) / pool.length;
const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
t = performance.now();
for (const b of pool) await compactVerify(b.signature, key, { algorithms: ['HS256'] });
const joseKey = (performance.now() - t) / pool.length;
t = performance.now();
for (const b of pool) {
  const [h, p, s] = b.signature.split('.');
  const mac = createHmac('sha256', secret).update(`${h}.${p}`).digest();
  const got = Buffer.from(s, 'base64url');
  if (!(got.length === mac.length && timingSafeEqual(got, mac))) throw new Error('bad');
  JSON.parse(Buffer.from(p, 'base64url').toString());
}
const node = (performance.now() - t) / pool.length;
console.log(JSON.stringify({ joseUint8ArrayMs: jose, joseCachedCryptoKeyMs: joseKey, nodeCryptoMs: node }));
