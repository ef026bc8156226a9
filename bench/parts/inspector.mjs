// Part 5: the inspector in headless Chromium (browser mode: `serve --ui --no-open`), 100k
// events stored. Figures per run (fresh serve, fresh page):
//  - first list render: page.goto → first real event row (.event-row[data-event-id]) visible
//  - type filter / text search: from the input event (its timeStamp, in the page) until the
//    match count text (.count) changes (MutationObserver), i.e. what the user waits for
//  - DOM rows (role=row in the event table) after first render and after the stream
//  - frame time: requestAnimationFrame deltas in the page while 500 events/s stream in
//    (autocannon overallRate, unique signed events, to the receiver)
// Targets: first render ≤ 1.5 s; filter and search ≤ 200 ms; rows bounded; no frame > 100 ms.
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { findChromium, INSTALL_HINT } from '../../scripts/find-chromium.mjs';
import { chromium } from 'playwright-core';
import { rootDir } from '../lib/build.mjs';
import { fire } from '../lib/load.mjs';
import { freePort, spawnProc, sleep, waitForGet } from '../lib/procs.mjs';
import { summarize, percentile } from '../lib/stats.mjs';
import { workDir } from '../lib/fixtures.mjs';
import { topFrames } from '../lib/profile.mjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpDir } from '../lib/build.mjs';
import { SECRET } from './ingest.mjs';

const CHROMIUM = findChromium();
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
export const SEL = {
  row: '.event-table .event-row[data-event-id]',
  rows: '.event-table [role=row]',
  count: '.events-view .count',
  search: 'input[type=search]',
  typesSummary: 'details.dropdown > summary',
};
const ROW_BOUND = 200;

/** In the page: resolve with ms from the next input/click event to the next change of the count text. */
const armCountChange = (page) => page.evaluate(({ countSel }) => {
  window.__benchChange = new Promise((resolve) => {
    let t0 = null;
    const start = (e) => {
      if (t0 === null) t0 = e.timeStamp;
    };
    document.addEventListener('input', start, true);
    document.addEventListener('change', start, true);
    const el = document.querySelector(countSel);
    const before = el.textContent;
    const obs = new MutationObserver(() => {
      if (el.textContent !== before && t0 !== null) {
        const ms = performance.now() - t0;
        obs.disconnect();
        resolve({ ms, text: el.textContent });
      }
    });
    obs.observe(el, { childList: true, characterData: true, subtree: true });
    setTimeout(() => resolve({ ms: NaN, text: `no change within 10 s (${el.textContent})` }), 10_000);
  });
}, { countSel: SEL.count });
const countChanged = (page) => page.evaluate(() => window.__benchChange);

async function oneRun(browser, ctx, pool) {
  const dir = workDir(ctx.fixtures, 100_000, 'ui');
  const port = await freePort();
  const t0 = performance.now();
  const serve = spawnProc(process.execPath, [join(rootDir, 'dist/cli.js'), 'serve', '--data-dir', dir, '--port', String(port), '--secret', SECRET,
    '--ui', '--no-open', '--ui-port', '0', '-q']);
  const r = {};
  try {
    await waitForGet(`http://127.0.0.1:${port}/`, t0, { child: serve.child });
    while (!/Inspector: (\S+)/.test(serve.out())) {
      if (performance.now() - t0 > 30_000) throw new Error(`no Inspector line: ${serve.out()} ${serve.err()}`);
      await sleep(10);
    }
    const url = /Inspector: (\S+)/.exec(serve.out())[1];
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const g0 = performance.now();
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForSelector(SEL.row, { state: 'visible', timeout: 30_000 });
    r.firstRenderMs = performance.now() - g0;
    await page.waitForFunction((sel) => /events/.test(document.querySelector(sel)?.textContent ?? ''), SEL.count, { timeout: 30_000 });
    r.countText = await page.textContent(SEL.count);
    r.rowsAfterRender = await page.locator(SEL.rows).count();

    // type filter: open the Types dropdown, tick "temperature"
    await page.locator(SEL.typesSummary, { hasText: 'Types' }).click();
    const box = page.locator('[aria-label="Event types"] label', { hasText: /^temperature$/ }).locator('input');
    await armCountChange(page);
    await box.click();
    const tf = await countChanged(page);
    r.typeFilterMs = tf.ms;
    r.typeFilterText = tf.text;
    await armCountChange(page);
    await box.click(); // untick: back to everything
    await countChanged(page);
    await page.locator(SEL.typesSummary, { hasText: 'Types' }).click();

    // text search
    await armCountChange(page);
    await page.fill(SEL.search, 'RH');
    const ts = await countChanged(page);
    r.searchMs = ts.ms;
    r.searchText = ts.text;
    await armCountChange(page);
    await page.fill(SEL.search, '');
    await countChanged(page);

    // frames while 500 events/s stream in
    await page.evaluate(() => {
      window.__frames = [];
      let last = performance.now();
      const tick = (t) => {
        window.__frames.push(t - last);
        last = t;
        if (window.__framesOn) requestAnimationFrame(tick);
      };
      window.__framesOn = true;
      requestAnimationFrame(tick);
    });
    const load = await fire(`http://127.0.0.1:${port}/`, pool, { amount: Math.round(500 * ctx.streamSeconds), overallRate: 500 });
    await sleep(500);
    const frames = await page.evaluate(() => {
      window.__framesOn = false;
      return window.__frames.slice(1);
    });
    const sorted = [...frames].sort((a, b) => a - b);
    r.frames = frames.length;
    r.frameP99 = percentile(sorted, 99);
    r.frameMax = sorted.at(-1);
    r.framesOver100 = frames.filter((f) => f > 100).length;
    r.streamOk = load.ok2xx;
    r.countAfterStream = await page.textContent(SEL.count);
    r.rowsAfterStream = await page.locator(SEL.rows).count();
    r.pageErrors = errors;
    if (ctx.profilePage) {
      // a second stream with the page's CPU profiler on (after the measured one: the profiler costs frames)
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
      await fire(`http://127.0.0.1:${port}/`, ctx.profilePool, { amount: ctx.profilePool.length, overallRate: 500 });
      const { profile } = await cdp.send('Profiler.stop');
      const dirP = join(tmpDir, 'profiles', 'inspector');
      mkdirSync(dirP, { recursive: true });
      const file = join(dirP, 'page.cpuprofile');
      writeFileSync(file, JSON.stringify(profile));
      r.pageProfile = topFrames(file, { limit: 10 });
    }
    await page.close();
  } finally {
    await serve.kill('SIGTERM');
  }
  return r;
}

