/**
 * The DT Cloud view's answer for a followed project, from what is known without asking DT: the
 * follower's status now and the refresher's last table (refresher.ts) with how fresh it is.
 */
import type { DtCloudInfo } from '../../../shared/api/contract';
import type { DtCredentialsView, DtEmulationView } from '../../../shared/api/dt-cloud';
import type { FollowerStatus } from './follower';
import type { DtTable } from './refresher';

export interface ViewParts {
  project: string;
  /** the connector chosen, for the follower not started yet */
  connectorId?: string;
  follower?: FollowerStatus;
  table?: DtTable;
  credentials: DtCredentialsView | null;
  canSetCredentials: boolean;
  emulation?: DtEmulationView;
}

export function followedInfo(p: ViewParts): DtCloudInfo {
  const st = p.follower;
  const follower = st
    ? { state: st.state, connectorId: st.connectorId, url: st.url, systemDisabled: st.systemDisabled, lastError: st.lastError, nextRetryInMs: st.nextRetryInMs }
    : { state: 'waiting', connectorId: p.connectorId, systemDisabled: false };
  const refresh = p.table?.refresh ?? {};
  return {
    configured: true, project: p.project, follower, credentials: p.credentials, canSetCredentials: p.canSetCredentials,
    ...(p.emulation ? { emulation: p.emulation } : {}),
    connectors: p.table?.connectors ?? [], refresh, ...(refresh.lastError ? { error: refresh.lastError } : {}),
  };
}
