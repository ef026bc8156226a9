/**
 * The page's Content Security Policy, in one place for all three ways it reaches the page:
 * the Electron session's response header (electron/shell/window.ts), the UI server's header
 * (electron/core/ui-server/guards.ts) and the meta tag in renderer/index.html, which
 * vite.config.ts fills in at build time. Event bodies come from the internet: no inline
 * script or style, nothing but our own origin.
 */
const DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
] as const;

/** As a response header. */
export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/**
 * As a meta tag: the same minus frame-ancestors, which a browser ignores in a meta tag (and
 * reports as a console error); the headers above carry it, and file:// pages cannot be framed
 * by a web page anyway.
 */
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');

/** What renderer/index.html holds where the policy goes. */
export const CSP_PLACEHOLDER = '%CONTENT_SECURITY_POLICY%';

/** The built page's HTML: the placeholder replaced; an HTML without exactly one placeholder is a build error. */
export function withCspMeta(html: string): string {
  const parts = html.split(CSP_PLACEHOLDER);
  if (parts.length !== 2) throw new Error(`renderer/index.html must contain ${CSP_PLACEHOLDER} exactly once (found ${parts.length - 1})`);
  return parts.join(META_CONTENT_SECURITY_POLICY);
}
