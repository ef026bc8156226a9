import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { curlCommand, decodeDtToken, sha256Hex } from '../../renderer/src/logic/dt-token';
import { signLikeDt } from '../../electron/core/signature';

describe('the X-Dt-Signature token, decoded for the detail view', () => {
  it('shows the header, iat, exp relative to now, and a checksum_sha256 equal to the body\'s', async () => {
    const raw = '\uFEFF{"event":{"eventId":"x"},"note":"it\'s"}';
    const token = await signLikeDt(Buffer.from(raw), 'secret');
    const d = decodeDtToken(token, Date.now())!;
    expect(d.header).toMatchObject({ alg: 'HS256' });
    expect(d.expiry).toMatch(/^expires in /);
    expect(d.claims.checksum_sha256).toBe(await sha256Hex(raw));
    const later = decodeDtToken(token, Date.parse(d.expiresAt!) + 3 * 60_000)!;
    expect(later.expiry).toBe('expired 3 min ago');
    expect(decodeDtToken('not a token', Date.now())).toBeNull();
    expect(decodeDtToken('a.b.c', Date.now())).toBeNull();
  });

  it('Copy as curl sends the exact bytes and the signature header, quotes included, through a real shell', () => {
    const raw = '{"event":{"eventId":"x","labels":{"name":"O\'Brien\'s \\"fridge\\""}}}';
    const cmd = curlCommand('http://127.0.0.1:8111/', { 'content-type': 'application/json', 'x-dt-signature': 'aa.bb.cc', host: 'h' }, raw);
    // a stand-in curl that prints its arguments one per NUL: what a real curl would be given
    const out = execFileSync('sh', ['-c', `curl() { for a in "$@"; do printf '%s\\0' "$a"; done; }\n${cmd}`]).toString().split('\0').slice(0, -1);
    expect(out).toEqual(['-X', 'POST', 'http://127.0.0.1:8111/', '-H', 'content-type: application/json', '-H', 'x-dt-signature: aa.bb.cc', '--data-binary', raw]);
  });
});
