import { useEffect, useState } from 'react';
import { loadFilter, saveFilter, type FilterState } from '../logic/filter-state';

/** The Events filter, restored from and saved to localStorage so it survives a restart. */
export function useFilterState(): [FilterState, (f: FilterState) => void] {
  const [filter, setFilter] = useState<FilterState>(() => loadFilter(window.localStorage));
  useEffect(() => saveFilter(window.localStorage, filter), [filter]);
  return [filter, setFilter];
}
