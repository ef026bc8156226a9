/**
 * jsdom has no canvas, matchMedia, Path2D or ResizeObserver. uPlot needs all four to build
 * its chart; with these no-op stand-ins it builds everything but the pixels, so a test sees
 * the chart's DOM (one canvas per chart, the legend with a row per line) as a user would.
 */
const noop = () => {};

export function fakeCanvas(): void {
  const ctx = new Proxy({} as Record<string | symbol, unknown>, {
    get: (t, k) => (k in t ? t[k] : k === 'measureText' ? () => ({ width: 8 }) : noop),
    set: (t, k, v) => {
      t[k] = v;
      return true;
    },
  });
  HTMLCanvasElement.prototype.getContext = (() => ctx) as unknown as HTMLCanvasElement['getContext'];
  window.matchMedia ??= ((media: string) => ({ matches: false, media, onchange: null, addEventListener: noop, removeEventListener: noop, addListener: noop, removeListener: noop, dispatchEvent: () => false })) as typeof window.matchMedia;
  const g = globalThis as Record<string, unknown>;
  g.Path2D ??= class { constructor() { return new Proxy(this, { get: () => noop }); } };
  g.ResizeObserver ??= class { observe = noop; unobserve = noop; disconnect = noop; };
}
