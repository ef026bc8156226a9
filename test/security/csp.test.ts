/**
 * One Content Security Policy for the page, however it arrives: the Electron session header,
 * the UI server header and the meta tag the renderer build writes into index.html.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, CSP_PLACEHOLDER, META_CONTENT_SECURITY_POLICY, withCspMeta } from '../../shared/csp';
import { CONTENT_SECURITY_POLICY as WINDOW_CSP } from '../../electron/shell/window';

const directives = (p: string) => p.split('; ');

describe('content security policy', () => {
  it('is strict: nothing inline, nothing foreign, no framing', () => {
    expect(directives(CONTENT_SECURITY_POLICY)).toEqual(expect.arrayContaining([
      "default-src 'none'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
    ]));
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*|https?:/);
  });

  it('the meta tag carries the header policy minus frame-ancestors, which browsers ignore there', () => {
    expect(directives(META_CONTENT_SECURITY_POLICY)).toEqual(directives(CONTENT_SECURITY_POLICY).filter((d) => !d.startsWith('frame-ancestors')));
  });

  it('renderer/index.html gets its policy only from the build: one placeholder, no policy of its own', () => {
    const source = readFileSync('renderer/index.html', 'utf8');
    expect(source.split(CSP_PLACEHOLDER)).toHaveLength(2);
    expect(source.match(/Content-Security-Policy/g)).toHaveLength(1);
    const built = withCspMeta(source);
    expect(built).toContain(`<meta http-equiv="Content-Security-Policy" content="${META_CONTENT_SECURITY_POLICY}" />`);
    expect(() => withCspMeta(built)).toThrow(/exactly once/);
  });

  it('the Electron window sends the same policy', () => {
    expect(WINDOW_CSP).toBe(CONTENT_SECURITY_POLICY);
  });
});
