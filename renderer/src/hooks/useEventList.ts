import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EventSummary } from '../../../shared/records';
import type { EventFilter } from '../../../shared/filter';
import { useApi } from '../api';
import { coalesce } from '../logic/coalesce';
import { RowCache } from '../logic/row-cache';
import { usePush } from './usePush';

/** ~4 refetches per second at most, however fast events arrive. */
export const LIVE_REFRESH_MS = 250;

export interface EventList {
  matched: number;
  total: number;
  loaded: boolean;
  /** the filter (JSON) the counts and rows shown were fetched for: a change is a new list, not new arrivals */
  shownFilter: string;
  error: string | null;
  row(index: number): EventSummary | undefined;
  indexOf(eventId: string): number;
  /** the virtual list tells us what is on screen */
  showRange(start: number, end: number): void;
}

/**
 * The filtered event list, fetched page by page for the visible range. Pushed 'events'
 * messages only mark the data stale; a coalesced refresh refetches the visible pages.
 */
export function useEventList(filter: EventFilter): EventList {
  const api = useApi();
  const cache = useRef(new RowCache(100)).current;
  const range = useRef<[number, number]>([0, 50]);
  const [counts, setCounts] = useState({ matched: 0, total: 0, loaded: false, shownFilter: '' });
  const [error, setError] = useState<string | null>(null);
  const [, setVersion] = useState(0);
  const filterKey = JSON.stringify(filter);
  const filterRef = useRef(filter);
  filterRef.current = filter;

  const fetchVisible = useCallback(() => {
    const [start, end] = range.current;
    // Always ask for page 0 so the counts stay fresh even when scrolled down.
    const pages = new Set(cache.pagesToFetch(start, end));
    if (cache.pagesToFetch(0, 0).length) pages.add(0);
    const asked = JSON.stringify(filterRef.current);
    for (const page of pages) {
      const gen = cache.markInflight(page);
      void api.queryEvents({ filter: filterRef.current, offset: page * cache.pageSize, limit: cache.pageSize }).then((r) => {
        if (!r.ok) {
          cache.failed(page);
          setError(r.error);
          return;
        }
        if (!cache.store(page, gen, r.value.rows)) return;
        setError(null);
        setCounts({ matched: r.value.matched, total: r.value.total, loaded: true, shownFilter: asked });
        setVersion((v) => v + 1);
      });
    }
  }, [api, cache]);

  // A new filter keeps the old rows on screen until the new ones land (no flash of "loading").
  useEffect(() => {
    cache.invalidate();
    fetchVisible();
  }, [filterKey, cache, fetchVisible]);

  const live = useMemo(() => coalesce(() => {
    cache.invalidate();
    fetchVisible();
  }, LIVE_REFRESH_MS), [cache, fetchVisible]);
  useEffect(() => () => live.cancel(), [live]);

  usePush((m) => {
    if (m.type === 'events') live.trigger();
  });

  const showRange = useCallback((start: number, end: number) => {
    range.current = [start, end];
    fetchVisible();
  }, [fetchVisible]);

  return {
    ...counts,
    error,
    row: (i) => cache.row(i),
    indexOf: (id) => cache.indexOf(id),
    showRange,
  };
}
