/**
 * Byte-level JSON scanning for the export reader: finds where a value ends without parsing
 * it, so an export of any size is read in chunks and each event's `body` is taken as the
 * exact bytes in the file. Works on bytes, not text: every JSON structural character is
 * ASCII and never part of a multi-byte UTF-8 sequence.
 */

const QUOTE = 0x22, BACKSLASH = 0x5c;
const OPEN_OBJ = 0x7b, CLOSE_OBJ = 0x7d, OPEN_ARR = 0x5b, CLOSE_ARR = 0x5d, COMMA = 0x2c, COLON = 0x3a;

export const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
export const CH = { QUOTE, OPEN_OBJ, CLOSE_OBJ, OPEN_ARR, CLOSE_ARR, COMMA, COLON } as const;

/**
 * The end of one JSON value that may span chunks. `feed` returns the offset just past the
 * value in this chunk, or -1 when the value continues in the next chunk. A literal (number,
 * true, …) ends at the first byte that cannot belong to it, which is not consumed.
 */
export class ValueEnd {
  private kind: 'none' | 'container' | 'string' | 'literal' = 'none';
  private depth = 0;
  private inString = false;
  private escape = false;

  /** `from` must point at the value's first byte (whitespace already skipped) when it starts. */
  feed(buf: Uint8Array, from: number): number {
    let i = from;
    if (this.kind === 'none') {
      const b = buf[i]!;
      if (b === OPEN_OBJ || b === OPEN_ARR) { this.kind = 'container'; this.depth = 1; }
      else if (b === QUOTE) { this.kind = 'string'; this.inString = true; }
      else this.kind = 'literal';
      i++;
    }
    for (; i < buf.length; i++) {
      const b = buf[i]!;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (b === BACKSLASH) this.escape = true;
        else if (b === QUOTE) {
          this.inString = false;
          if (this.kind === 'string') return i + 1;
        }
        continue;
      }
      if (this.kind === 'literal') {
        if (isSpace(b) || b === COMMA || b === CLOSE_OBJ || b === CLOSE_ARR) return i;
        continue;
      }
      if (b === QUOTE) this.inString = true;
      else if (b === OPEN_OBJ || b === OPEN_ARR) this.depth++;
      else if (b === CLOSE_OBJ || b === CLOSE_ARR) {
        if (--this.depth === 0) return i + 1;
      }
    }
    return -1;
  }

  /** a literal still open at the end of the input ends there */
  get endsAtEof(): boolean {
    return this.kind === 'literal';
  }
}

/**
 * The byte range of each member value of a complete JSON object (top level only), by key.
 * Throws on anything that is not an object of members.
 */
export function memberRanges(buf: Uint8Array): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  let i = skip(buf, 0);
  if (buf[i] !== OPEN_OBJ) throw new Error('not a JSON object');
  i = skip(buf, i + 1);
  if (buf[i] === CLOSE_OBJ) return out;
  for (;;) {
    if (buf[i] !== QUOTE) throw new Error('expected a member name');
    const keyEnd = new ValueEnd().feed(buf, i);
    if (keyEnd < 0) throw new Error('unterminated member name');
    const key = JSON.parse(Buffer.from(buf.subarray(i, keyEnd)).toString('utf8')) as string;
    i = skip(buf, keyEnd);
    if (buf[i] !== COLON) throw new Error(`expected ':' after "${key}"`);
    i = skip(buf, i + 1);
    if (i >= buf.length) throw new Error(`no value for "${key}"`);
    const scan = new ValueEnd();
    let end = scan.feed(buf, i);
    if (end < 0) {
      if (!scan.endsAtEof) throw new Error(`unterminated value for "${key}"`);
      end = buf.length;
    }
    out.set(key, [i, end]);
    i = skip(buf, end);
    if (buf[i] === COMMA) { i = skip(buf, i + 1); continue; }
    if (buf[i] === CLOSE_OBJ) return out;
    throw new Error(`expected ',' or '}' after "${key}"`);
  }
}

export function skip(buf: Uint8Array, i: number): number {
  while (i < buf.length && isSpace(buf[i]!)) i++;
  return i;
}
