// Draws the app and tray icons into build/icons/ (committed; re-run after changing a shape).
// Shapes are signed-distance functions sampled 4×4 per pixel, so small sizes stay smooth
// without an image editor or a rasteriser dependency; pngjs only encodes.
//   node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pngjs from 'pngjs';

const { PNG } = pngjs;
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'build', 'icons');
mkdirSync(out, { recursive: true });

// --- geometry (unit square, y down) --------------------------------------------------------
const segDist = (px, py, [ax, ay], [bx, by]) => {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
};
const polyline = (points, width) => (x, y) => {
  let d = Infinity;
  for (let i = 1; i < points.length; i++) d = Math.min(d, segDist(x, y, points[i - 1], points[i]));
  return d - width / 2;
};
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  const qx = Math.abs(x - (x0 + x1) / 2) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(y - (y0 + y1) / 2) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const union = (...fs) => (x, y) => Math.min(...fs.map((f) => f(x, y)));

// The glyph: an inbox tray with an arrow dropping into it (an event arriving).
const inbox = (w) =>
  union(
    polyline([[0.14, 0.56], [0.14, 0.86], [0.86, 0.86], [0.86, 0.56]], w),
    polyline([[0.14, 0.6], [0.34, 0.6], [0.41, 0.71], [0.59, 0.71], [0.66, 0.6], [0.86, 0.6]], w),
    polyline([[0.5, 0.1], [0.5, 0.47]], w),
    polyline([[0.35, 0.33], [0.5, 0.48], [0.65, 0.33]], w),
  );

// --- raster ----------------------------------------------------------------------------------
/** layers: [{ shape, color: [r,g,b,a] } | { shape, erase: true }], painted in order (source-over; erase cuts alpha). */
function render(size, layers) {
  const png = new PNG({ width: size, height: size });
  const S = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const { shape, color, erase } of layers) {
        let hits = 0;
        for (let sy = 0; sy < S; sy++)
          for (let sx = 0; sx < S; sx++) if (shape((px + (sx + 0.5) / S) / size, (py + (sy + 0.5) / S) / size) <= 0) hits++;
        if (erase) {
          a *= 1 - hits / (S * S);
          continue;
        }
        const ca = (color[3] / 255) * (hits / (S * S));
        const na = ca + a * (1 - ca);
        if (na > 0) {
          r = (color[0] * ca + r * a * (1 - ca)) / na;
          g = (color[1] * ca + g * a * (1 - ca)) / na;
          b = (color[2] * ca + b * a * (1 - ca)) / na;
        }
        a = na;
      }
      const i = (py * size + px) * 4;
      png.data[i] = Math.round(r);
      png.data[i + 1] = Math.round(g);
      png.data[i + 2] = Math.round(b);
      png.data[i + 3] = Math.round(a * 255);
    }
  }
  return PNG.sync.write(png);
}

const save = (name, buf) => {
  writeFileSync(join(out, name), buf);
  console.log(`build/icons/${name}`);
};

// --- tray: one colour per state, a badge for activity and error -------------------------------
const STATES = {
  idle: { glyph: [128, 134, 142, 255] },
  online: { glyph: [30, 150, 90, 255] },
  activity: { glyph: [30, 150, 90, 255], badge: [40, 120, 230, 255] },
  error: { glyph: [128, 134, 142, 255], badge: [220, 50, 40, 255] },
};
const trayLayers = ({ glyph, badge }) => {
  const layers = [{ shape: inbox(0.12), color: glyph }];
  if (badge) {
    // a transparent gap around the badge keeps it readable over the glyph on any tray colour
    layers.push({ shape: circle(0.8, 0.2, 0.23), erase: true }, { shape: circle(0.8, 0.2, 0.18), color: badge });
  }
  return layers;
};
for (const [state, spec] of Object.entries(STATES)) {
  for (const base of [16, 32]) {
    save(`tray-${state}-${base}.png`, render(base, trayLayers(spec)));
    save(`tray-${state}-${base}@2x.png`, render(base * 2, trayLayers(spec)));
  }
}
// macOS template: black + alpha only; the system recolours it for light and dark menu bars.
save('trayTemplate.png', render(16, [{ shape: inbox(0.12), color: [0, 0, 0, 255] }]));
save('trayTemplate@2x.png', render(32, [{ shape: inbox(0.12), color: [0, 0, 0, 255] }]));

// --- app icon ---------------------------------------------------------------------------------
const appLayers = [
  { shape: roundRect(0.06, 0.06, 0.94, 0.94, 0.2), color: [22, 44, 78, 255] },
  { shape: roundRect(0.09, 0.09, 0.91, 0.91, 0.18), color: [30, 72, 130, 255] },
  { shape: (x, y) => inbox(0.075)((x - 0.5) / 0.66 + 0.5, (y - 0.52) / 0.66 + 0.5) * 0.66, color: [255, 255, 255, 255] },
  { shape: circle(0.73, 0.27, 0.075), color: [70, 210, 140, 255] },
];
save('icon.png', render(512, appLayers));
save('icon-256.png', render(256, appLayers));
