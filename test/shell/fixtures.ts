/** Small builders for the shell tests. */
import type { AppStatus, TunnelStatus } from '../../shared/api/contract';
import type { EventSummary } from '../../shared/records';

let seq = 0;
export function summary(over: Partial<EventSummary> = {}): EventSummary {
  seq++;
  return {
    seq, eventId: `evt${seq}`, eventType: 'waterPresent', projectId: 'p1', deviceId: `dev${seq}`, deviceName: 'Basement sensor',
    labels: { name: 'Basement sensor' }, timestamp: '2024-05-01T10:00:00.000000Z', receivedAt: '2024-05-01T10:00:00.100Z',
    deliveries: 1, signature: 'valid', warnings: [], stale: false, knownType: true, summary: 'PRESENT', source: 'connector', ...over,
  };
}

export function appStatus(tunnel: TunnelStatus = { state: 'off' }, over: Partial<AppStatus> = {}): AppStatus {
  return {
    mode: 'desktop', receiverUrl: 'http://127.0.0.1:8080/', tunnel, tunnelManaged: true, secretsConfigured: 1, allowExpired: false,
    authtokenConfigured: true, storage: { ok: true }, dataDir: '/tmp/x', startupWarnings: [], forward: null,
    sources: [], receiveMode: { mode: 'connector', canChoose: true }, ...over,
  };
}
