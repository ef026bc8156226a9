/**
 * A burst of deliveries through the real service: every stored event is announced once, in at most
 * one message per 50 ms, and `serve` shows the newest 50 of each message and counts the rest.
 */
import { afterAll, expect, it, vi } from 'vitest';
import { createInboxService } from '../../electron/core/inbox-service';
import { printDelivery } from '../../electron/cli/serve-output';
import type { PushMessage } from '../../shared/api/contract';
import { cleanupTempDirs, dtBody, post, tempDir, until } from './helpers';

afterAll(cleanupTempDirs);

it('400 concurrent deliveries: each event announced once, at most one message per 50 ms, the last one newest', async () => {
  const service = await createInboxService({ dataDir: tempDir('ci-burst-'), port: 0, secrets: [], mode: 'browser' });
  const pushes: PushMessage[] = [];
  service.api.subscribe((m) => pushes.push(m));
  try {
    const bodies = Array.from({ length: 400 }, () => dtBody());
    const queue = [...bodies];
    const started = Date.now();
    await Promise.all(Array.from({ length: 16 }, async () => {
      for (let b = queue.shift(); b; b = queue.shift()) {
        const r = await post(service.receiverUrl, b.raw, { 'Content-Type': 'application/json' });
        expect(r.status).toBe(200);
      }
    }));
    const events = () => pushes.filter((m): m is Extract<PushMessage, { type: 'events' }> => m.type === 'events');
    await until(() => (events().reduce((n, m) => n + m.added, 0) >= 400 ? true : undefined), 'all 400 announced');
    expect(events().reduce((n, m) => n + m.added, 0)).toBe(400);
    // at most one message per 50 ms (and the first at once): not one per commit of the store
    const elapsed = Date.now() - started;
    expect(events().length).toBeLessThanOrEqual(Math.ceil(elapsed / 50) + 1);
    const announced = new Set(events().flatMap((m) => m.latest.map((e) => e.eventId)));
    const lastStored = service.store.summaries.at(-1)!;
    expect(announced.has(lastStored.eventId)).toBe(true);

    // what serve prints for them: one line per event it was told about, and a count of the rest
    const lines: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((s) => { lines.push(String(s)); return true; });
    try {
      for (const m of events()) printDelivery(m);
    } finally {
      write.mockRestore();
    }
    const accepted = lines.filter((l) => / accepted /.test(l)).length;
    const more = lines.reduce((n, l) => n + Number(/… and (\d+) more in the last 50 ms/.exec(l)?.[1] ?? 0), 0);
    expect(accepted).toBe(announced.size);
    expect(accepted + more).toBe(400);
  } finally {
    await service.stop();
  }
});
