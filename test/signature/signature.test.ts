import { describe, expect, it } from 'vitest';
import { signLikeDt, verifySignature } from '../../electron/core/signature';
import { realRequests, signatureVectors } from '../fixtures';

const bytes = (s: string) => new TextEncoder().encode(s);
const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('signature vectors from test/fixtures/dt', () => {
  for (const v of signatureVectors()) {
    it(`${v.name}: ${v.expect}`, async () => {
      const iat = v.expectedClaims!.iat;
      const r = await verifySignature(bytes(v.rawBody), v.headers['X-Dt-Signature'], { secrets: [v.secret], allowExpired: false, now: () => iat + 1 });
      if (v.expect === 'valid') expect(r).toMatchObject({ ok: true, status: 'valid' });
      else if (v.expect === 'signature invalid') expect(r).toMatchObject({ ok: false, reason: 'invalid_signature' });
      else if (v.expect === 'checksum mismatch') {
        expect(r).toMatchObject({ ok: false, reason: 'checksum_mismatch' });
        if (!r.ok) expect(r.diagnosis).toMatch(/expected 9fec3361.*computed [0-9a-f]{64}.*altered or re-serialised/);
      } else throw new Error(`unknown expectation ${v.expect}`);
    });
  }
});

describe('requests really signed by DT Cloud', () => {
  for (const v of realRequests()) {
    it(`${v.name} verifies with test-secret when expired tokens are allowed`, async () => {
      const r = await verifySignature(bytes(v.rawBody), v.headers['X-Dt-Signature'], { secrets: ['test-secret'], allowExpired: true });
      expect(r).toMatchObject({ ok: true, status: 'valid', claims: { exp: v.claims!.exp } });
      if (r.ok && r.status === 'valid') expect(r.note).toMatch(/expired .* ago/);
    });
    it(`${v.name} is expired_signature otherwise, saying by how long`, async () => {
      const r = await verifySignature(bytes(v.rawBody), v.headers['X-Dt-Signature'], { secrets: ['test-secret'], allowExpired: false });
      expect(r).toMatchObject({ ok: false, reason: 'expired_signature' });
      if (!r.ok) expect(r.message).toMatch(/^Token expired \d+ d( \d+ h)?( \d+ min)? ago$/);
    });
    it(`${v.name} verifies with the clock inside [iat, exp]`, async () => {
      const r = await verifySignature(bytes(v.rawBody), v.headers['X-Dt-Signature'], { secrets: ['test-secret'], allowExpired: false, now: () => v.claims!.iat + 60 });
      expect(r.ok && r.status).toBe('valid');
    });
    it(`${v.name} expires exactly at exp: valid a second before, expired a second after`, async () => {
      const at = (now: number) => verifySignature(bytes(v.rawBody), v.headers['X-Dt-Signature'], { secrets: ['test-secret'], allowExpired: false, now: () => now });
      expect(v.claims!.exp - v.claims!.iat).toBe(3600);
      expect((await at(v.claims!.exp - 1)).ok).toBe(true);
      const late = await at(v.claims!.exp + 1);
      expect(late).toMatchObject({ ok: false, reason: 'expired_signature' });
      if (!late.ok) expect(late.message).toBe('Token expired 1 s ago');
    });
  }
  it('an altered real body fails the checksum even with expired tokens allowed', async () => {
    const v = realRequests()[1]!;
    const altered = v.rawBody.replace('"value":27', '"value":28');
    const r = await verifySignature(bytes(altered), v.headers['X-Dt-Signature'], { secrets: ['test-secret'], allowExpired: true });
    expect(r).toMatchObject({ ok: false, reason: 'checksum_mismatch' });
  });
  it('re-serialised JSON (same data, other bytes) is a checksum mismatch', async () => {
    const v = realRequests()[0]!;
    const pretty = JSON.stringify(JSON.parse(v.rawBody), null, 2);
    const r = await verifySignature(bytes(pretty), v.headers['X-Dt-Signature'], { secrets: ['test-secret'], allowExpired: true });
    expect(r).toMatchObject({ ok: false, reason: 'checksum_mismatch' });
  });
});

