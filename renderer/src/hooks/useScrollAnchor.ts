import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * Keeps the rows the tester is looking at in place while new events arrive above them. The list
 * is newest arrival first, so n more matches are n rows inserted at the top (duplicates add none,
 * eviction takes from the bottom): scrolling down by n rows in the same frame leaves the view
 * where it was. It holds when the list is scrolled down, a row is selected, or the tester paused
 * it; at the top with nothing selected the list stays live and new rows flow in. What arrived
 * while holding is counted for the "N new ↑" button, cleared on reaching the top.
 */
export function useScrollAnchor(scrollRef: RefObject<HTMLElement | null>, opts: { matched: number; shownFilter: string; hold: boolean; rowHeight: number }) {
  const seen = useRef({ matched: opts.matched, filter: opts.shownFilter });
  const [newAbove, setNewAbove] = useState(0);
  const { matched, shownFilter, hold, rowHeight } = opts;

  useLayoutEffect(() => {
    const before = seen.current;
    seen.current = { matched, filter: shownFilter };
    if (before.filter !== shownFilter) {
      setNewAbove(0); // another filter: a new list, nothing "arrived"
      return;
    }
    const added = matched - before.matched;
    const el = scrollRef.current;
    if (added <= 0 || !el) return;
    if (el.scrollTop > rowHeight / 2 || hold) {
      el.scrollTop += added * rowHeight;
      setNewAbove((n) => n + added);
    }
  }, [matched, shownFilter, hold, rowHeight, scrollRef]);

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (el && el.scrollTop <= rowHeight / 2) setNewAbove(0);
  }, [scrollRef, rowHeight]);

  const jumpToTop = useCallback(() => {
    scrollRef.current?.scrollTo({ top: 0 });
    setNewAbove(0);
  }, [scrollRef]);

  return { newAbove, onScroll, jumpToTop };
}
