import { Fragment, useMemo, useState } from 'react';
import { useApiResult } from '../hooks/useApiResult';
import { formatTime } from '../logic/format';
import { groupRejected, rejectReasons } from '../logic/rejected';
import { EmptyState, Notice } from '../components/Notice';

/**
 * Deliveries the receiver refused (bad signature, bad JSON…), with the diagnosis, all as text.
 * DT's retries of one refused event are one row with a count; a reason filter narrows the list.
 */
export function RejectedView() {
  const { data, error } = useApiResult((api) => api.listRejected(), [], (m) => m.type === 'rejected', 1000);
  const [reason, setReason] = useState('');
  const reasons = useMemo(() => rejectReasons(data ?? []), [data]);
  const groups = useMemo(() => groupRejected((data ?? []).filter((r) => !reason || r.error === reason)), [data, reason]);
  if (error && !data) return <Notice tone="error">{error}</Notice>;
  if (data && data.length === 0) {
    return (
      <EmptyState title="No rejected deliveries">
        <p>Requests the receiver refuses (missing or wrong signature, expired token, invalid JSON) are listed here with the reason, so you can fix the connector.</p>
      </EmptyState>
    );
  }
  return (
    <div className="scroll-area">
      <div className="toolbar">
        <label>Reason{' '}
          <select value={reason} onChange={(e) => setReason(e.target.value)}>
            <option value="">all ({data?.length ?? 0})</option>
            {reasons.map((r) => <option key={r.reason} value={r.reason}>{r.reason} ({r.count})</option>)}
          </select>
        </label>
        <span className="muted small">{groups.length} distinct {groups.length === 1 ? 'delivery' : 'deliveries'}; DT&apos;s retries of the same one are counted on its row</span>
      </div>
      <table className="table rejected">
        <thead>
          <tr><th>Last time</th><th>Times</th><th>Reason</th><th>Message and diagnosis</th><th>From</th><th>Body preview and headers</th></tr>
        </thead>
        <tbody>
          {groups.map(({ key, latest: r, count, firstAt, lastAt }) => (
            <tr key={key}>
              <td className="mono">{formatTime(lastAt)}{count > 1 && <div className="muted small">first {formatTime(firstAt)}</div>}</td>
              <td className="num">{count > 1 ? <span className="badge">×{count}</span> : 1}</td>
              <td><span className="badge reason">{r.error}</span><div className="muted small">HTTP {r.status}</div></td>
              <td><div>{r.message}</div><div className="muted">{r.diagnosis}</div>{r.eventId && <div className="muted small mono">event {r.eventId}</div>}</td>
              <td className="mono">{r.remoteAddress}<div className="muted small">{r.path}</div></td>
              <td>
                <pre className="preview">{r.bodyPreview}</pre><div className="muted small">{r.bodyBytes} bytes</div>
                <details>
                  <summary className="small">Request headers ({Object.keys(r.headers).length})</summary>
                  <dl className="kv headers">
                    {Object.entries(r.headers).map(([k, v]) => <Fragment key={k}><dt className="mono">{k}</dt><dd className="mono" style={{ overflowWrap: 'anywhere' }}>{v}</dd></Fragment>)}
                  </dl>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
