/**
 * The desktop flavour of the contract: the service's api, except that new secrets and tunnel
 * settings are saved (encrypted) before they take effect, and refused as a whole when they
 * cannot be saved safely. The headless CLI keeps them in memory only. Notification choices
 * exist only here: saved to settings.json, then handed to the notification policy.
 * Forwarding settings are saved the same way (the forward secret encrypted) and then applied.
 */
import { fail, ok, type InboxApi, type NotificationPrefs } from '../../shared/api/contract';
import type { SettingsStore } from './settings';

/** At start: forwarding as it was last saved, applied to the service (nothing when never set). */
export async function applySavedForwarding(api: InboxApi, settings: SettingsStore): Promise<string | null> {
  const saved = settings.get().forward;
  if (!saved) return null;
  const r = await api.setForwarding({ ...saved, secret: settings.forwardSecret() ?? null });
  return r.ok ? null : r.error;
}

export function withPersistence(api: InboxApi, settings: SettingsStore, applyNotificationPrefs: (prefs: NotificationPrefs) => void = () => {}): InboxApi {
  return {
    ...api,
    subscribe: (listener) => api.subscribe(listener),
    async setSecrets(secrets) {
      const saved = await settings.setSecrets(secrets);
      if (!saved.ok) return saved;
      // the effective list: saved ones plus CONNECTOR_INBOX_SECRET
      return api.setSecrets(settings.secrets());
    },
    async setTunnelConfig(config) {
      if (config.authtoken !== undefined) {
        const saved = await settings.setAuthtoken(config.authtoken);
        if (!saved.ok) return saved;
      }
      if (config.domain !== undefined) await settings.update({ tunnelDomain: config.domain.trim() || undefined });
      return api.setTunnelConfig({
        ...(config.authtoken !== undefined ? { authtoken: settings.authtoken() } : {}),
        ...(config.domain !== undefined ? { domain: config.domain.trim() || undefined } : {}),
      });
    },
    async setForwarding(input) {
      // saved first (the secret encrypted), so what runs is always what the next start runs
      let saved;
      try {
        saved = await settings.setForward(input);
      } catch (e) {
        return fail(`cannot save the forwarding settings to ${settings.path}: ${(e as Error).message}`);
      }
      if (!saved.ok) return saved;
      return api.setForwarding({ ...input, secret: settings.forwardSecret() ?? null });
    },
    getNotificationPrefs: async () => ok(settings.get().notifications),
    async setNotificationPrefs(prefs) {
      try {
        await settings.update({ notifications: prefs });
      } catch (e) {
        return fail(`cannot save the notification settings to ${settings.path}: ${(e as Error).message}`);
      }
      applyNotificationPrefs(prefs);
      return ok(settings.get().notifications);
    },
  };
}
