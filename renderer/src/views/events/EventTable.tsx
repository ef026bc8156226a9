import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { EventList } from '../../hooks/useEventList';
import { useScrollAnchor } from '../../hooks/useScrollAnchor';
import { formatTime } from '../../logic/format';
import { zoneLabel } from '../../logic/time-zone';
import { TypeBadge } from '../../components/TypeBadge';
import { DeliveriesBadge, Flags, SourceTag } from '../../components/Flags';
import { Marked, MatchNote, rangesIn } from '../../components/Marked';
import { explainSearch } from '../../../../shared/search-match';
import type { SearchQuery } from '../../../../shared/search-query';

export const ROW_HEIGHT = 34;

interface Props {
  list: EventList;
  selectedId: string | null;
  /** scroll this index into view (keyboard navigation) */
  focusIndex: number;
  onSelect: (eventId: string, index: number) => void;
  /** the rows checked for replay */
  checked: ReadonlySet<string>;
  /** a row's checkbox clicked (or Space on it); shift: extend from the last one */
  onCheck: (eventId: string, index: number, shift: boolean) => void;
  /** the tester paused the live list: new events load above, out of view */
  paused: boolean;
  /** the search the list was fetched with: each row marks why it matched */
  search: SearchQuery;
}

/** Only the rows in (and just around) the viewport exist in the DOM. */
export function EventTable({ list, selectedId, focusIndex, onSelect, checked, onCheck, paused, search }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: list.matched,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  // a selected row or a paused list stays where it is while events arrive above it
  const anchor = useScrollAnchor(scrollRef, { matched: list.matched, shownFilter: list.shownFilter, hold: paused || selectedId !== null, rowHeight: ROW_HEIGHT });
  const { jumpToTop } = anchor;
  const wasPaused = useRef(paused);
  useEffect(() => {
    if (wasPaused.current && !paused) jumpToTop(); // Resume shows what arrived meanwhile
    wasPaused.current = paused;
  }, [paused, jumpToTop]);
  const items = v.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  const { showRange } = list;
  useEffect(() => showRange(first, Math.max(first, last)), [first, last, showRange]);
  useEffect(() => {
    if (focusIndex >= 0) v.scrollToIndex(focusIndex, { align: 'auto' });
  }, [focusIndex, v]);

  const now = new Date();
  const searching = search.phrase !== '' || search.terms.length > 0;
  return (
    <div className="event-table" role="grid" aria-label="Events" aria-rowcount={list.matched}>
      <div className="event-row head" role="row">
        <span role="columnheader" className="check-cell" aria-label="Selected" />
        <span role="columnheader" title={`Times in ${zoneLabel()} (Setup › Display)`}>Received</span>
        <span role="columnheader" title={`Times in ${zoneLabel()} (Setup › Display)`}>Event time</span>
        <span role="columnheader">Type</span>
        <span role="columnheader">Device</span>
        <span role="columnheader">Value</span>
        <span role="columnheader">Deliveries</span>
        <span role="columnheader">Flags</span>
      </div>
      {anchor.newAbove > 0 && (
        <button type="button" className="btn small new-above" onClick={anchor.jumpToTop}>{anchor.newAbove} new ↑</button>
      )}
      <div className="event-scroll" ref={scrollRef} onScroll={anchor.onScroll}>
        <div className="event-canvas" style={{ height: v.getTotalSize() }}>
          {items.map((item) => {
            const e = list.row(item.index);
            const top = { transform: `translateY(${item.start}px)`, height: ROW_HEIGHT };
            if (!e) {
              return <div key={`p${item.index}`} className="event-row placeholder" role="row" style={top}><span className="muted">loading…</span></div>;
            }
            const selected = e.eventId === selectedId;
            const hits = searching ? explainSearch(search, e) : [];
            const typeRanges = rangesIn(hits, 'eventType');
            return (
              <div
                key={item.index}
                className={`event-row${selected ? ' selected' : ''}${checked.has(e.eventId) ? ' checked' : ''}`}
                role="row"
                aria-selected={selected}
                aria-rowindex={item.index + 1}
                data-event-id={e.eventId}
                style={top}
                onClick={() => onSelect(e.eventId, item.index)}
              >
                <span role="gridcell" className="check-cell">
                  <input
                    type="checkbox" aria-label={`Select ${e.eventType} event ${e.eventId}`} checked={checked.has(e.eventId)} onChange={() => {}}
                    onClick={(ev) => {
                      ev.stopPropagation(); // checking a row does not open it
                      onCheck(e.eventId, item.index, ev.shiftKey);
                    }}
                  />
                </span>
                <span className="mono" role="gridcell">{formatTime(e.receivedAt, now)}</span>
                <span className="mono muted" role="gridcell">{formatTime(e.timestamp, now)}</span>
                <span role="gridcell"><TypeBadge type={e.eventType} name={typeRanges.length ? <Marked text={e.eventType} ranges={typeRanges} /> : undefined} /></span>
                <span className="device" role="gridcell" title={e.deviceId}><Marked text={e.deviceName} ranges={rangesIn(hits, 'deviceName')} /></span>
                <span className="value" role="gridcell"><Marked text={e.summary} ranges={rangesIn(hits, 'summary')} /><MatchNote hits={hits} /></span>
                <span role="gridcell"><DeliveriesBadge deliveries={e.deliveries} /></span>
                <span role="gridcell"><SourceTag source={e.source} /><Flags event={e} /></span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
