/** Event detail figures: latency from event time to arrival, the body as readable JSON. */
import type { EventDetail } from '../../../shared/records';
import { timestampToMillis } from '../../../shared/dt/timestamp';
import { parseBody } from '../../../shared/dt/body-text';
import { formatDuration } from './format';

/** How long after the sensor's event time we received it (first delivery). */
export function receiveLatency(e: Pick<EventDetail, 'timestamp' | 'receivedAt'>): { ms: number; text: string } | null {
  const a = timestampToMillis(e.timestamp);
  const b = Date.parse(e.receivedAt);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
  const ms = b - a;
  return { ms, text: ms < 0 ? `${formatDuration(-ms)} before the event time (clock skew?)` : `${formatDuration(ms)} after the event time` };
}

/** The body pretty-printed; the raw text when it is not JSON (it is always shown as text). */
export function prettyBody(e: Pick<EventDetail, 'raw' | 'body'>): string {
  try {
    return JSON.stringify(parseBody(e.raw), null, 2);
  } catch {
    return e.raw;
  }
}

/** `capture`: the event is from an opened export (read-only), so the verdict is the exporting inbox's, not this one's */
export function signatureVerdict(e: Pick<EventDetail, 'signature' | 'deliveryLog'> & { source?: EventDetail['source'] }, capture = false): { ok: boolean; title: string; detail: string } {
  if (capture && e.signature === 'valid') {
    return { ok: true, title: 'Signature valid when received', detail: 'The inbox that received it checked X-Dt-Signature against its secret and the raw body\'s checksum. The capture keeps that verdict (the request\'s headers are not in the file).' };
  }
  if (capture && e.signature === 'unverified') {
    return { ok: false, title: 'Not verified when received', detail: 'The inbox that received it had no signature secret to check it with. The capture keeps that verdict (the request\'s headers are not in the file).' };
  }
  if (e.signature === 'valid') {
    return { ok: true, title: 'Signature valid', detail: 'X-Dt-Signature checked: HS256 with a configured secret, checksum of the raw body matches.' };
  }
  if (e.signature === 'fetched') {
    // no signature to check, but the inbox asked DT itself (over TLS, as the service account)
    return { ok: true, title: 'Fetched from DT with the service account', detail: 'The inbox pulled this event from DT\'s API itself, so there was no X-Dt-Signature to check: the sender is DT.' };
  }
  if (e.source === 'import') {
    return { ok: false, title: 'Not verified here', detail: 'Imported from an export file: this inbox checked no signature. The exporting inbox\'s verdict is listed below.' };
  }
  const hadHeader = e.deliveryLog.some((d) => 'x-dt-signature' in d.headers);
  return {
    ok: false,
    title: 'Not verified',
    detail: hadHeader
      ? 'The request carried X-Dt-Signature but no signature secret is configured here, so it was not checked. Add the secret in Setup.'
      : 'No X-Dt-Signature header and no secret configured: anyone who knows the URL could have sent this. Set a signature secret on the Data Connector and in Setup.',
  };
}
