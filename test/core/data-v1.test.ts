/**
 * A data directory written by an older version (test/fixtures/data-v1: segment index format 3,
 * five closed segments with duplicates, and the open segment's journal never folded, as after
 * a crash; see test/fixtures/make-data-v1.ts) opens with every event and exports the same file.
 */
import { cpSync, readFileSync, readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventStore } from '../../electron/core/store';
import { loadState } from '../../electron/core/store/load-state';
import { REPO, runCli, tempDir, useBuiltCli } from './helpers';

const FIXTURE = join(REPO, 'test/fixtures/data-v1');
const written = JSON.parse(readFileSync(join(REPO, 'test/fixtures/data-v1-summaries.json'), 'utf8')) as { deliveries: number; summaries: object[] };
// Written before sources existed: every one of those events came through the Data Connector.
const expected = { ...written, summaries: written.summaries.map((s) => ({ ...s, source: 'connector' })) };
const cli = useBuiltCli();

/** A copy, with the segments' mtimes that their indexes recorded (git does not keep them). */
function copy(withIndexes = true): string {
  const dir = tempDir('ci-data-v1-');
  cpSync(FIXTURE, dir, { recursive: true });
  if (withIndexes) for (let n = 1; n <= 5; n++) utimesSync(join(dir, 'segments', `segment-00000${n}.json`), 1764000000 + n, 1764000000 + n);
  return dir;
}

const withoutExportedAt = (text: string) => text.replace(/"exportedAt":"[^"]*"/, '"exportedAt":"-"');
const staleOf = new Map((written.summaries as Array<{ eventId: string; stale: boolean }>).map((e) => [e.eventId, e.stale]));
/** The old version's export as this one writes it: each event now says its source and whether it was out of order, just before its body. */
const withSources = (text: string) => text.split('\n').map((l) => {
  const id = /^\{"eventId":"([^"]+)"/.exec(l)?.[1];
  return id === undefined ? l : l.replace(',"body":', `,"source":"connector","stale":${staleOf.get(id)},"body":`);
}).join('\n');

describe('a data directory from an older version (index format 3)', () => {
  it('loads every event, with its duplicates, from its indexes and from its segments alike', async () => {
    for (const withIndexes of [true, false]) {
      const s = await loadState(copy(withIndexes), { readOnly: true });
      expect(s.warnings).toEqual([]);
      expect(JSON.parse(JSON.stringify(s.summaries))).toEqual(expected.summaries);
      expect(s.deliveries).toBe(expected.deliveries);
    }
  });

  it('opens for writing with every event, folding the journal, and keeps the old indexes usable', async () => {
    const dir = copy();
    const store = await EventStore.open(dir);
    expect(JSON.parse(JSON.stringify(store.summaries))).toEqual(expected.summaries);
    await store.close();
    expect(readdirSync(join(dir, 'segments')).filter((f) => f.endsWith('.jsonl'))).toEqual([]);
    const again = await loadState(dir, { readOnly: true });
    expect(JSON.parse(JSON.stringify(again.summaries))).toEqual(expected.summaries);
  });

  it('exports the same file as the version that wrote it (apart from exportedAt and the source and stale fields), from old indexes, none, or new ones', async () => {
    // Segments whose mtime no longer matches their index are indexed again (format 5, with body ranges and sources) by a writing start.
    const reindexed = copy(false);
    await (await EventStore.open(reindexed)).close();
    for (let n = 1; n <= 5; n++) {
      const index = JSON.parse(readFileSync(join(reindexed, 'index', `segment-00000${n}.index.json`), 'latin1'));
      expect(index.format).toBe('connector-inbox-segment-index/5');
      expect(index.events.every((t: number[]) => t[15]! > 0 && t[16]! > t[15]! && t[17] === -1)).toBe(true);
    }
    for (const dir of [copy(true), copy(false), reindexed]) {
      const out = join(tempDir('ci-data-v1-out-'), 'export.json');
      const r = await runCli(cli.path, ['export', '--data-dir', dir, '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      expect(withoutExportedAt(readFileSync(out, 'utf8'))).toBe(withSources(withoutExportedAt(readFileSync(join(REPO, 'test/fixtures/data-v1-export.json'), 'utf8'))));
    }
  });
});
