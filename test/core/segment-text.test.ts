/**
 * Segment records are serialised once and cached; the file is ASCII. Neither may change what
 * a user reads back: bodies byte-exact (non-ASCII included) and ack latencies kept.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createInboxService } from '../../electron/core/inbox-service';
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
});
