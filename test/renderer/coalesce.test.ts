import { describe, expect, it } from 'vitest';
import { coalesce, type Clock } from '../../renderer/src/logic/coalesce';

function fakeClock() {
  let now = 0;
  const timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let nextId = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => { const id = nextId++; timers.push({ at: now + ms, fn, id }); return id; },
    clearTimeout: (id) => { const i = timers.findIndex((t) => t.id === id); if (i >= 0) timers.splice(i, 1); },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const t of [...timers].sort((a, b) => a.at - b.at)) {
      if (t.at <= now) { timers.splice(timers.indexOf(t), 1); t.fn(); }
    }
  };
  return { clock, advance };
}

describe('coalesce', () => {
  it('runs at once after a quiet period, then at most once per interval', () => {
    const { clock, advance } = fakeClock();
    let runs = 0;
    const c = coalesce(() => runs++, 250, clock);
    c.trigger();
    expect(runs).toBe(1);
    // 500 events per second for one second: one trigger every 2 ms
    for (let i = 0; i < 500; i++) { c.trigger(); advance(2); }
    expect(runs).toBeGreaterThanOrEqual(4);
    expect(runs).toBeLessThanOrEqual(6);
    advance(1000);
    const settled = runs;
    advance(1000);
    expect(runs).toBe(settled); // nothing pending after the burst
  });

  it('never loses the last trigger of a burst', () => {
    const { clock, advance } = fakeClock();
    let runs = 0;
    const c = coalesce(() => runs++, 250, clock);
    c.trigger();
    advance(10);
    c.trigger();
    expect(runs).toBe(1);
    advance(240);
    expect(runs).toBe(2);
  });

  it('cancel drops the pending run', () => {
    const { clock, advance } = fakeClock();
    let runs = 0;
    const c = coalesce(() => runs++, 250, clock);
    c.trigger();
    c.trigger();
    c.cancel();
    advance(1000);
    expect(runs).toBe(1);
  });
});
