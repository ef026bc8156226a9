import { Fragment } from 'react';
import type { SourceStatus } from '../../../shared/api/backfill';
import { headerSources } from '../logic/sources';

/** The header's sources in one line ("Connector receiving · History idle · Stream —"); each tells its detail on hover. */
export function SourcesLine({ sources }: { sources: readonly SourceStatus[] }) {
  const items = headerSources(sources);
  if (items.length === 0) return null;
  return (
    <span className="sources-line" role="status" aria-label="Sources">
      {items.map((s, i) => (
        <Fragment key={s.kind}>
          {i > 0 && <span className="sep" aria-hidden="true"> · </span>}
          <span className={`source-state src-${s.tone}`} data-source={s.kind} title={s.title}>{s.text}</span>
        </Fragment>
      ))}
    </span>
  );
}
