import { describe, expect, it } from 'vitest';
import { compareTimestamps, normaliseTimestamp, timestampToMillis } from '../../shared/dt/timestamp';

describe('timestamps at full precision', () => {
  it('orders events less than a millisecond apart (Date cannot)', () => {
    const a = '2025-03-14T09:26:53.589793Z', b = '2025-03-14T09:26:53.589794Z';
    expect(Date.parse(a)).toBe(Date.parse(b));
    expect(compareTimestamps(a, b)).toBe(-1);
    expect(compareTimestamps(b, a)).toBe(1);
  });
  it('compares 6 and 9 fractional digits and offsets correctly', () => {
    expect(compareTimestamps('2025-03-14T09:26:53.589793Z', '2025-03-14T09:26:53.589793000Z')).toBe(0);
    expect(compareTimestamps('2025-03-14T09:26:53.589793001Z', '2025-03-14T09:26:53.589793Z')).toBe(1);
    expect(compareTimestamps('2025-03-14T10:26:53.5Z', '2025-03-14T11:26:53.5+01:00')).toBe(0);
    expect(normaliseTimestamp('2025-03-14T09:26:53Z')).toBe('2025-03-14T09:26:53.000000000Z');
  });
  it('refuses what is not RFC 3339', () => {
    for (const t of ['2025-03-14', '2025-13-01T00:00:00Z', '2025-03-14T09:26:53', 'yesterday', '2025-03-14T25:00:00Z']) {
      expect(normaliseTimestamp(t), t).toBeNull();
    }
  });
  it('converts to milliseconds for display', () => {
    expect(timestampToMillis('2025-03-14T09:26:53.589793Z')).toBe(Date.UTC(2025, 2, 14, 9, 26, 53, 589));
  });
});
