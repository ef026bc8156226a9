// Part 9: the health log at start-up (issue 21: "reading it at start-up costs ≤ 50 ms for 7 days
// of history"). One data dir seeded with 7 days as a forwarding inbox writes them
// (harness/health-harness.ts seed: a forward minute and an ack minute every minute, errors in one
// minute of ten, a follower change an hour). Each run is a fresh process (module loading not
// counted; the files are in the page cache, as at an app's restart):
//  - open: openHealthLog + the forward figures restored + the ack window refilled, as the service
//  - floor (baseline, same run, alternating): the same files read and JSON.parse'd, nothing else
// Target: open ≤ 50 ms (median); the ratio open / floor says what the log adds to reading.
import { execFileSync } from 'node:child_process';
import { harness } from '../lib/build.mjs';
import { emptyDir } from '../lib/fixtures.mjs';
import { summarize } from '../lib/stats.mjs';

const run = (cmd, dir) => JSON.parse(execFileSync(process.execPath, [harness.health, cmd, dir], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').at(-1));

export async function benchHealth(ctx) {
  const { runs, log } = ctx;
  const dir = emptyDir('health');
  const seeded = run('seed', dir);
  log(`  seeded 7 days: ${seeded.lines.toLocaleString('en-US')} records, ${(seeded.bytes / 1e6).toFixed(1)} MB`);
  const open = [], floor = [];
  for (let i = 0; i < runs; i++) {
    const pair = i % 2 ? [['floor', floor], ['open', open]] : [['open', open], ['floor', floor]];
    for (const [cmd, into] of pair) into.push(run(cmd, dir));
  }
  const o = summarize(open.map((r) => r.ms)), f = summarize(floor.map((r) => r.ms));
  const last = open.at(-1);
  return {
    config: { runs, days: 7 }, seeded, open: o, floor: f, ratio: o.median / f.median,
    restored: { records: last.records, delivered3h: last.delivered3h, p99: last.p99, ackP99: last.ackP99 },
    targets: { 'start-up read of 7 days': { target: '≤ 50 ms', value: o.median, met: o.median <= 50 } },
  };
}
