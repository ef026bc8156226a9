import { useApiResult } from '../../hooks/useApiResult';
import { useStatus } from '../../hooks/useStatus';
import { AttemptsTable } from '../forwarding/AttemptsTable';

/**
 * This event's tries at the tester's receiver. Attempts change with forwarding, which the
 * status push reports (at most once a second): refetched on it. Nothing when forwarding is
 * off and the event was never forwarded.
 */
export function ForwardAttempts({ eventId }: { eventId: string }) {
  const { status } = useStatus();
  const { data, error } = useApiResult((api) => api.getForwardAttempts(eventId), [eventId], (m) => m.type === 'status', 1000);
  const on = Boolean(status?.forward);
  if (!data?.length && !on && !error) return null;
  return (
    <section aria-label="Forward attempts">
      <h3>Forwarded ({data?.length ?? 0} attempt{data?.length === 1 ? '' : 's'})</h3>
      {error && <p className="error-text">{error}</p>}
      {data && data.length > 0
        ? <AttemptsTable attempts={data} label="Forward attempts of this event" />
        : <p className="muted small">Not forwarded yet{status?.forward ? ` to ${status.forward.url}` : ''}: deliveries are forwarded in the order they were acknowledged, and only types forwarding wants.</p>}
    </section>
  );
}
