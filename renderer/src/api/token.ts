/**
 * The per-launch token of browser mode. It arrives once in the URL the CLI printed; we move
 * it to sessionStorage and strip it from the address bar so it is not bookmarked, shared
 * in a screenshot or kept in history.
 */
const KEY = 'connector-inbox.token';

export interface TokenEnv {
  location: Pick<Location, 'href'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
}

export function takeToken(env: TokenEnv): string | null {
  const url = new URL(env.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    env.storage.setItem(KEY, fromUrl);
    url.searchParams.delete('token');
    env.history.replaceState(env.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return env.storage.getItem(KEY);
}
