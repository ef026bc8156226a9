/**
 * The fake's side of the DT Cloud refresh calls (electron/core/dt-cloud/refresher.ts plays them
 * against DT): a watch lease, a refresh that stamps `refresh.updatedAt` and pushes the table as
 * the service does, and one connector's metrics on demand. The emulator's answer lives here too.
 */
import { fail, ok, type DtCloudInfo, type PushMessage, type Result } from '../../shared/api/contract';
import type { DtEmulationView } from '../../shared/api/dt-cloud';
import type { DtConnectorMetricsView, DtRefreshView } from '../../shared/api/dt-refresh';

/** the service's lease (WATCH_LEASE_MS) */
const LEASE_MS = 60_000;

export interface FakeDtState {
  dtCloud: DtCloudInfo;
  dtError: string | null;
  calls: Array<{ method: string; args: unknown[] }>;
  push(m: PushMessage): void;
}

const refreshOf = (s: FakeDtState): DtRefreshView => (s.dtCloud.configured ? s.dtCloud.refresh ?? {} : {});

export function fakeWatch(s: FakeDtState): Result<DtRefreshView> {
  s.calls.push({ method: 'watchDtCloud', args: [] });
  if (!s.dtCloud.configured) return fail('Not connected to DT Cloud');
  s.dtCloud.refresh = { ...refreshOf(s), watchedUntil: new Date(Date.now() + LEASE_MS).toISOString() };
  return ok(structuredClone(s.dtCloud.refresh));
}

export function fakeRefresh(s: FakeDtState): Result<DtCloudInfo> {
  s.calls.push({ method: 'dtRefresh', args: [] });
  if (s.dtError) return fail(s.dtError);
  if (s.dtCloud.configured) {
    const now = Date.now();
    s.dtCloud.refresh = { ...refreshOf(s), updatedAt: new Date(now).toISOString(), nextRefreshAt: new Date(now + 30_000).toISOString() };
    s.push({ type: 'dtCloud', info: structuredClone(s.dtCloud) });
  }
  return ok(structuredClone(s.dtCloud));
}

export function fakeConnectorMetrics(s: FakeDtState, ref: { project: string; connectorId: string }): Result<DtConnectorMetricsView> {
  s.calls.push({ method: 'dtConnectorMetrics', args: [ref] });
  if (s.dtError) return fail(s.dtError);
  const row = s.dtCloud.configured ? s.dtCloud.connectors.find((c) => c.id === ref.connectorId) : undefined;
  if (!row) return fail(`DT Cloud answered 404 to get the metrics of data connector ${ref.connectorId}`);
  const m = row.metrics ?? { successCount: 0, errorCount: 0, latency99p: '' };
  return ok({ ...m, fetchedAt: new Date().toISOString() });
}

export function fakeEmulate(s: FakeDtState, a: { project: string; kind?: string; type: string; count: number }): Result<DtEmulationView> {
  s.calls.push({ method: 'dtEmulate', args: [a] });
  if (s.dtError) return fail(s.dtError);
  return ok({ project: a.project, deviceId: 'emu000000000000000001', deviceKind: a.kind ?? 'temperature', type: a.type, published: Array.from({ length: a.count }, (_, i) => ({ n: i + 1, publishedAt: new Date().toISOString() })) });
}
