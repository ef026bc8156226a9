/** The one signature-secret maker: 256 bits a connector can sign with and the receiver checks. */
import { describe, expect, it } from 'vitest';
import { signLikeDt, verifySignature } from '../../electron/core/signature';
import { newSignatureSecret } from '../../electron/core/signature-secret';

describe('newSignatureSecret', () => {
  it('is 32 random bytes as base64url, new each time, and signs what the receiver accepts', async () => {
    const a = newSignatureSecret();
    const b = newSignatureSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(a).not.toBe(b);
    const body = new TextEncoder().encode('{"event":{}}');
    const token = await signLikeDt(body, a);
    expect(verifySignature(body, token, { secrets: [a], allowExpired: false })).toMatchObject({ ok: true });
    expect(verifySignature(body, token, { secrets: [b], allowExpired: false })).toMatchObject({ ok: false });
  });
});
