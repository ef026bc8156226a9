/**
 * Serialises the open segment for each group commit without re-stringifying what was
 * already written: every record's JSON text is kept (by object identity) until the record
 * changes (an ack latency is added). Text is ASCII (`\uXXXX` escapes): the same JSON, but
 * Node decodes an all-ASCII file several times faster when it is read back.
 */
import type { SegmentData } from './files';

const texts = new WeakMap<object, string>();

export function asciiJson(value: unknown): string {
  const json = JSON.stringify(value);
  // Nearly every record is ASCII already (as many UTF-8 bytes as UTF-16 units): skip the regex pass.
  if (Buffer.byteLength(json, 'utf8') === json.length && !json.includes('\u007f')) return json;
  return json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A record's JSON text (ASCII), cached by object identity. */
export function recordText(record: object): string {
  let t = texts.get(record);
  if (t === undefined) {
    t = asciiJson(record);
    texts.set(record, t);
  }
  return t;
}

/**
 * The record's delivery got its ack latency after the record was written. Records end with
 * their delivery and deliveries with ackMs (both added last), so the cached text is patched
 * rather than the whole record serialised again at the next segment write.
 */
export function addAckToText(record: { delivery: { ackMs?: number } }): void {
  const t = texts.get(record);
  if (t === undefined) return;
  const ack = `,"ackMs":${JSON.stringify(record.delivery.ackMs)}}}`;
  // Cached before the latency was known (the only case: recordAck runs once per delivery).
  if (t.endsWith('}}') && !t.endsWith(ack)) texts.set(record, t.slice(0, -2) + ack);
  else texts.delete(record); // not the expected shape: serialise it again next time
}

export function serializeSegment(d: SegmentData): string {
  const events = d.events.map(recordText).join(',');
  const duplicates = d.duplicates.map(recordText).join(',');
  return `{"format":${JSON.stringify(d.format)},"segment":${d.segment},"events":[${events}],"duplicates":[${duplicates}]}`;
}
