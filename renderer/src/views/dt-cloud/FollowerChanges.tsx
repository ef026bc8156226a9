import type { DtFollowerChange } from '../../../../shared/api/dt-cloud';
import { formatTime } from '../../logic/format';

/** the newest shown; the service keeps 50 */
const SHOWN = 20;

/**
 * What happened to the connector that follows the inbox, newest first and across restarts
 * (the health log): a tester back after a night sees when it went to retrying, which URL it
 * pointed at, and whether DT disabled it. DT's error text is untrusted: rendered as text.
 */
export function FollowerChanges({ changes }: { changes: DtFollowerChange[] | undefined }) {
  if (!changes?.length) return null;
  return (
    <details className="panel follower-changes" aria-label="Connector changes">
      <summary>Connector changes <span className="muted small">{changes.length} kept, earlier runs included</span></summary>
      <table className="table compact">
        <thead><tr><th>When</th><th>State</th><th>Connector</th><th>URL</th><th>Error</th></tr></thead>
        <tbody>
          {changes.slice(0, SHOWN).map((c) => (
            <tr key={`${c.at}-${c.state}-${c.url ?? ''}`} data-change-state={c.state}>
              <td className="mono">{formatTime(c.at)}</td>
              <td>{c.state}{c.systemDisabled && <span className="warn-text"> · SYSTEM_DISABLED by DT</span>}</td>
              <td className="mono">{c.connectorId ?? ''}</td>
              <td className="mono">{c.url ?? ''}</td>
              <td className="small">{c.error ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
