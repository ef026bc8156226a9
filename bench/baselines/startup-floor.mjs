// Baseline Z for start-up: the least a start-up of this design does with 250k events stored.
// Node starts, loads express (a fixed choice of the design card), reads every closed segment's
// index (stat of the segment, the index file), JSON.parses it, builds one summary object per
// event and the Map by eventId that dedupe needs, then listens and answers a GET. No journal,
// devices, tombstones, stats, health log, UI server, checks or fallbacks: the figure moves with
// the machine as the inbox does, so the target is a ratio to it (bench/FINDINGS.md §11).
// Usage: node startup-floor.mjs DATA_DIR PORT
import { readFile, readdir, stat } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import express from 'express';

const [dir, port] = process.argv.slice(2);
const readFileP = promisify(readFile), statP = promisify(stat);
const names = (await promisify(readdir)(join(dir, 'index'))).filter((f) => f.endsWith('.index.json')).sort();
const summaries = [], byId = new Map();
const NO_WARNINGS = Object.freeze([]); // one shared empty list, as the store's decode
// the same few reads in flight as the store's loadState
const ahead = new Map();
const prefetch = (i) => {
  const f = names[i];
  if (f === undefined || ahead.has(i)) return;
  ahead.set(i, Promise.all([statP(join(dir, 'segments', f.replace('.index.json', '.json'))), readFileP(join(dir, 'index', f))]));
};
for (let i = 0; i < 8; i++) prefetch(i);
for (let i = 0; i < names.length; i++) {
  prefetch(i + 8);
  const [, bytes] = await ahead.get(i);
  ahead.delete(i);
  const x = JSON.parse(bytes.toString('latin1'));
  if (x.format !== 'connector-inbox-segment-index/5') throw new Error(`${names[i]}: index format ${x.format}; this floor reads format 5 (the fixtures' own)`);
  const S = x.strings, L = x.labels;
  for (const t of x.events) {
    const s = {
      seq: t[0], eventId: t[1], eventType: S[t[2]], projectId: S[t[3]], deviceId: S[t[4]], deviceType: t[5] < 0 ? undefined : S[t[5]],
      deviceName: S[t[6]], labels: L[t[7]], timestamp: t[8], receivedAt: t[9], deliveries: 1, signature: S[t[10]],
      warnings: t[11] === 0 ? NO_WARNINGS : t[11], stale: t[12], knownType: t[13], summary: S[t[14]], source: t[17] >= 0 ? S[t[17]] : 'connector',
    };
    summaries.push(s);
    byId.set(s.eventId, s);
  }
}
const app = express();
app.get('/', (_req, res) => res.json({ events: summaries.length, ids: byId.size }));
const server = http.createServer(app);
server.listen(Number(port ?? 0), '127.0.0.1', () => process.stdout.write(`listening ${server.address().port} with ${summaries.length} events\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
