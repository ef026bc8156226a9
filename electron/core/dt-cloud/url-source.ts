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
