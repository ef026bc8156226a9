/**
 * Export progress reaches every push subscriber once per update: the service pushes it for
 * the exports it writes (the contract's exportEvents, the tray's export), and nothing else
 * pushes it again. A streamed export (the browser download) reports to its caller only,
 * which shows it once on its own stream.
 */
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createInboxService } from '../../electron/core/inbox-service';
import type { PushMessage } from '../../shared/api/contract';
import { cleanupTempDirs, storeArrival, tempDir } from './helpers';

afterAll(() => cleanupTempDirs());

describe('export progress', () => {
  it('a listener receives each progress update of an export once', async () => {
    const s = await createInboxService({ dataDir: tempDir(), port: 0, secrets: [], mode: 'browser' });
    await Promise.all(Array.from({ length: 2100 }, () => s.store.ingest(storeArrival())));
    const progress = (got: PushMessage[]) => got.flatMap((m) => (m.type === 'exportProgress' ? [`${m.done}/${m.total}`] : []));
    const got: PushMessage[] = [];
    const unsubscribe = s.api.subscribe((m) => got.push(m));

    const r = await s.api.exportEvents({});
    expect(r.ok && r.value.count).toBe(2100);
    expect(progress(got)).toEqual(['1000/2100', '2000/2100', '2100/2100']);

    got.length = 0;
    await s.exportToFile({}, join(tempDir(), 'tray-export.json'));
    expect(progress(got)).toEqual(['1000/2100', '2000/2100', '2100/2100']);

    got.length = 0;
    const reported: string[] = [];
    const sink = new Writable({ write(_c, _e, cb) { cb(); } });
    await s.exportToStream({}, sink, (done, total) => reported.push(`${done}/${total}`));
    expect(reported).toEqual(['1000/2100', '2000/2100', '2100/2100']);
    expect(progress(got), 'the caller of a stream reports it, not the service').toEqual([]);
    unsubscribe();
    await s.stop();
  });
});
