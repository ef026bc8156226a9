/** The one backoff: doubling from the first wait to the cap, and jitter that stays within its share. */
import { describe, expect, it } from 'vitest';
import { backoffDelay, exponentialBackoff } from '../../electron/core/backoff';
import { DEFAULT_BACKOFF } from '../../electron/core/forward/backoff';
import { reconnectDelayMs } from '../../electron/core/sources/source';

describe('backoff', () => {
  it('doubles from the first wait up to the cap, whatever the retry number', () => {
    const b = exponentialBackoff(1_000, 60_000);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 100, 10_000].map(b)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000]);
    expect([1, 2, 3, 7].map(reconnectDelayMs)).toEqual([1_000, 2_000, 4_000, 60_000]); // the stream's reconnects
  });

  it('spreads by at most the jitter share, both ways', () => {
    const at = (r: number) => backoffDelay(3, DEFAULT_BACKOFF, () => r);
    expect([at(0), at(0.5), at(0.999999)]).toEqual([3_200, 4_000, 4_800]);
  });
});
