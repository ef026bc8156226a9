/**
 * The one real clock of the main process (shared/clock.ts's Clock): its timers are unref'd, so
 * no wait (a backoff, a poll, a flush) ever keeps the app or a CLI command alive on its own.
 * Everything that waits takes a Clock and defaults to this one; tests pass a manual clock.
 */
import type { Clock } from '../../shared/clock';

export const nodeClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};
