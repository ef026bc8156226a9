/**
 * Segment records are serialised once and cached; the file is ASCII. Neither may change what
 * a user reads back: bodies byte-exact (non-ASCII included) and ack latencies kept.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createInboxService } from '../../electron/core/inbox-service';
import { asciiJson, recordText, serializeSegment, setAckMs } from '../../electron/core/store/segment-text';
import { SEGMENT_FORMAT, type SegmentData } from '../../electron/core/store/disk-format';
import type { DeliveryRecord } from '../../shared/records';
import { cleanupTempDirs, dtBody, post, tempDir, until } from './helpers';

afterAll(cleanupTempDirs);

describe('segment text', () => {
  it('stores non-ASCII bodies exactly, as ASCII files, and keeps ack latencies recorded after the write', async () => {
    const dir = tempDir();
    let service = await createInboxService({ dataDir: dir, port: 0, secrets: [], mode: 'browser' });
    const first = dtBody({ labels: { name: 'Küche °C 😀 \u2028' } });
    expect((await post(service.receiverUrl, first.raw)).status).toBe(200);
    // The ack latency is recorded after the answer; a later commit must persist it.
    await until(async () => {
      const d = await service.api.getEvent(first.eventId);
      return d.ok && typeof d.value.deliveryLog[0]!.ackMs === 'number' ? true : undefined;
    }, 'ack latency recorded');
    const second = dtBody({ type: 'touch' });
    expect((await post(service.receiverUrl, second.raw)).status).toBe(200);
    await service.stop();

    for (const f of readdirSync(join(dir, 'segments'))) {
      expect(readFileSync(join(dir, 'segments', f)).every((b) => b < 0x80), f).toBe(true);
    }
    service = await createInboxService({ dataDir: dir, port: 0, secrets: [], mode: 'browser' });
    const again = await service.api.getEvent(first.eventId);
    expect(again.ok).toBe(true);
    if (again.ok) {
      expect(again.value.raw).toBe(first.raw);
      expect(again.value.deviceName).toBe('Küche °C 😀 \u2028');
      expect(again.value.deliveryLog[0]!.ackMs).toBeGreaterThan(0);
    }
    await service.stop();
  });

  it('a cached record patched with its ack latency is the same text as the record serialised afresh', () => {
    const delivery: DeliveryRecord = { receivedAt: '2025-03-14T10:00:00.000Z', path: '/', headers: { 'x-note': '"ackMs":1 ünïcode' }, remoteAddress: '127.0.0.1', status: 200, outcome: 'accepted' };
    const record = {
      seq: 1, eventId: 'e1', eventType: 'touch', projectId: 'p', deviceId: 'd', deviceName: 'd', labels: { name: 'Küche' }, timestamp: '2025-03-14T10:00:00Z',
      receivedAt: delivery.receivedAt, signature: 'valid' as const, warnings: [], stale: false, knownType: true, summary: 'touch', raw: '{"a":"ü"}', delivery: { ...delivery },
    };
    const dup = { eventId: 'e1', delivery: { ...delivery, outcome: 'duplicate' as const } };
    recordText(record);
    recordText(dup);
    setAckMs(record, 12.3);
    setAckMs(dup, 0.1);
    setAckMs(dup, 0.1); // twice: no second ackMs
    const seg: SegmentData = { format: SEGMENT_FORMAT, segment: 1, events: [record], duplicates: [dup] };
    const fresh = `{"format":${JSON.stringify(SEGMENT_FORMAT)},"segment":1,"events":[${asciiJson(record)}],"duplicates":[${asciiJson(dup)}]}`;
    expect(serializeSegment(seg)).toBe(fresh);
    expect(JSON.parse(serializeSegment(seg))).toEqual(JSON.parse(JSON.stringify(seg)));
  });

  it('a record whose delivery is not its last key still serialises to its JSON once acknowledged', () => {
    const delivery: DeliveryRecord = { receivedAt: '2025-03-14T10:00:00.000Z', path: '/', headers: {}, remoteAddress: '127.0.0.1', status: 200, outcome: 'accepted' };
    const record = { delivery, eventId: 'e2', labels: { note: 'x' } };
    const empty = { eventId: 'e3', delivery: {} as { ackMs?: number } };
    recordText(record);
    recordText(empty);
    setAckMs(record, 4.5);
    setAckMs(empty, 1);
    expect(recordText(record)).toBe(asciiJson(record));
    expect(JSON.parse(recordText(record)).delivery.ackMs).toBe(4.5);
    expect(recordText(empty)).toBe('{"eventId":"e3","delivery":{"ackMs":1}}');
  });
});
