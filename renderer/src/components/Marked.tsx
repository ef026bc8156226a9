import { Fragment } from 'react';
import type { HitField, SearchHit } from '../../../shared/search-match';
import { splitMarks } from '../logic/marks';

/** `text` with the search hits in it marked; event content stays text (React escapes it). */
export function Marked({ text, ranges }: { text: string; ranges: ReadonlyArray<readonly [number, number]> }) {
  if (!ranges.length) return <>{text}</>;
  return <>{splitMarks(text, ranges).map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <Fragment key={i}>{p.text}</Fragment>))}</>;
}

/** the ranges of the hits in this field of the row (a cell shows that field's text) */
export const rangesIn = (hits: readonly SearchHit[], field: HitField): Array<[number, number]> =>
  hits.filter((h) => h.field === field).map((h) => [h.start, h.end]);

/** the fields a row shows in its cells: their hits are marked in place, the note just names them */
const SHOWN: readonly HitField[] = ['deviceName', 'summary', 'eventType'];

/** "in device name · in label room: room=<mark>kitchen</mark>": why a row is in the list. */
export function MatchNote({ hits }: { hits: readonly SearchHit[] }) {
  if (!hits.length) return null;
  const seen = new Set<string>();
  const notes = hits.filter((h) => !seen.has(h.label) && seen.add(h.label));
  return (
    <span className="match-note" title={hits.map((h) => `matched in ${h.label}: ${h.text}`).join('\n')}>
      {notes.map((h, i) => (
        <span key={h.label}>
          {i > 0 && ' · '}in {h.label}
          {!SHOWN.includes(h.field) && <>: <Marked text={h.text} ranges={hits.filter((o) => o.label === h.label).map((o) => [o.start, o.end])} /></>}
        </span>
      ))}
    </span>
  );
}
