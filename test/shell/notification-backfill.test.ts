/** Filled and imported events are old news: no notification each, one summary of the fill instead. */
import { expect, it } from 'vitest';
import { NotificationPolicy } from '../../electron/shell/notification-policy';
import { summary } from './fixtures';

it('raises no per-event notification for filled events, and one summary for the fill', () => {
  const p = new NotificationPolicy();
  const filled = Array.from({ length: 37 }, () => summary({ source: 'history', signature: 'fetched' }));
  expect(p.offer({ type: 'events', added: 37, latest: filled }, 1_000)).toEqual([]);
  expect(p.offer({ type: 'events', added: 2, latest: [summary({ source: 'import' }), summary({ source: 'import' })] }, 1_000)).toEqual([]);
  const from = new Date(2026, 11, 5, 18, 2).getTime(), to = new Date(2026, 11, 6, 8, 41).getTime();
  const shown = p.offer({ type: 'backfill', project: 'p1', run: { from, to, at: to, reason: 'covering again', devices: 3, fetched: 37, added: 37, alreadyStored: 0, invalid: 0, reachesStart: true } }, 2_000);
  expect(shown).toEqual([{ title: 'Gap filled from DT\'s history', body: 'Filled 37 events missed while the inbox was closed or offline, 18:02–08:41' }]);
  // a live event still notifies as before
  expect(p.offer({ type: 'events', added: 1, latest: [summary({ source: 'stream' })] }, 3_000)).toHaveLength(1);
});
