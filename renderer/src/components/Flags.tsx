import type { EventSummary } from '../../../shared/records';
import { deliveriesBadge, eventFlags } from '../logic/event-flags';
import { eventSourceText, sourceTag } from '../logic/sources';

export function DeliveriesBadge({ deliveries }: { deliveries: number }) {
  const badge = deliveriesBadge(deliveries);
  return badge ? <span className="badge dup" title={`Delivered ${deliveries} times (deduplicated by eventId)`}>{badge}</span> : null;
}

export function Flags({ event }: { event: Pick<EventSummary, 'stale' | 'signature' | 'knownType' | 'warnings'> & { source?: EventSummary['source'] } }) {
  return (
    <span className="flags">
      {eventFlags(event).map((f) => (
        <span key={f.key} className={`badge flag-${f.key}`} title={f.title}>{f.label}</span>
      ))}
    </span>
  );
}

/** "history", "stream" or "import" on an event that was not a connector push; nothing for a push. */
export function SourceTag({ source }: { source: EventSummary['source'] | undefined }) {
  const tag = sourceTag(source);
  return tag ? <span className={`badge source-tag source-${tag}`} title={eventSourceText(source)}>{tag}</span> : null;
}
