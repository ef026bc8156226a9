/**
 * The desktop app's public URL (Setup): the tester's own https address, saved in settings, that
 * the DT connector follows instead of the tunnel's; cleared, the tunnel's URL is followed again.
 * The headless CLI takes --public-url at start instead.
 */
import { fail, ok, type InboxApi } from '../../shared/api/contract';
import { checkPublicUrl } from '../../shared/api/public-url';
import { preferredUrlSource, tunnelUrlSource } from '../core/dt-cloud';
import type { TunnelController } from '../core/tunnel';
import type { SettingsStore } from './settings';

export type DesktopUrls = ReturnType<typeof preferredUrlSource>;

/** Where the desktop's connector POSTs: the saved public URL, else the tunnel's while it is online. */
export function desktopUrls(settings: SettingsStore, tunnel: () => TunnelController | undefined): DesktopUrls {
  return preferredUrlSource(() => settings.get().publicUrl, tunnelUrlSource(tunnel));
}

export function withPublicUrl(api: InboxApi, settings: SettingsStore, urls: DesktopUrls): InboxApi {
  return {
    ...api,
    subscribe: (l) => api.subscribe(l),
    getPublicUrl: async () => ok({ publicUrl: settings.get().publicUrl ?? null }),
    async setPublicUrl(text) {
      const checked = text.trim() ? checkPublicUrl(text) : undefined;
      if (checked && !checked.ok) return fail(checked.error);
      try {
        await settings.update({ publicUrl: checked?.url });
      } catch (e) {
        return fail(`cannot save the public URL to ${settings.path}: ${(e as Error).message}`);
      }
      urls.changed();
      return ok({ publicUrl: checked?.url ?? null });
    },
  };
}
