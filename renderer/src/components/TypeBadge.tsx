import { typeLook } from '../logic/event-types';

export function TypeBadge({ type }: { type: string }) {
  const look = typeLook(type);
  return (
    <span className="type-badge" title={look.label}>
      <span className={`type-glyph tone-${look.tone}`} aria-hidden="true">{look.glyph}</span>
      <span className="type-name">{type}</span>
    </span>
  );
}
