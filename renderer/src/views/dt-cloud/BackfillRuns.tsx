import { Fragment } from 'react';
import { useApiResult } from '../../hooks/useApiResult';
import { clock, reasonText, runText, spanText } from '../../logic/coverage';
import { formatCount } from '../../logic/format';
import { Notice } from '../../components/Notice';

/**
 * The latest fills from DT's history (kept in memory by the service): how many events each
 * brought, beside what DT returned, so a tester sees whether a gap was really empty.
 */
export function BackfillRuns() {
  const { data, error } = useApiResult((api) => api.getCoverage(), [], (m) => m.type === 'backfill', 1000);
  if (data === undefined) return error ? <Notice tone="error">{error}</Notice> : null;
  if (data === null) return null;
  const runs = data.backfill.runs ?? (data.backfill.last ? [data.backfill.last] : []);
  return (
    <section className="panel backfill-runs" aria-label="Fills from DT's history">
      <h3>Fills from DT's history <span className="muted small">project <span className="mono">{data.project}</span> · since the inbox started</span></h3>
      {runs.length === 0 && <p className="muted">No fills yet: gaps are filled when the inbox covers the project again, or with Fill gap in the Overview.</p>}
      {runs.length > 0 && (
        <table className="table compact">
          <thead><tr><th>When</th><th>Window</th><th>Why</th><th className="num">Devices</th><th className="num">Fetched</th><th className="num">New</th><th className="num">Already stored</th></tr></thead>
          <tbody>
            {runs.map((r) => {
              const { reach } = runText(r);
              return (
                <Fragment key={`${r.at}-${r.from}-${r.to}`}>
                  <tr data-run-at={r.at}>
                    <td className="mono">{clock(r.at)}</td>
                    <td className="mono">{spanText(r, r.at)}</td>
                    <td>{reasonText(r.reason)}</td>
                    <td className="num">{formatCount(r.devices)}</td>
                    <td className="num">{formatCount(r.fetched)}{r.invalid > 0 && <span className="warn-text" title="fetched events that were not DT events, kept out"> ({r.invalid} invalid)</span>}</td>
                    <td className="num"><strong>{formatCount(r.added)}</strong></td>
                    <td className="num">{formatCount(r.alreadyStored)}</td>
                  </tr>
                  {reach && <tr className="reach-row"><td colSpan={7} className="warn-text small">{reach}</td></tr>}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
