/**
 * The Events list's checked rows, as a pure value so it is tested without a DOM: a click
 * (or Space on a checkbox, or "x" on the current row) toggles one; Shift extends from the
 * last toggled row to this one, over the rows the list has loaded.
 */
export interface Selection {
  ids: ReadonlySet<string>;
  /** index of the last row toggled on its own: the start of a Shift range */
  anchor: number;
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: -1 };

/** One row's checkbox: toggled alone, or (Shift) the range from the anchor set to this row's new state. */
export function toggleRow(sel: Selection, index: number, eventId: string, rowAt: (i: number) => string | undefined, shift = false): Selection {
  const ids = new Set(sel.ids);
  const on = !ids.has(eventId);
  if (shift && sel.anchor >= 0 && sel.anchor !== index) {
    const [from, to] = sel.anchor < index ? [sel.anchor, index] : [index, sel.anchor];
    for (let i = from; i <= to; i++) {
      const id = rowAt(i);
      if (id === undefined) continue; // a row the list has not loaded: it cannot be shown as checked either
      if (on) ids.add(id);
      else ids.delete(id);
    }
    return { ids, anchor: index };
  }
  if (on) ids.add(eventId);
  else ids.delete(eventId);
  return { ids, anchor: index };
}

export function selectionLine(n: number): string {
  return n === 1 ? '1 selected' : `${n.toLocaleString('en-US')} selected`;
}
