import { isCatchUpSource, type EventDetail } from '../../../../shared/records';
import { useApiResult } from '../../hooks/useApiResult';
import { useStatus } from '../../hooks/useStatus';
import { receiveLatency, signatureVerdict } from '../../logic/detail';
import { formatInstant, formatMs, formatTime } from '../../logic/format';
import { labelPairs } from '../../logic/devices';
import { eventSourceText } from '../../logic/sources';
import { TypeBadge } from '../../components/TypeBadge';
import { DeliveriesBadge, Flags } from '../../components/Flags';
import { Notice } from '../../components/Notice';
import { ForwardAttempts } from './ForwardAttempts';
import { BodySection } from './BodySection';
import { SignatureToken } from './SignatureToken';

/** The side panel for one event; refetched when a push mentions it (a duplicate arrived). */
export function EventDetailPanel({ eventId, onClose }: { eventId: string; onClose: () => void }) {
  const { data, error } = useApiResult(
    (api) => api.getEvent(eventId),
    [eventId],
    (m) => m.type === 'events' && m.latest.some((e) => e.eventId === eventId),
  );
  return (
    <aside className="detail" aria-label="Event detail">
      <div className="detail-head">
        <h2>Event <span className="mono">{eventId}</span></h2>
        <button type="button" className="btn small" onClick={onClose} aria-label="Close detail">✕</button>
      </div>
      {error && <Notice tone="error">{error}</Notice>}
      {data && <DetailBody e={data} />}
    </aside>
  );
}

function DetailBody({ e }: { e: EventDetail }) {
  const capture = useStatus().status?.capture !== undefined;
  const verdict = signatureVerdict(e, capture);
  const latency = receiveLatency(e);
  const token = e.deliveryLog[e.deliveryLog.length - 1]?.headers['x-dt-signature'];
  return (
    <div className="detail-body">
      <section className="detail-summary">
        <div className="row-gap">
          <TypeBadge type={e.eventType} />
          <strong className="big">{e.summary}</strong>
          <DeliveriesBadge deliveries={e.deliveries} />
          <Flags event={e} />
        </div>
        <dl className="kv">
          <dt>Device</dt><dd>{e.deviceName}{e.deviceName !== e.deviceId && <span className="muted mono"> {e.deviceId}</span>}</dd>
          <dt>Project</dt><dd className="mono">{e.projectId}</dd>
          <dt>Source</dt><dd>{eventSourceText(e.source)}</dd>
          <dt>Labels</dt><dd>{labelPairs(e.labels).map((l) => <span key={l} className="chip">{l}</span>)}{Object.keys(e.labels).length === 0 && <span className="muted">none included</span>}</dd>
          <dt>Event time</dt><dd className="mono" title={e.timestamp}>{formatInstant(e.timestamp)}</dd>
          <dt>Received</dt><dd className="mono" title={e.receivedAt}>{formatInstant(e.receivedAt)}</dd>
          <dt>Latency</dt><dd>{latency ? latency.text : '–'}{latency && isCatchUpSource(e.source) && <span className="muted"> ({e.source === 'import' ? 'imported' : 'filled'} later: not a delivery delay)</span>}</dd>
        </dl>
      </section>

      <section className={`verdict ${verdict.ok ? 'ok' : 'warn'}`} aria-label="Signature">
        <strong>{verdict.ok ? '✓ ' : '! '}{verdict.title}</strong>
        <p>{verdict.detail}</p>
        {e.warnings.length > 0 && (
          <ul className="warnings">{e.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>
        )}
        {token && <SignatureToken token={token} raw={e.raw} />}
      </section>

      <section>
        <h3>Deliveries ({e.deliveryLog.length})</h3>
        <table className="table compact">
          <thead><tr><th>#</th><th>Received</th><th>Source</th><th>Outcome</th><th>Status</th><th>Ack</th><th>From</th><th>Path</th></tr></thead>
          <tbody>
            {e.deliveryLog.map((d, i) => (
              <tr key={i}>
                <td>{i + 1}</td>
                <td className="mono">{formatTime(d.receivedAt)}</td>
                <td><span className="badge" title={eventSourceText(d.source)}>{d.source ?? 'connector'}</span></td>
                <td><span className={`badge outcome-${d.outcome}`}>{d.outcome}</span></td>
                <td>{d.status}</td>
                <td>{d.ackMs === undefined ? '–' : formatMs(d.ackMs)}</td>
                <td className="mono">{d.remoteAddress || '–'}</td>
                <td className="mono">{d.path || '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <ForwardAttempts eventId={e.eventId} />

      <section>
        <h3>Headers</h3>
        {e.deliveryLog.map((d, i) => (
          <details key={i} open={i === e.deliveryLog.length - 1}>
            <summary>Delivery {i + 1}</summary>
            {d.source && d.source !== 'connector' && Object.keys(d.headers).length === 0 && <p className="muted small">No headers: {eventSourceText(d.source)}, not an HTTP request to the receiver.</p>}
            <dl className="kv headers">
              {Object.entries(d.headers).map(([k, v]) => (
                <div key={k} className="kv-row"><dt className="mono">{k}</dt><dd className="mono wrap">{v}</dd></div>
              ))}
            </dl>
          </details>
        ))}
      </section>

      <BodySection e={e} />
    </div>
  );
}
