import { useEffect, useMemo, useRef, useState } from 'react';
import { useApiResult } from '../../hooks/useApiResult';
import { useEventList } from '../../hooks/useEventList';
import { useStatus } from '../../hooks/useStatus';
import { activeFilterCount, EMPTY_FILTER, toEventFilter, type FilterState } from '../../logic/filter-state';
import { matchLine } from '../../logic/format';
import { listAction, moveIndex } from '../../logic/keyboard';
import { sortDevices } from '../../logic/devices';
import type { OpenRequest } from '../../logic/open-event';
import { EmptyState, Notice } from '../../components/Notice';
import { FilterBar } from './FilterBar';
import { EmptyInbox } from './EmptyInbox';
import { EventTable } from './EventTable';
import { EventDetailPanel } from './EventDetailPanel';
import { ExportControls } from './ExportControls';
import { ReplayDialog } from './ReplayDialog';
import { EMPTY_SELECTION, selectionLine, toggleRow, type Selection } from '../../logic/selection';
import type { ReplayScope } from '../../logic/replay';
import { parseSearch } from '../../../../shared/search-query';
import { SearchProblem } from './SearchProblem';

interface Props {
  filter: FilterState;
  onFilter: (f: FilterState) => void;
  active: boolean;
  openRequest?: OpenRequest | null;
}

const isTextField = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);

export function EventsView({ filter, onFilter, active, openRequest }: Props) {
  // Relative ranges ("last 15 min") move with the clock: re-resolve them every 30 s.
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (filter.range === 'all' || filter.range === 'custom') return;
    const t = setInterval(() => setTick((x) => x + 1), 30_000);
    return () => clearInterval(t);
  }, [filter.range]);
  // A search that cannot be used yet ("temperature>" while typing, a misspelt field) is not
  // applied: the list keeps the last one that could be, and the problem shows under the box.
  const typed = useMemo(() => parseSearch(filter.text), [filter.text]);
  const usable = useRef(typed.errors.length ? '' : filter.text);
  if (!typed.errors.length) usable.current = filter.text;
  const appliedText = usable.current;
  const applied = useMemo(() => parseSearch(appliedText), [appliedText]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const query = useMemo(() => toEventFilter({ ...filter, text: appliedText }), [filter, appliedText, tick]);
  const searchBroken = typed.errors.length > 0;
  const list = useEventList(query);
  const { status } = useStatus();
  const stats = useApiResult((api) => api.getStats(), [], (m) => m.type === 'events', 2000);
  const devices = useApiResult((api) => api.listDevices(), [], (m) => m.type === 'events', 2000);
  const [selected, setSelected] = useState<string | null>(null);
  const [focusIndex, setFocusIndex] = useState(-1);
  const [checked, setChecked] = useState<Selection>(EMPTY_SELECTION);
  const [replay, setReplay] = useState<ReplayScope | null>(null);
  const [paused, setPaused] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (openRequest) setSelected(openRequest.eventId);
  }, [openRequest]);
  // a new filter is a new list: what was checked in the old one is not in view to be seen
  const filterKey = JSON.stringify(query);
  useEffect(() => setChecked(EMPTY_SELECTION), [filterKey]);
  const rowId = (i: number) => list.row(i)?.eventId;
  const check = (eventId: string, index: number, shift = false) => setChecked((c) => toggleRow(c, index, eventId, rowId, shift));

  const keyState = useRef({ list, selected, filter, check });
  keyState.current = { list, selected, filter, check };
  useEffect(() => {
    if (!active || replay) return; // the dialog has the keyboard while it is open
    const onKey = (e: KeyboardEvent) => {
      const action = listAction(e, isTextField(e.target));
      if (!action) return;
      const { list: l, selected: sel, filter: f, check: toggle } = keyState.current;
      if (action === 'toggleCheck') {
        const i = sel ? l.indexOf(sel) : -1;
        if (sel && i >= 0) toggle(sel, i);
      } else if (action === 'focusSearch') {
        e.preventDefault();
        searchRef.current?.focus();
      } else if (action === 'clear') {
        if (f.text) onFilter({ ...f, text: '' });
        else setSelected(null);
        searchRef.current?.blur();
      } else {
        e.preventDefault();
        const next = moveIndex(sel ? l.indexOf(sel) : -1, action, l.matched);
        const row = next >= 0 ? l.row(next) : undefined;
        if (row) {
          setSelected(row.eventId);
          setFocusIndex(next);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, onFilter, replay]);

  const filtered = activeFilterCount(filter) > 0;

  return (
    <div className="events-view">
      <FilterBar
        filter={filter}
        onChange={onFilter}
        types={Object.keys(stats.data?.byType ?? {})}
        devices={sortDevices(devices.data ?? [])}
        searchRef={searchRef}
      />
      {searchBroken && <SearchProblem errors={typed.errors} applied={appliedText} />}
      <div className="toolbar">
        <span className="count" aria-live="polite">{list.loaded ? matchLine(list.matched, list.total) : 'Loading…'}</span>
        <span className="muted small">↑/↓ or j/k to move · x to check · / to search · Esc to clear</span>
        <span className="spacer" />
        <button type="button" className="btn small" aria-pressed={paused} title="Hold the list still while events keep arriving above" onClick={() => setPaused((p) => !p)}>{paused ? 'Resume' : 'Pause'}</button>
        {checked.ids.size > 0 && (
          <span className="row-gap">
            <span className="small">{selectionLine(checked.ids.size)}</span>
            <button type="button" className="btn small" onClick={() => setChecked(EMPTY_SELECTION)}>Clear selection</button>
            <button type="button" className="btn" onClick={() => setReplay({ kind: 'selected', ids: [...checked.ids] })}>Replay selected…</button>
          </span>
        )}
        <button type="button" className="btn" disabled={!list.loaded || list.matched === 0 || searchBroken} onClick={() => setReplay({ kind: 'matching', filter: query, count: list.matched })}>
          {filtered ? 'Replay matching…' : 'Replay all…'}
        </button>
        <ExportControls filter={query} filtered={filtered} blocked={searchBroken} />
      </div>
      {list.error && <Notice tone="error">{list.error}</Notice>}
      <div className={`events-main${selected ? ' with-detail' : ''}`}>
        {list.loaded && list.total === 0 ? (
          <EmptyInbox status={status ?? null} />
        ) : list.loaded && list.matched === 0 ? (
          <EmptyState title="No events match these filters">
            <button type="button" className="btn" onClick={() => onFilter({ ...EMPTY_FILTER })}>Clear filters</button>
          </EmptyState>
        ) : (
          <EventTable list={list} selectedId={selected} focusIndex={focusIndex} onSelect={(id) => setSelected(id)} checked={checked.ids} onCheck={check} paused={paused} search={applied} />
        )}
        {selected && <EventDetailPanel eventId={selected} onClose={() => setSelected(null)} />}
      </div>
      {replay && <ReplayDialog scope={replay} onClose={() => setReplay(null)} />}
    </div>
  );
}
