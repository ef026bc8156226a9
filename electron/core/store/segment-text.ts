/**
 * Serialises the open segment for each group commit without re-stringifying what was
 * already written: every record's JSON text is kept (by object identity) until the record
 * changes (an ack latency is added). Text is ASCII (`\uXXXX` escapes): the same JSON, but
 * Node decodes an all-ASCII file several times faster when it is read back.
 */
import type { SegmentData } from './files';

const texts = new WeakMap<object, string>();

export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function textOf(record: object): string {
  let t = texts.get(record);
  if (t === undefined) {
    t = asciiJson(record);
    texts.set(record, t);
  }
  return t;
}

/** The record changed after it was written: serialise it again next time. */
export function invalidateText(record: object): void {
  texts.delete(record);
}

export function serializeSegment(d: SegmentData): string {
  const events = d.events.map(textOf).join(',');
  const duplicates = d.duplicates.map(textOf).join(',');
  return `{"format":${JSON.stringify(d.format)},"segment":${d.segment},"events":[${events}],"duplicates":[${duplicates}]}`;
}
