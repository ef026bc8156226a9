import { useState } from 'react';
import type { DtCloudInfo, DtConnectorRow } from '../../../../shared/api/contract';
import { useApi } from '../../api';
import { Notice } from '../../components/Notice';
import { ackComparison } from '../../logic/dt-cloud';
import type { ConnectorAction } from '../../logic/dt-confirm';
import { DtConfirmAction } from './DtConfirmAction';
import { DtMetricsCell } from './DtMetricsCell';
import { useDtAction } from './useDtAction';

type Configured = Extract<DtCloudInfo, { configured: true }>;

/**
 * Every connector of the project with DT's last 3 h; ours beside the inbox's own count; Enable /
 * Disable / Sync on HTTP push ones. An action on a connector that is not ours is asked first
 * (DtConfirmAction); Cancel calls nothing.
 */
export function DtConnectorTable({ info, reload }: { info: Configured; reload: () => void }) {
  const api = useApi();
  const { busy, msg, run } = useDtAction(reload);
  const [asking, setAsking] = useState<{ c: DtConnectorRow; what: ConnectorAction } | null>(null);
  const act = (c: DtConnectorRow, what: ConnectorAction) => {
    const ref = { project: info.project, connectorId: c.id };
    const label = `${what}:${c.id}`;
    if (what === 'sync') return run(label, () => api.dtSync(ref), () => `DT re-sends the latest event of each type through ${c.displayName}.`);
    return run(label, () => api.dtSetConnectorStatus({ ...ref, status: what === 'enable' ? 'ACTIVE' : 'USER_DISABLED' }));
  };
  const ask = (c: DtConnectorRow, what: ConnectorAction) => (c.ours ? void act(c, what) : setAsking({ c, what }));
  return (
    <>
      {msg && <Notice tone={msg.tone}>{msg.text}</Notice>}
      {asking && (
        <DtConfirmAction connector={asking.c} action={asking.what} onCancel={() => setAsking(null)}
          onConfirm={() => { setAsking(null); void act(asking.c, asking.what); }} />
      )}
      <table className="table dt-connectors">
        <thead>
          <tr><th>Connector</th><th>Status</th><th>URL</th><th>Sends</th><th>DT, last 3 h</th><th /></tr>
        </thead>
        <tbody>
          {info.connectors.map((c) => {
            const push = c.type === 'HTTP_PUSH';
            const cmp = c.ours && c.metrics && info.inbox ? ackComparison(c.metrics.successCount, info.inbox.deliveries) : null;
            return (
              <tr key={c.id} data-connector-id={c.id}>
                {/* few, wrapping columns: the table fits a 900 px window with its buttons in view */}
                <td><div>{c.displayName}{c.ours && <span className="badge outcome-accepted">this inbox</span>}</div><div className="muted small mono">{c.id} · {c.type}</div></td>
                <td><span className={`badge ${c.status === 'ACTIVE' ? 'outcome-accepted' : 'reason'}`}>{c.status}</span></td>
                <td className="mono dt-url">{push ? c.url : 'not HTTP push: left alone'}</td>
                <td><div>events: {c.events.length ? c.events.join(', ') : 'all'}</div><div className="muted small">labels: {c.labels.join(', ') || '–'}</div></td>
                <td>
                  <div className="mono"><DtMetricsCell project={info.project} row={c} /></div>
                  {c.ours && info.inbox && <>
                    <div className="mono small">inbox, same 3 h: {info.inbox.deliveries} deliveries · {info.inbox.events} events</div>
                    {cmp && <div className={cmp.tone === 'warn' ? 'warn-text small' : 'muted small'}>{cmp.text}</div>}
                  </>}
                </td>
                <td>{push && (
                  <div className="row-gap">
                    {c.status === 'ACTIVE'
                      ? <button type="button" className="btn small" disabled={busy !== null} onClick={() => ask(c, 'disable')}>Disable</button>
                      : <button type="button" className="btn small" disabled={busy !== null} onClick={() => ask(c, 'enable')}>Enable</button>}
                    <button type="button" className="btn small" disabled={busy !== null || c.status !== 'ACTIVE'} onClick={() => ask(c, 'sync')}>Sync</button>
                  </div>
                )}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
