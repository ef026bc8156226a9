import { describe, expect, it } from 'vitest';
import { forwardSettingsSchema, parseDuration, parseHeaderLine } from '../../shared/api/forward';

describe('forward settings', () => {
  it('accepts a full, sensible configuration', () => {
    const r = forwardSettingsSchema.safeParse({ url: 'http://localhost:3000/dt', secret: 's', types: ['touch'], headers: { Authorization: 'Bearer x' }, maxAgeMs: 3_600_000, concurrency: 4, duplicates: 0.1, reorder: 0.1, delayMs: 500 });
    expect(r.success).toBe(true);
  });

  it.each([
    [{ url: 'ftp://x/' }, 'url'],
    [{ url: 'not a url' }, 'url'],
    [{ url: 'http://x/', headers: { 'X-Dt-Signature': 'forged' } }, 'headers'],
    [{ url: 'http://x/', headers: { 'Bad Name': 'v' } }, 'headers'],
    [{ url: 'http://x/', headers: { 'X-Ok': 'a\r\nInjected: 1' } }, 'headers'],
    [{ url: 'http://x/', concurrency: 0 }, 'concurrency'],
    [{ url: 'http://x/', duplicates: 2 }, 'duplicates'],
    [{ url: 'http://x/', surprise: true }, ''],
  ])('refuses %j, naming %s', (input, path) => {
    const r = forwardSettingsSchema.safeParse(input);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]!.path.join('.')).toContain(path);
  });

  it('reads "Name: value" headers and says what is wrong with the others', () => {
    expect(parseHeaderLine('Authorization: Bearer a:b')).toEqual(['Authorization', 'Bearer a:b']);
    expect(parseHeaderLine('no colon')).toMatch(/expected "Name: value"/);
    expect(parseHeaderLine('Content-Type: text/plain')).toMatch(/set by the forwarder/);
  });

  it('reads durations', () => {
    expect(parseDuration('12h')).toBe(43_200_000);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('250')).toBe(250);
    expect(parseDuration('soon')).toBeNaN();
  });
});
