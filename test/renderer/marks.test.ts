import { describe, expect, it } from 'vitest';
import { splitMarks } from '../../renderer/src/logic/marks';

const shown = (text: string, ranges: Array<[number, number]>) =>
  splitMarks(text, ranges).map((p) => (p.mark ? `[${p.text}]` : p.text)).join('');

describe('splitMarks', () => {
  it('marks the ranges and keeps the text whole', () => {
    expect(shown('room=kitchen', [[5, 9]])).toBe('room=[kitc]hen');
    expect(shown('21.4 °C', [[0, 4]])).toBe('[21.4] °C');
    expect(shown('abc', [])).toBe('abc');
    expect(splitMarks('abc', [[0, 3]])).toEqual([{ text: 'abc', mark: true }]);
  });
  it('merges overlapping or touching ranges, sorts them and clamps them to the text', () => {
    expect(shown('abcdefgh', [[4, 6], [1, 3], [2, 5]])).toBe('a[bcdef]gh');
    expect(shown('abcdef', [[0, 2], [2, 4]])).toBe('[abcd]ef');
    expect(shown('abc', [[-5, 1], [2, 99], [3, 3]])).toBe('[a]b[c]');
  });
});
