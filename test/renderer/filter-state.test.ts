import { describe, expect, it } from 'vitest';
import { activeFilterCount, EMPTY_FILTER, loadFilter, parseLabelList, saveFilter, toEventFilter, toggle } from '../../renderer/src/logic/filter-state';

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}

describe('filter state', () => {
  it('maps to the contract filter, leaving out what is empty', () => {
    expect(toEventFilter(EMPTY_FILTER)).toEqual({});
    const f = toEventFilter({ ...EMPTY_FILTER, types: ['touch'], text: '  fridge ', duplicatesOnly: true, labels: ['room=lab'] });
    expect(f).toEqual({ types: ['touch'], text: 'fridge', duplicatesOnly: true, labels: ['room=lab'] });
  });

  it('turns relative ranges into a since bound at query time', () => {
    const now = Date.parse('2025-03-14T10:00:00Z');
    expect(toEventFilter({ ...EMPTY_FILTER, range: '1h' }, now)).toEqual({ since: '2025-03-14T09:00:00.000Z' });
    expect(toEventFilter({ ...EMPTY_FILTER, range: 'custom', since: '2025-01-01T00:00:00.000Z', until: '' }, now)).toEqual({ since: '2025-01-01T00:00:00.000Z' });
    expect(toEventFilter({ ...EMPTY_FILTER, range: 'all', since: '2025-01-01T00:00:00.000Z' }, now)).toEqual({});
  });

  it('survives a restart through storage and sanitises what it reads', () => {
    const s = memoryStorage();
    const state = { ...EMPTY_FILTER, devices: ['d1'], staleOnly: true, range: '24h' as const };
    saveFilter(s, state);
    expect(loadFilter(s)).toEqual(state);
    s.m.set('connector-inbox.filter.v1', JSON.stringify({ types: ['ok', 3, { x: 1 }], range: 'forever', staleOnly: 'yes', text: 42 }));
    expect(loadFilter(s)).toEqual({ ...EMPTY_FILTER, types: ['ok'] });
    s.m.set('connector-inbox.filter.v1', '{broken');
    expect(loadFilter(s)).toEqual(EMPTY_FILTER);
  });

  it('counts active filters, parses label lists and toggles values', () => {
    expect(activeFilterCount(EMPTY_FILTER)).toBe(0);
    expect(activeFilterCount({ ...EMPTY_FILTER, types: ['a', 'b'], text: 'x', range: '1h', unverifiedOnly: true })).toBe(5);
    expect(parseLabelList(' room=lab, name ,, ')).toEqual(['room=lab', 'name']);
    expect(toggle(['a'], 'b')).toEqual(['a', 'b']);
    expect(toggle(['a', 'b'], 'a')).toEqual(['b']);
  });
});
