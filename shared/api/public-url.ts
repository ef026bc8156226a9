/**
 * The public URL a tester can give instead of the tunnel's (Setup, desktop app): the address
 * DT's connector POSTs to. DT delivers over HTTPS only, so anything else is refused here, in
 * the renderer and in the app alike, with words that say what to fix.
 */
import { z } from 'zod';

export type PublicUrlCheck = { ok: true; url: string } | { ok: false; error: string };

const anyUrl = z.string().url();

export function checkPublicUrl(text: string): PublicUrlCheck {
  const t = text.trim();
  if (t.length > 2000) return { ok: false, error: 'the public URL is longer than 2000 characters' };
  if (!anyUrl.safeParse(t).success) return { ok: false, error: `"${t.slice(0, 100)}" is not a URL: enter one such as https://inbox.example.com/` };
  if (!/^https:\/\//i.test(t)) return { ok: false, error: 'the public URL must start with https:// (DT Cloud delivers only over HTTPS with a valid certificate)' };
  if (/^https:\/\/[^/?#]*@/i.test(t)) return { ok: false, error: 'the public URL must not hold a user name or password' };
  if (!/^https:\/\/[^/?#:]+/i.test(t)) return { ok: false, error: 'the public URL needs a host name, e.g. https://inbox.example.com/' };
  return { ok: true, url: t };
}