export async function benchInspector(ctx) {
  if (!CHROMIUM) throw new Error(`no Chromium or Chrome found: ${INSTALL_HINT}`);
  if (!existsSync(join(rootDir, 'dist/renderer/index.html'))) throw new Error('dist/renderer is not built (npm run build)');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  const runs = [];
  try {
    for (let i = 0; i < ctx.runs; i++) {
      const pool = await ctx.makePool(Math.round(500 * ctx.streamSeconds) + 50);
      const last = i === ctx.runs - 1 && ctx.profile;
      runs.push(await oneRun(browser, { ...ctx, profilePage: last, profilePool: last ? await ctx.makePool(1500) : null }, pool));
      ctx.log(`  run ${i + 1}: first render ${Math.round(runs[i].firstRenderMs)} ms, filter ${Math.round(runs[i].typeFilterMs)} ms, search ${Math.round(runs[i].searchMs)} ms, rows ${runs[i].rowsAfterRender}/${runs[i].rowsAfterStream}, frame max ${Math.round(runs[i].frameMax)} ms`);
    }
  } finally {
    await browser.close();
  }
  const s = (k) => summarize(runs.map((r) => r[k]));
  const figures = {
    'first list render (ms)': s('firstRenderMs'),
    'type filter → count updated (ms)': s('typeFilterMs'),
    'text search → count updated (ms)': s('searchMs'),
    'DOM rows after first render': s('rowsAfterRender'),
    'DOM rows after streaming': s('rowsAfterStream'),
    'frames recorded while streaming': s('frames'),
    'frame time p99 while streaming (ms)': s('frameP99'),
    'frame time max while streaming (ms)': s('frameMax'),
    'frames over 100 ms': s('framesOver100'),
  };
  const notes = [
    `count text: "${runs[0].countText}" → filter "${runs[0].typeFilterText}", search "RH" "${runs[0].searchText}", after stream "${runs[0].countAfterStream}"`,
    `events streamed per run: ${runs.map((r) => r.streamOk).join(', ')} acknowledged (${ctx.streamSeconds} s at 500/s)`,
  ];
  const errs = runs.flatMap((r) => r.pageErrors);
  if (errs.length) notes.push(`page errors: ${[...new Set(errs)].join(' | ')}`);
  const maxRows = Math.max(...runs.map((r) => Math.max(r.rowsAfterRender, r.rowsAfterStream)));
  return {
    config: { runs: ctx.runs, streamSeconds: ctx.streamSeconds, viewport: '1280×800', selectors: SEL },
    runs, figures, notes, pageProfile: runs.at(-1).pageProfile,
    targets: {
      firstRender: { value: figures['first list render (ms)'].median, target: '≤ 1500 ms', met: figures['first list render (ms)'].median <= 1500 },
      typeFilter: { value: figures['type filter → count updated (ms)'].median, target: '≤ 200 ms', met: figures['type filter → count updated (ms)'].median <= 200 },
      search: { value: figures['text search → count updated (ms)'].median, target: '≤ 200 ms', met: figures['text search → count updated (ms)'].median <= 200 },
      rows: { value: maxRows, target: `DOM rows ≤ ${ROW_BOUND} with 100k events`, met: maxRows <= ROW_BOUND },
      frames: { value: Math.max(...runs.map((r) => r.frameMax)), target: 'no frame over 100 ms while 500 events/s stream in', met: runs.every((r) => r.framesOver100 === 0) },
    },
  };
}
