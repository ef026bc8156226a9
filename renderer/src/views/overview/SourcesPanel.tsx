import type { SourceStatus } from '../../../../shared/api/backfill';
import { EVENT_SOURCES } from '../../../../shared/records';
import { SOURCE_LONG_NAMES, sourceStateText, sourceTone } from '../../logic/sources';

/** Every way events arrive, side by side: whether each is receiving now and why not. */
export function SourcesPanel({ sources }: { sources: readonly SourceStatus[] }) {
  return (
    <section className="panel sources-panel" aria-label="Sources">
      <h3>Sources</h3>
      <table className="table compact">
        <thead><tr><th>Source</th><th>State</th><th>Detail</th></tr></thead>
        <tbody>
          {[...sources].sort((a, b) => EVENT_SOURCES.indexOf(a.kind) - EVENT_SOURCES.indexOf(b.kind)).map((s) => (
            <tr key={s.kind} data-source={s.kind}>
              <td>{SOURCE_LONG_NAMES[s.kind]}</td>
              <td><span className={`badge src-${sourceTone(s.state)}`}>{sourceStateText(s)}</span></td>
              <td>{s.detail}{s.project && <span className="muted"> · project <span className="mono">{s.project}</span></span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