describe('verifySignature', () => {
  const body = bytes('{"event":{}}');
  it('accepts any of several secrets (rotation) and says which', async () => {
    const token = await signLikeDt(body, 'new-secret');
    const r = await verifySignature(body, token, { secrets: ['old-secret', 'new-secret'], allowExpired: false });
    expect(r).toMatchObject({ ok: true, status: 'valid', secretIndex: 1 });
  });
  it('marks events unverified when no secret is configured', async () => {
    expect(await verifySignature(body, undefined, { secrets: [], allowExpired: false })).toEqual({ ok: true, status: 'unverified' });
  });
  it('missing header with a secret configured', async () => {
    expect(await verifySignature(body, undefined, { secrets: ['s'], allowExpired: false })).toMatchObject({ ok: false, reason: 'missing_signature' });
  });
  it.each([
    ['not a JWT', 'hello'],
    ['bad base64 header', '!!!.e30.sig'],
    ['header not JSON', `${Buffer.from('nope').toString('base64url')}.e30.sig`],
    ['alg none', `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ exp: 9e9 })}.`],
    ['alg HS512', `${b64url({ alg: 'HS512', typ: 'JWT' })}.${b64url({ exp: 9e9 })}.AAAA`],
    ['alg RS256', `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url({ exp: 9e9 })}.AAAA`],
  ])('%s is malformed_signature', async (_name, token) => {
    expect(await verifySignature(body, token, { secrets: ['s'], allowExpired: false })).toMatchObject({ ok: false, reason: 'malformed_signature' });
  });
  it('wrong secret is invalid_signature with advice', async () => {
    const token = await signLikeDt(body, 'right');
    const r = await verifySignature(body, token, { secrets: ['wrong'], allowExpired: false });
    expect(r).toMatchObject({ ok: false, reason: 'invalid_signature' });
    if (!r.ok) expect(r.diagnosis).toMatch(/signature secret/);
  });
  it('uses the SHA-1 checksum only when checksum_sha256 is absent', async () => {
    const { CompactSign } = await import('jose');
    const { createHash } = await import('node:crypto');
    const sign = (claims: object) => new CompactSign(bytes(JSON.stringify(claims))).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(bytes('s'));
    const sha1 = createHash('sha1').update(body).digest('hex');
    const exp = Math.floor(Date.now() / 1000) + 600;
    expect(await verifySignature(body, await sign({ checksum: sha1, exp }), { secrets: ['s'], allowExpired: false })).toMatchObject({ ok: true, status: 'valid' });
    // sha256 present but wrong: a right sha1 must not rescue it
    const r = await verifySignature(body, await sign({ checksum: sha1, checksum_sha256: 'ab'.repeat(32), exp }), { secrets: ['s'], allowExpired: false });
    expect(r).toMatchObject({ ok: false, reason: 'checksum_mismatch' });
  });
  it('a fresh DT token is valid for its hour and expired just after it, by the real clock', async () => {
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    // iat an hour ago less a minute: a minute left
    expect(verifySignature(body, await signLikeDt(body, 's', { iat: hourAgo + 60 }), { secrets: ['s'], allowExpired: false })).toMatchObject({ ok: true, status: 'valid' });
    // iat an hour ago plus a minute: expired a minute ago, not a day later
    const r = verifySignature(body, await signLikeDt(body, 's', { iat: hourAgo - 60 }), { secrets: ['s'], allowExpired: false });
    expect(r).toMatchObject({ ok: false, reason: 'expired_signature' });
    if (!r.ok) expect(r.message).toMatch(/^Token expired 1 min( \d+ s)? ago$/);
  });
  it('signs like DT: HS256, both checksums of the body, iat, exp = iat + 3600 and a jti', async () => {
    const { createHash } = await import('node:crypto');
    const token = await signLikeDt(body, 's', { iat: 1_700_000_000 });
    const [h, p] = token.split('.');
    expect(JSON.parse(Buffer.from(h!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    expect(claims).toMatchObject({ iat: 1_700_000_000, exp: 1_700_003_600, checksum: createHash('sha1').update(body).digest('hex'), checksum_sha256: createHash('sha256').update(body).digest('hex') });
    expect(claims.jti).toMatch(/^[0-9a-z]{20}$/);
  });
  it('a token without exp is refused', async () => {
    const { CompactSign } = await import('jose');
    const token = await new CompactSign(bytes(JSON.stringify({ checksum_sha256: 'x' }))).setProtectedHeader({ alg: 'HS256' }).sign(bytes('s'));
    expect(await verifySignature(body, token, { secrets: ['s'], allowExpired: false })).toMatchObject({ ok: false, reason: 'malformed_signature' });
  });
});
