import type { EventSummary } from '../../../shared/records';
import { deliveriesBadge, eventFlags } from '../logic/event-flags';

export function DeliveriesBadge({ deliveries }: { deliveries: number }) {
  const badge = deliveriesBadge(deliveries);
  return badge ? <span className="badge dup" title={`Delivered ${deliveries} times (deduplicated by eventId)`}>{badge}</span> : null;
}

export function Flags({ event }: { event: Pick<EventSummary, 'stale' | 'signature' | 'knownType' | 'warnings'> }) {
  return (
    <span className="flags">
      {eventFlags(event).map((f) => (
        <span key={f.key} className={`badge flag-${f.key}`} title={f.title}>{f.label}</span>
      ))}
    </span>
  );
}
