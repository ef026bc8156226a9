/** What `serve` prints: a start-up banner and one line per delivery. */
import type { PushMessage } from '../../shared/api/contract';
import type { InboxService } from '../core/inbox-service';
import { isCatchUpSource } from '../../shared/records';
import { backfillSentence } from '../../shared/backfill-text';
import { EVENTS_PUSH_INTERVAL_MS } from '../core/events-push';

const out = (s: string) => process.stdout.write(s + '\n');
const err = (s: string) => process.stderr.write(s + '\n');

export function printStartup(service: InboxService, flags: { dataDir: string; allowExpired?: boolean }, secrets: number): void {
  if (service.receiverUrl) out(`Connector Inbox receiver listening on ${service.receiverUrl} (POST to any path)`);
  else out('Connector Inbox: no receiver port in stream mode (DT\'s event stream brings the events)');
  out(`Data directory: ${flags.dataDir} (${service.store.summaries.length} events stored)`);
  printSignatureMode(secrets, flags.allowExpired ?? false);
  for (const w of service.store.warnings) err(`WARNING: ${w}`);
}

export function printSignatureMode(count: number, allowExpired: boolean): void {
  if (count === 0) err('WARNING: no signature secret configured: events are accepted and marked UNVERIFIED (use --secret or CONNECTOR_INBOX_SECRET)');
  else out(`Verifying X-Dt-Signature with ${count} secret${count > 1 ? 's' : ''}${allowExpired ? ' (expired tokens allowed)' : ''}`);
}

export function printDelivery(m: PushMessage): void {
  const time = new Date().toISOString().slice(11, 19);
  if (m.type === 'events') {
    for (const e of m.latest) {
      if (isCatchUpSource(e.source)) continue; // filled or imported: one summary line, not one per event
      out(`${time} accepted  ${e.eventType.padEnd(18)} ${e.summary.padEnd(22)} ${e.deviceName}  ${e.eventId}${e.signature === 'unverified' ? '  (unverified)' : ''}${e.stale ? '  (out of order)' : ''}`);
    }
    // one message carries the newest 50 of a burst; the rest are counted, not lost from sight
    const more = m.added - m.latest.length;
    if (more > 0 && !m.latest.every((e) => isCatchUpSource(e.source))) out(`${time} … and ${more} more in the last ${EVENTS_PUSH_INTERVAL_MS} ms`);
  } else if (m.type === 'backfill') {
    out(`${time} ${backfillSentence(m.run)}`);
  } else if (m.type === 'rejected') {
    out(`${time} rejected  ${m.latest.status} ${m.latest.error}: ${m.latest.message}`);
  } else if (m.type === 'status' && !m.status.storage.ok) {
    err(`${time} STORAGE ERROR: ${m.status.storage.message} — deliveries get 503 until it is fixed`);
  }
}
