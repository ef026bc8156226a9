/**
 * Serialises the open segment for each group commit without re-stringifying what was
 * already written: every record's JSON text is kept (by object identity) until the record
 * changes (an ack latency is added). Text is ASCII (`\uXXXX` escapes): the same JSON, but
 * Node decodes an all-ASCII file several times faster when it is read back.
 */
import type { SegmentData } from './disk-format';

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
 * Sets a stored delivery's ack latency, measured after its record was written, and keeps the
 * record's cached text in step: patched in place when the text ends with the delivery (a
 * key added to an object comes last in it, so the new ackMs then ends the text), serialised
 * again at the next segment write otherwise. Whatever order the record's keys are in, the
 * text stays the record's JSON.
 */
export function setAckMs(record: { delivery: { ackMs?: number } }, ackMs: number): void {
  const had = record.delivery.ackMs !== undefined;
  record.delivery.ackMs = ackMs;
  const t = texts.get(record);
  if (t === undefined) return;
  if (!had && lastKey(record) === 'delivery' && t.endsWith('}}') && t.charCodeAt(t.length - 3) !== 0x7b) {
    texts.set(record, `${t.slice(0, -2)},"ackMs":${JSON.stringify(ackMs)}}}`);
  } else {
    texts.delete(record);
  }
}

/** The last own enumerable key (no array built: this runs once per delivery). */
function lastKey(o: object): string | undefined {
  let last: string | undefined;
  for (const k in o) last = k;
  return last;
}

export function serializeSegment(d: SegmentData): string {
  const events = d.events.map(recordText).join(',');
  const duplicates = d.duplicates.map(recordText).join(',');
  return `{"format":${JSON.stringify(d.format)},"segment":${d.segment},"events":[${events}],"duplicates":[${duplicates}]}`;
}
