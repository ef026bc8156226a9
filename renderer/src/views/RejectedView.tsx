import { useApiResult } from '../hooks/useApiResult';
import { formatTime } from '../logic/format';
import { EmptyState, Notice } from '../components/Notice';

/** Deliveries the receiver refused (bad signature, bad JSON…), with the diagnosis, all as text. */
export function RejectedView() {
  const { data, error } = useApiResult((api) => api.listRejected(), [], (m) => m.type === 'rejected', 1000);
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
      <table className="table rejected">
        <thead>
          <tr><th>Time</th><th>Reason</th><th>Message and diagnosis</th><th>Path</th><th>From</th><th>Body preview</th></tr>
        </thead>
        <tbody>
          {(data ?? []).map((r) => (
            <tr key={r.id}>
              <td className="mono">{formatTime(r.receivedAt)}</td>
              <td><span className="badge reason">{r.error}</span><div className="muted small">HTTP {r.status}</div></td>
              <td><div>{r.message}</div><div className="muted">{r.diagnosis}</div></td>
              <td className="mono">{r.path}</td>
              <td className="mono">{r.remoteAddress}</td>
              <td><pre className="preview">{r.bodyPreview}</pre><div className="muted small">{r.bodyBytes} bytes</div></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
