/** Where DT should POST: a fixed URL (--public-url), or the tunnel's URL while it is online. */
import type { TunnelController } from '../tunnel';
import type { PublicUrlSource } from './follower';

export function fixedUrlSource(url: string): PublicUrlSource {
  return { current: () => url, onChange: () => () => {} };
}

/** `tunnel` is asked each time: serve creates its tunnel only once the receiver's port is known. */
export function tunnelUrlSource(tunnel: () => TunnelController | undefined): PublicUrlSource {
  const of = (s: ReturnType<TunnelController['status']>) => (s.state === 'online' ? s.url : undefined);
  return {
    current: () => {
      const t = tunnel();
      return t ? of(t.status()) : undefined;
    },
    onChange: (l) => tunnel()?.onStatus((s) => l(of(s))) ?? (() => {}),
  };
}

/**
 * The tester's own public URL when one is saved (desktop Setup), else `fallback` (the tunnel's);
 * changed() is called after the saved URL is set or cleared, so the follower moves at once.
 */
export function preferredUrlSource(preferred: () => string | undefined, fallback: PublicUrlSource): PublicUrlSource & { changed(): void } {
  const listeners = new Set<(url: string | undefined) => void>();
  const current = () => preferred() ?? fallback.current();
  const tell = () => { for (const l of listeners) l(current()); };
  return {
    current,
    onChange(l) {
      listeners.add(l);
      // the tunnel's changes matter only while no URL of the tester's own is saved
      const off = fallback.onChange(() => { if (preferred() === undefined) l(current()); });
      return () => { listeners.delete(l); off(); };
    },
    changed: tell,
  };
}
