/**
 * The Data Connector as a source: it covers the followed project while DT can deliver to the
 * inbox, that is while the connector is ACTIVE, pointed at a public URL that is up now, and
 * the store can write. The coverage log records each such period; when covering starts
 * again (start, tunnel back, re-enabled) the gaps are filled from DT's history. A
 * SYSTEM_DISABLED connector had its queue dropped: DT retries failed deliveries until they
 * are 12 h old, so the 12 h before it count as uncovered.
 */
import type { SourceStatus } from '../../../shared/api/backfill';
import type { CoverageLog } from '../coverage';
import type { DtController } from '../dt-cloud';
import type { InboxSource } from './source';

export interface ConnectorSourceOptions {
  dt: DtController;
  coverage: CoverageLog;
  storageOk: () => boolean;
  /** the connector started covering `project` again */
  onCovering: (project: string) => void;
  /** the tunnel's status changes; covering is also re-checked every `checkMs` */
  onTunnelChange?: (listener: () => void) => () => void;
  checkMs?: number;
  now?: () => number;
  onChange?: () => void;
}

const RETRY_HORIZON_MS = 12 * 3_600_000;

export function connectorSource(o: ConnectorSourceOptions): InboxSource & { covering(): string | undefined } {
  const now = o.now ?? Date.now;
  let covered: string | undefined; // the project covered now
  let systemDisabled = false;
  let timer: NodeJS.Timeout | undefined;
  const offs: (() => void)[] = [];
  let chain = Promise.resolve();
  const serial = (fn: () => Promise<void>) => { chain = chain.then(fn, fn).catch(() => undefined); };

  const evaluate = () => {
    const st = o.dt.followerStatus();
    const project = st?.project;
    const covering = st?.state === 'active' && !st.systemDisabled && o.dt.publicUrl() !== undefined && o.storageOk() ? project : undefined;
    const at = now();
    if (st && st.systemDisabled && !systemDisabled) {
      serial(() => o.coverage.uncover(st.project, at - RETRY_HORIZON_MS, at));
    }
    systemDisabled = st?.systemDisabled ?? false;
    if (covering === covered) return;
    const was = covered;
    covered = covering;
    if (was) serial(() => o.coverage.end(was, 'connector', at));
    if (covering) {
      serial(async () => {
        await o.coverage.open(covering, 'connector', at);
        o.onCovering(covering);
      });
    }
    o.onChange?.();
  };

  const status = (): SourceStatus => {
    const st = o.dt.followerStatus();
    if (!st) return { kind: 'connector', state: 'off', detail: 'no DT project followed: DT pushes to the receiver URL you set' };
    if (covered) return { kind: 'connector', state: 'receiving', project: st.project, detail: `receiving through data connector ${st.connectorId ?? ''}`.trim() };
    if (st.systemDisabled) return { kind: 'connector', state: 'down', project: st.project, detail: 'DT disabled the connector after failed deliveries (SYSTEM_DISABLED)' };
    if (!o.dt.publicUrl()) return { kind: 'connector', state: 'down', project: st.project, detail: 'no public URL: DT cannot reach the receiver' };
    if (st.state === 'retrying') return { kind: 'connector', state: 'down', project: st.project, detail: st.lastError ?? 'DT Cloud unreachable' };
    return { kind: 'connector', state: st.state === 'disabled' || st.state === 'stopped' ? 'down' : 'connecting', project: st.project, detail: `connector ${st.state}` };
  };

  return {
    start() {
      offs.push(o.dt.onStatus(evaluate));
      if (o.onTunnelChange) offs.push(o.onTunnelChange(evaluate));
      timer = setInterval(evaluate, o.checkMs ?? 5_000);
      timer.unref();
      evaluate();
    },
    async stop() {
      for (const off of offs.splice(0)) off();
      if (timer) clearInterval(timer);
      // the coverage log's close() ends open spans at quit; nothing to write here
      await chain;
    },
    status,
    covering: () => covered,
  };
}
