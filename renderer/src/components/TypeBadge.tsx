import type { ReactNode } from 'react';
import { typeLook } from '../logic/event-types';

/** `name`: the type's name as shown, when it carries marks (a search hit) */
export function TypeBadge({ type, name }: { type: string; name?: ReactNode }) {
  const look = typeLook(type);
  return (
    <span className="type-badge" title={look.label}>
      <span className={`type-glyph tone-${look.tone}`} aria-hidden="true">{look.glyph}</span>
      <span className="type-name">{name ?? type}</span>
    </span>
  );
}
