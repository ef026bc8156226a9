/**
 * Closed segments get an index (summaries without bodies) that start-up and export read
 * instead of the bodies. Whatever the index's state, what a user sees must not change.
 */
import { existsSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createInboxService } from '../../electron/core/inbox-service';
import { loadState } from '../../electron/core/store/load-state';
import { openReadOnly } from '../../electron/core/store';
import { cleanupTempDirs, dtBody, post, tempDir } from './helpers';

afterAll(cleanupTempDirs);

async function fill(dir: string, n: number): Promise<string[]> {
  const service = await createInboxService({ dataDir: dir, port: 0, secrets: [], segmentSize: 20, mode: 'browser' });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const b = dtBody({ type: i % 2 ? 'temperature' : 'touch', deviceId: `dev${i % 3}`, labels: { name: i % 4 ? `Küche ${i % 3} °C 😀` : 'plain' }, timestamp: `2025-03-14T09:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000001Z` });
    expect((await post(service.receiverUrl, b.raw)).status).toBe(200);
    if (i % 10 === 0) expect((await post(service.receiverUrl, b.raw)).json.status).toBe('duplicate');
    ids.push(b.eventId);
  }
  await service.stop();
  return ids;
}

const view = (s: Awaited<ReturnType<typeof loadState>>) => ({
  summaries: s.summaries.map((e) => ({ ...e })), deliveries: s.deliveries, devices: [...s.devices.values()],
  // without the body ranges, which only an index gives
  segments: s.segments.map(({ n, firstSeq, lastSeq, count }) => ({ n, firstSeq, lastSeq, count })), dup: [...s.dupSegments],
});

describe('segment indexes', () => {
  it('closed segments are indexed, and loading from the indexes equals loading from the segments', async () => {
    const dir = tempDir();
    const ids = await fill(dir, 90);
    const indexes = readdirSync(join(dir, 'index')).filter((f) => f.endsWith('.index.json'));
    const segments = readdirSync(join(dir, 'segments')).filter((f) => f.endsWith('.json'));
    expect(indexes.length).toBe(segments.length - 1); // the open segment has none
    // ASCII on disk (non-ASCII labels escaped), so it can be decoded as latin1
    for (const f of indexes) expect(readFileSync(join(dir, 'index', f)).every((byte) => byte < 0x80), f).toBe(true);
    const fromIndex = view(await loadState(dir, { readOnly: true }));
    expect(fromIndex.summaries.map((e) => e.eventId)).toEqual(ids);
    expect(new Set(fromIndex.summaries.map((e) => e.deviceName))).toEqual(new Set(['Küche 0 °C 😀', 'Küche 1 °C 😀', 'Küche 2 °C 😀', 'plain']));
    rmSync(join(dir, 'index'), { recursive: true });
    const fromSegments = view(await loadState(dir, { readOnly: false }));
    expect(fromSegments).toEqual(fromIndex);
    expect(existsSync(join(dir, 'index'))).toBe(true); // rebuilt for the next start
    expect(readdirSync(join(dir, 'index')).length).toBe(indexes.length);
  });

  it('start-up reads the index while it matches its segment, and the segment once it does not', async () => {
    const dir = tempDir();
    await fill(dir, 50);
    const before = view(await loadState(dir, { readOnly: true }));
    // Mark the index: while the segment is unchanged, the marked summary is what loads (the index is used)…
    const indexFile = join(dir, 'index', 'segment-000001.index.json');
    const index = JSON.parse(readFileSync(indexFile, 'utf8'));
    index.strings[index.events[0][index.fields.indexOf('summary')]] = 'FROM-INDEX';
    writeFileSync(indexFile, JSON.stringify(index));
    expect((await loadState(dir, { readOnly: true })).summaries[0]!.summary).toBe('FROM-INDEX');
    // …and once the segment's mtime differs from what the index recorded, the segment is read again.
    const seg = join(dir, 'segments', 'segment-000001.json');
    utimesSync(seg, new Date(), new Date(Date.now() - 3600_000));
    expect(view(await loadState(dir, { readOnly: false }))).toEqual(before);
    const rebuilt = JSON.parse(readFileSync(indexFile, 'utf8'));
    expect(rebuilt.strings).not.toContain('FROM-INDEX'); // rebuilt
  });

  it('an export reads the bodies at the ranges the index gave, and the whole segment once the file differs', async () => {
    const dir = tempDir();
    await fill(dir, 50);
    const bodies = async () => {
      const store = await openReadOnly(dir);
      const src = store.exportSource();
      const out: (string | undefined)[] = [];
      for (let i = 0; i < src.summaries.length;) {
        const got = await src.readBodies(src.summaries, i);
        out.push(...got);
        i += got.length;
      }
      src.release();
      return { store, out };
    };
    const { out: expected } = await bodies();
    expect(expected.map((b) => JSON.parse(b!).event.eventId)).toEqual((await loadState(dir, { readOnly: true })).summaries.map((s) => s.eventId));
    // The same records written another way (other offsets and size) after the store was opened.
    const { store } = await bodies();
    const seg = join(dir, 'segments', 'segment-000001.json');
    writeFileSync(seg, JSON.stringify(JSON.parse(readFileSync(seg, 'utf8')), null, 1));
    const src = store.exportSource();
    const again: (string | undefined)[] = [];
    for (let i = 0; i < src.summaries.length;) {
      const got = await src.readBodies(src.summaries, i);
      again.push(...got);
      i += got.length;
    }
    src.release();
    expect(again).toEqual(expected);
  });
});
