/** The AppStatus the contract reports: built from the service's parts each time it is asked. */
import type { AppStatus } from '../../shared/api/contract';
import type { ForwardStatusView } from '../../shared/api/forward';
import type { SourceStatus } from '../../shared/api/backfill';
import type { TunnelController } from './tunnel';

export interface StatusParts {
  mode: AppStatus['mode'];
  receiverUrl: string;
  dataDir: string;
  allowExpired: boolean;
  tunnel?: TunnelController;
  secretsConfigured(): number;
  store: { storageError: { message: string; since: string } | null; warnings: readonly string[] };
  forward(): ForwardStatusView | null;
  sources(): SourceStatus[];
  receiveMode(): AppStatus['receiveMode'];
}

export function appStatus(p: StatusParts): AppStatus {
  const configured = p.tunnel?.isConfigured();
  return {
    mode: p.mode, receiverUrl: p.receiverUrl, tunnel: p.tunnel?.status() ?? { state: 'off' },
    tunnelManaged: p.tunnel !== undefined,
    secretsConfigured: p.secretsConfigured(), allowExpired: p.allowExpired,
    authtokenConfigured: configured?.authtoken ?? false,
    tunnelDomain: configured?.domain,
    storage: p.store.storageError ? { ok: false, ...p.store.storageError } : { ok: true },
    dataDir: p.dataDir, startupWarnings: [...p.store.warnings],
    forward: p.forward(),
    sources: p.sources(),
    receiveMode: p.receiveMode(),
  };
}
