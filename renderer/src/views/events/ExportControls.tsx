import type { EventFilter } from '../../../../shared/filter';
import { useExport } from '../../hooks/useExport';
import { formatCount } from '../../logic/format';

/**
 * Export all events or the current filter; shows progress, then the file (desktop) or "download started".
 * `blocked`: the filter as typed cannot be applied (a search with a problem), so none is exported.
 */
export function ExportControls({ filter, filtered, blocked = false }: { filter: EventFilter; filtered: boolean; blocked?: boolean }) {
  const { exp, progress, run } = useExport();
  const busy = exp.state === 'running';
  return (
    <span className="export">
      <button type="button" className="btn" disabled={busy} onClick={() => void run({})}>Export all</button>
      {filtered && <button type="button" className="btn" disabled={busy || blocked} onClick={() => void run(filter)}>Export filtered</button>}
      <span className="export-status" role="status">
        {progress
          ? `Exporting ${formatCount(progress.done)} / ${formatCount(progress.total)}…`
          : exp.state === 'running' && 'Exporting…'}
        {!progress && exp.state === 'done' && (exp.path
          ? <>Exported {formatCount(exp.count)} events to <span className="mono">{exp.path}</span></>
          : <>Download started ({formatCount(exp.count)} events)</>)}
        {exp.state === 'error' && <span className="error-text">Export failed: {exp.error}</span>}
      </span>
    </span>
  );
}
