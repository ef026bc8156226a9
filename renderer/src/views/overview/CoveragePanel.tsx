import { useState } from 'react';
import type { BackfillRun, CoverageView } from '../../../../shared/api/backfill';
import { useApi } from '../../api';
import { useApiResult } from '../../hooks/useApiResult';
import { useStatus } from '../../hooks/useStatus';
import { clock, fillBlocker, openGaps, progressText, runsOfPass, runText } from '../../logic/coverage';
import { Notice } from '../../components/Notice';
import { CoverageStrip } from './CoverageStrip';

type Pass = { running: true } | { running: false; runs: BackfillRun[] } | { running: false; error: string };

/**
 * Coverage of the followed project and the Fill gap action. The fill's progress comes from
 * the coverage refetched on each status push (the service pushes one per step of the fill).
 */
export function CoveragePanel() {
  const { data, error, reload } = useApiResult((api) => api.getCoverage(), [], (m) => m.type === 'status' || m.type === 'backfill', 300);
  if (data === undefined) return error ? <section className="panel"><h3>Coverage</h3><Notice tone="error">{error}</Notice></section> : null;
  return (
    <section className="panel coverage-panel" aria-label="Coverage">
      <h3>Coverage <span className="muted small">last 24 h{data ? <> · project <span className="mono">{data.project}</span></> : null}</span></h3>
      {data === null
        ? <p className="muted">Coverage is kept for the followed DT project: connect one in the DT Cloud view to see which hours the inbox received, and fill the gaps from DT's history.</p>
        : <Covered view={data} reload={reload} />}
    </section>
  );
}

function Covered({ view, reload }: { view: CoverageView; reload: () => void }) {
  const api = useApi();
  const [pass, setPass] = useState<Pass | null>(null);
  const history = useStatus().status?.sources.find((s) => s.kind === 'history');
  const b = view.backfill;
  const running = pass?.running === true || b.state === 'filling';
  const blocker = pass?.running ? null : fillBlocker(view);
  // an automatic fill (the inbox covering again) after this pass shows as the last fill too
  const shown = pass && 'runs' in pass ? pass.runs : [];

  const fill = async () => {
    const before = b.runs ?? (b.last ? [b.last] : []);
    setPass({ running: true });
    const r = await api.fillGaps();
    setPass(r.ok ? { running: false, runs: runsOfPass(before, r.value) } : { running: false, error: r.error });
    reload();
  };

  return (
    <>
      <CoverageStrip view={view} />
      <div className="row-gap fill-row">
        <button type="button" className="btn primary" disabled={running || blocker !== null} aria-busy={running} title={blocker ?? undefined} onClick={() => void fill()}>Fill gap</button>
        {running && (
          <span role="status" className="fill-progress">
            {b.progress ? progressText(b.progress) : history?.state === 'filling' ? history.detail : 'Filling from DT\'s history…'}
          </span>
        )}
        {/* no gap is already said under the strip; other reasons (no service account) only here */}
        {!running && blocker && openGaps(view).length > 0 && <span className="muted small">{blocker}</span>}
      </div>
      {pass && !pass.running && 'error' in pass && <Notice tone="error">Fill gap failed: {pass.error}</Notice>}
      {pass && !pass.running && 'runs' in pass && (pass.runs.length ? pass.runs.map((r) => <RunResult key={`${r.at}-${r.from}`} run={r} />) : <Notice>Nothing to fill: no open gap was left.</Notice>)}
      {!pass && b.state === 'failed' && b.error && <Notice tone="error">The last fill failed: {b.error}</Notice>}
      {b.last && !shown.some((r) => r.at === b.last!.at && r.from === b.last!.from) && <RunResult run={b.last} prefix={`Last fill, at ${clock(b.last.at)}: `} quiet />}
    </>
  );
}

/** A fill's result; DT's history not reaching the gap's start is a warning of its own. */
function RunResult({ run, prefix = '', quiet = false }: { run: BackfillRun; prefix?: string; quiet?: boolean }) {
  const { result, reach } = runText(run);
  return (
    <>
      {quiet ? <p className="muted small">{prefix}{result}</p> : <Notice>{prefix}{result}</Notice>}
      {reach && <Notice tone="warn">{reach}</Notice>}
    </>
  );
}
