/**
 * DT Cloud in the desktop app: the controller (electron/core/dt-cloud/controller.ts) fed from
 * settings (service account saved in Setup, secret encrypted; else DT_SERVICE_ACCOUNT_*), the
 * tunnel's URL and the saved project choice; the contract's dtSetCredentials; and the
 * SYSTEM_DISABLED report in the tray and a notification, each with a one-click re-enable.
 */
import { ok, type InboxApi, type Result } from '../../shared/api/contract';
import { createDtController, DT_DEFAULTS, endpointsFromEnv, type DtController, type DtEndpoints, type FollowerStatus, type PublicUrlSource } from '../core/dt-cloud';
import { newSignatureSecret } from '../core/signature-secret';
import type { TunnelController } from '../core/tunnel';
import { dtAlert } from './dt-alerts';
import { desktopUrls } from './public-url';
import type { SettingsStore } from './settings';
import type { DtTrayState } from './tray-model';

export const DESKTOP_DT_HINT = 'Not connected to DT Cloud: enter the service account (key id, key secret, email; role Project Developer) below, or set DT_SERVICE_ACCOUNT_KEY_ID, DT_SERVICE_ACCOUNT_SECRET and DT_SERVICE_ACCOUNT_EMAIL.';

export interface DesktopDtDeps {
  settings: SettingsStore;
  tunnel: TunnelController;
  /** saves and applies signature secrets (the persisted api's setSecrets) */
  setSecrets: InboxApi['setSecrets'];
  log: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  /** where the connector POSTs; default the saved public URL, else the tunnel's (public-url.ts) */
  urls?: PublicUrlSource;
}

function endpoints(env: NodeJS.ProcessEnv, log: (l: string) => void): DtEndpoints {
  try {
    return endpointsFromEnv(env);
  } catch (e) {
    log(`DT Cloud: ${(e as Error).message}; using DT's own endpoints`);
    return { ...DT_DEFAULTS };
  }
}

export function createDesktopDt(deps: DesktopDtDeps): DtController {
  const { settings } = deps;
  const saved = settings.get().dt;
  const dt = createDtController({
    account: () => settings.dtAccount(),
    endpoints: endpoints(deps.env ?? process.env, deps.log),
    urls: deps.urls ?? desktopUrls(settings, () => deps.tunnel),
    // The connector must sign with a secret the receiver checks: the first one set, else a new one saved encrypted.
    signatureSecret: async () => {
      const have = settings.secrets()[0];
      if (have) return have;
      const fresh = newSignatureSecret();
      const r = await deps.setSecrets([fresh]);
      if (!r.ok) throw new Error(`no signature secret for the connector: ${r.error}`);
      return fresh;
    },
    follow: saved.project ? { project: saved.project, connectorId: saved.connectorId } : undefined,
    onFollow: (f) => settings.update({ dt: { ...settings.get().dt, project: f.project, connectorId: f.connectorId } }),
    noAccountHint: DESKTOP_DT_HINT,
    canSetCredentials: true,
  });
  let last = '';
  dt.onStatus((s) => {
    const line = `DT Cloud: ${s.state}${s.connectorId ? ` connector ${s.connectorId}` : ''}${s.systemDisabled ? ' SYSTEM_DISABLED' : ''}${s.lastError ? ` (${s.lastError})` : ''}`;
    if (line !== last) deps.log(line); // errors are scrubbed of the secret by the client
    last = line;
  });
  return dt;
}

/** The contract's dtSetCredentials: saved (secret encrypted), then the follower restarts with them. */
export function withDtCredentials(api: InboxApi, settings: SettingsStore, dt: DtController): InboxApi {
  return {
    ...api,
    subscribe: (l) => api.subscribe(l),
    async dtSetCredentials(input) {
      const r = await settings.setDtCredentials(input);
      if (!r.ok) return r;
      await dt.credentialsChanged();
      return ok(r.value);
    },
  };
}

export interface DtAlertDeps {
  dt: DtController;
  api: InboxApi;
  tray: { update(patch: { dt: DtTrayState | null }): void };
  notify: (title: string, body: string, onClick: () => void) => void;
  log: (line: string) => void;
}

/** Re-enables the followed connector (re-applies URL and secret, ACTIVE); the answer is logged. */
export function reenable(deps: Pick<DtAlertDeps, 'dt' | 'api' | 'log'>): Promise<Result<unknown> | undefined> {
  const s = deps.dt.followerStatus();
  if (!s?.connectorId) return Promise.resolve(undefined);
  return deps.api.dtSetConnectorStatus({ project: s.project, connectorId: s.connectorId, status: 'ACTIVE' }).then((r) => {
    deps.log(r.ok ? `DT Cloud: connector ${s.connectorId} re-enabled` : `DT Cloud: re-enable failed: ${r.error}`);
    return r;
  });
}

/** Tray state on every follower status; a notification when DT sets the connector SYSTEM_DISABLED. */
export function wireDtAlerts(deps: DtAlertDeps): () => void {
  let prev: DtTrayState | undefined;
  return deps.dt.onStatus((s: FollowerStatus) => {
    const next = { connectorId: s.connectorId, systemDisabled: s.systemDisabled };
    deps.tray.update({ dt: next });
    const alert = dtAlert(prev, next);
    if (alert) deps.notify(alert.title, alert.body, () => void reenable(deps));
    prev = next;
  });
}
