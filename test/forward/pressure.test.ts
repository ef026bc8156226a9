/**
 * DT's side first: during a burst of DT deliveries (the store commits them in groups) the
 * forwarder goes on one request at a time, and still delivers everything.
 */
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Forwarder, ForwardCursorFile, forwardPoster } from '../../electron/core/forward';
import { DeliveryPressure } from '../../electron/core/forward/delivery-pressure';
import type { EventSummary } from '../../shared/records';
import { cleanupTempDirs, dtBody, tempDir, until } from '../core/helpers';
import { MemorySource } from './memory-source';
import { startTarget, type Target } from './target';

const poster = forwardPoster(2_000);
let target: Target | null = null;
let forwarder: Forwarder | null = null;
afterAll(() => poster.close());
afterEach(async () => {
  await forwarder?.stop(500);
  await target?.close();
  cleanupTempDirs();
});

const summaries = (n: number) => Array.from({ length: n }, () => ({}) as EventSummary);

describe('delivery pressure', () => {
  it('is busy while commits carry several deliveries each, and not once the burst is over or at a steady rate', () => {
    let now = 0;
    const store = new EventEmitter();
    const p = new DeliveryPressure(() => now);
    const unwatch = p.watch(store as never);
    for (let i = 0; i < 5; i++) { store.emit('stored', summaries(1), []); now += 5; }
    expect(p.busy(), 'one delivery per commit: a steady rate').toBe(false);
    for (let i = 0; i < 5; i++) { store.emit('stored', summaries(4), summaries(1)); now += 2; }
    expect(p.busy(), 'five per commit: a burst').toBe(true);
    now += 250;
    expect(p.busy(), 'no commit for 250 ms: the burst is over').toBe(false);
    unwatch();
    for (let i = 0; i < 5; i++) store.emit('stored', summaries(5), []);
    now += 1;
    expect(p.busy(), 'no longer watching').toBe(false);
  });
});

describe('forwarding during a burst', () => {
  it('sends one request at a time, spaced out, while DT\'s side is busy, and up to 4 at once when it is not, delivering every event', async () => {
    let busy = true;
    // at once during the burst (the spacing is the forwarder's), then a moment, so that concurrent requests overlap
    target = await startTarget(() => (busy ? 200 : { status: 200, afterMs: 20 }));
    const source = new MemorySource();
    forwarder = new Forwarder({ url: target.url, concurrency: 4 }, {
      source, post: poster.post, cursorFile: new ForwardCursorFile(join(tempDir('ci-fwd-p-'), 'forward.json')), saturated: () => busy,
    });
    await forwarder.start();
    const add = () => { const b = dtBody({ timestamp: new Date().toISOString() }); return source.add({ eventId: b.eventId, eventType: b.type, raw: b.raw, timestamp: b.timestamp }); };
    const first = Array.from({ length: 20 }, add);
    await until(() => forwarder!.status().queueDepth === 0 || undefined, 'the burst\'s events delivered', 10_000);
    expect(target.inFlightMax).toBe(1);
    // spaced out, one per 20 ms at most, so forwarding takes little from DT's side during the
    // burst (the span, not each gap: a request's own latency varies, a new connection's most)
    const span = target.received.at(-1)!.at - target.received[0]!.at;
    expect(span).toBeGreaterThanOrEqual((first.length - 1) * 20 - 15);
    busy = false;
    const second = Array.from({ length: 40 }, add);
    await until(() => forwarder!.status().queueDepth === 0 || undefined, 'the rest delivered', 10_000);
    const got = new Set(target.received.map((r) => r.eventId));
    for (const e of [...first, ...second]) expect(got.has(e.eventId), e.eventId).toBe(true);
    expect(target.inFlightMax).toBeGreaterThan(1);
    expect(target.inFlightMax).toBeLessThanOrEqual(4);
  });
});
