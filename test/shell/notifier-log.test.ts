import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotificationPolicy } from '../../electron/shell/notification-policy';
import { createNotifier, type NotificationLike } from '../../electron/shell/notifications';
import { openLog } from '../../electron/shell/log';
import { summary } from './fixtures';

describe('notifier', () => {
  it('shows native notifications and opens the inspector on the clicked event', () => {
    const shown: Array<{ title: string; body: string; click?: () => void }> = [];
    class FakeNotification implements NotificationLike {
      static isSupported = () => true;
      private n: { title: string; body: string; click?: () => void };
      constructor(o: { title: string; body: string }) {
        this.n = { ...o };
      }
      on(_e: 'click', l: () => void) {
        this.n.click = l;
      }
      show() {
        shown.push(this.n);
      }
    }
    const opened: Array<string | undefined> = [];
    const n = createNotifier({ Notification: FakeNotification, policy: new NotificationPolicy(), open: (id) => opened.push(id), now: () => 1 });
    n.handle({ type: 'events', added: 1, latest: [summary({ eventId: 'e42', eventType: 'motion', summary: 'MOTION_DETECTED', deviceName: 'Hall' })] });
    n.info('Export finished', '3 events');
    expect(shown.map((s) => s.title)).toEqual(['Motion detected — Hall', 'Export finished']);
    shown[0]!.click!();
    shown[1]!.click!();
    expect(opened).toEqual(['e42', undefined]);
    n.dispose();
  });
});

describe('log file', () => {
  it('writes one file and rotates it to .1 at start when over the limit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ci-log-'));
    try {
      await writeFile(join(dir, 'connector-inbox.log'), 'x'.repeat(2000));
      const log = openLog(dir, { maxBytes: 1000 });
      log.line('hello');
      await log.flush();
      expect((await stat(join(dir, 'connector-inbox.log.1'))).size).toBe(2000);
      expect(await readFile(log.path, 'utf8')).toMatch(/"msg":"hello"/);
      const again = openLog(dir, { maxBytes: 1000 }); // small file: kept
      again.line('second');
      await again.flush();
      expect(await readFile(log.path, 'utf8')).toMatch(/hello[\s\S]*second/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
