/**
 * Time as the parts that wait see it (the forwarder's backoff, the DT connector follower, the
 * inspector's refetch coalescing): injected, so their tests drive it by hand. Each side gives
 * its own real clock (Node's timers are unref'd in the app, the browser's are not).
 */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
