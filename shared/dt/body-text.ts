/**
 * A stored body is the text exactly as received, a leading UTF-8 byte-order mark included (the
 * sender's checksum covers it, and forward/replay/export send it on). JSON.parse refuses a BOM,
 * so whoever parses a stored body parses it through here; the stored text is never changed.
 */
export const BOM = '\ufeff';

export function hasBom(text: string): boolean {
  return text.charCodeAt(0) === 0xfeff;
}

/** The text JSON.parse reads: without a leading BOM. */
export function bodyForParse(text: string): string {
  return hasBom(text) ? text.slice(1) : text;
}

/** JSON.parse of a stored body (throws as JSON.parse does). */
export function parseBody(text: string): unknown {
  return JSON.parse(bodyForParse(text));
}
