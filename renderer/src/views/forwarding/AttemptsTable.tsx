import type { ForwardAttemptView } from '../../../../shared/api/forward';
import { formatMs, formatTime } from '../../logic/format';
import { NEXT_LABEL, outcomeLabel, outcomeTone } from '../../logic/forwarding';

/**
 * Forward attempts: time, the target's status, latency and the start of its answer. The answer
 * comes from the tester's receiver (untrusted): rendered as text only.
 */
export function AttemptsTable({ attempts, showEvent, onOpenEvent, label }: {
  attempts: ForwardAttemptView[];
  showEvent?: boolean;
  onOpenEvent?: (eventId: string) => void;
  label: string;
}) {
  return (
    <table className="table compact forward-attempts" aria-label={label}>
      <thead>
        <tr><th>Time</th>{showEvent && <th>Event</th>}<th>Status</th><th>Latency</th><th>Then</th><th>Answer</th></tr>
      </thead>
      <tbody>
        {attempts.map((a, i) => (
          <tr key={`${a.at}-${a.eventId}-${i}`}>
            <td className="mono">{formatTime(a.at)}</td>
            {showEvent && (
              <td className="mono">
                {onOpenEvent ? <button type="button" className="link mono" onClick={() => onOpenEvent(a.eventId)}>{a.eventId}</button> : a.eventId}
              </td>
            )}
            <td><span className={`badge forward-${outcomeTone(a)}`}>{outcomeLabel(a.outcome)}</span></td>
            <td className="num">{formatMs(a.latencyMs)}</td>
            <td>{NEXT_LABEL[a.next]}</td>
            <td>{a.answer ? <pre className="preview">{a.answer}</pre> : <span className="muted">–</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
