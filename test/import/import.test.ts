/**
 * Import: an export file's events stored with source "import", deduped by eventId, devices'
 * latest state by timestamp; a second import adds nothing; a truncated, foreign or
 * inconsistent file is refused with a clear error and stores nothing from it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { importCapture } from '../../electron/core/import';
import { EventStore } from '../../electron/core/store';
import { REPO, cleanupTempDirs, tempDir } from '../core/helpers';

afterAll(() => cleanupTempDirs());

// an export written by an earlier version (no source field): 300 events over several devices
const EXPORT = join(REPO, 'test/fixtures/data-v1-export.json');
const exported = JSON.parse(readFileSync(EXPORT, 'utf8')) as {
  count: number; events: { eventId: string; deviceId: string; body: unknown }[];
  devices: { deviceId: string; latest: Record<string, { eventId: string; timestamp: string }> }[];
};

it('stores every event once with source import, the devices\' latest as the export had it, and adds nothing the second time', async () => {
  const store = await EventStore.open(tempDir('ci-import-'));
  const first = await importCapture(EXPORT, store);
  const devices = new Set(exported.events.map((e) => e.deviceId)).size;
  expect(first).toEqual({ events: exported.count, added: exported.count, alreadyStored: 0, devices });
  expect(store.summaries).toHaveLength(exported.count);
  expect(store.summaries.every((s) => s.source === 'import' && !s.stale)).toBe(true);
  for (const d of exported.devices) {
    const mine = store.devices.find((x) => x.deviceId === d.deviceId)!;
    for (const [type, v] of Object.entries(d.latest)) expect(mine.latest[type]?.eventId, `${d.deviceId} ${type}`).toBe(v.eventId);
    expect(mine.staleDeliveries).toBe(0);
  }
  // the body kept is the export's body, byte for byte as JSON
  const one = await store.getEvent(exported.events[7]!.eventId);
  expect(JSON.parse(one!.raw)).toEqual(exported.events[7]!.body);
  expect(one!.warnings.some((w) => w.startsWith('imported from an export file'))).toBe(true);

  const second = await importCapture(EXPORT, store);
  expect(second).toEqual({ events: exported.count, added: 0, alreadyStored: exported.count, devices });
  expect(store.deliveries).toBe(exported.count); // a re-import is not a delivery
  await store.close();
});

it('refuses a truncated, a foreign and an inconsistent file, storing nothing from any', async () => {
  const store = await EventStore.open(tempDir('ci-import-bad-'));
  const dir = tempDir('ci-import-files-');
  const text = readFileSync(EXPORT, 'utf8');
  const truncated = join(dir, 'truncated.json');
  writeFileSync(truncated, text.slice(0, Math.floor(text.length * 0.7)));
  await expect(importCapture(truncated, store)).rejects.toThrow(/ends early, after \d+ events \(truncated\?\)/);

  const foreign = join(dir, 'foreign.json');
  writeFileSync(foreign, JSON.stringify({ format: 'something-else/2', events: [] }));
  await expect(importCapture(foreign, store)).rejects.toThrow(/its format is "something-else\/2"/);

  const edited = join(dir, 'edited.json');
  const e = JSON.parse(text);
  e.events[250].body.event.eventId = 'someotherid';
  writeFileSync(edited, JSON.stringify(e));
  await expect(importCapture(edited, store)).rejects.toThrow(/event #251 .* says eventId .* but its body holds someotherid; nothing was imported/);

  const notDt = join(dir, 'not-dt.json');
  const n = JSON.parse(text);
  delete n.events[299].body.event.targetName;
  writeFileSync(notDt, JSON.stringify(n));
  await expect(importCapture(notDt, store)).rejects.toThrow(/event #300 .* is not a DT event: event.targetName/);

  await expect(importCapture(join(dir, 'missing.json'), store)).rejects.toThrow(/no export file at/);
  expect(store.summaries).toHaveLength(0);
  await store.close();
});
