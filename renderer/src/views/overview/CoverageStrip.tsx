import type { CoverageView, StripKind } from '../../../../shared/api/backfill';
import { gapLine, hourTicks, openGaps, STRIP_LABELS, stripSegments } from '../../logic/coverage';

const LEGEND: StripKind[] = ['received', 'filled', 'gap', 'before'];

/**
 * The last 24 h of the followed project as one bar: received, filled from DT's history, open
 * gap, and before the inbox first covered it. Each part tells its times on hover; the open
 * gaps are also listed in words below, since a colour alone is not read by everyone.
 */
export function CoverageStrip({ view }: { view: CoverageView }) {
  const segments = stripSegments(view);
  const ticks = hourTicks(view.from, view.to);
  const gaps = openGaps(view);
  return (
    <div className="coverage">
      <div className="coverage-strip" role="img" aria-label={`Coverage of the last 24 h: ${gaps.length ? `${gaps.length} open gap${gaps.length === 1 ? '' : 's'}` : 'no open gaps'}`}>
        {segments.map((s, i) => (
          <span key={i} className={`coverage-part part-${s.kind}`} data-kind={s.kind} title={s.title} style={{ left: `${s.left}%`, width: `${s.width}%` }} />
        ))}
      </div>
      <div className="coverage-ticks" aria-hidden="true">
        {ticks.map((t) => (
          <span key={t.at} className={`coverage-tick${t.label ? ' labelled' : ''}`} style={{ left: `${t.left}%` }}>{t.label}</span>
        ))}
      </div>
      <ul className="coverage-legend" aria-label="Legend">
        {LEGEND.map((k) => (
          <li key={k}><span className={`coverage-swatch part-${k}`} />{STRIP_LABELS[k]}</li>
        ))}
      </ul>
      {gaps.length > 0
        ? <ul className="coverage-gaps" aria-label="Open gaps">{gaps.map((g) => <li key={`${g.from}-${g.to}`}>{gapLine(g, view.to)}</li>)}</ul>
        : <p className="muted small">No open gaps since the inbox first covered the project.</p>}
    </div>
  );
}
