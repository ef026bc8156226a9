/**
 * Streams the events of a `connector-inbox-export/1` file: chunk by chunk, one event in
 * memory at a time, so an export of any size replays in bounded memory. Each event's body
 * is the exact bytes the file holds for it; the export writes the stored raw body verbatim
 * (electron/core/export.ts), so those are the bytes the inbox received.
 */
import { open } from 'node:fs/promises';
import { EXPORT_FORMAT } from '../../../shared/records';
import { CH, isSpace, memberRanges, ValueEnd } from './json-scan';

export interface ReplayEvent {
  eventId: string;
  eventType: string;
  deviceId: string;
  timestamp: string;
  /** the body bytes to send */
  body: Buffer;
  /** what the exporting inbox recorded (absent or odd in foreign or older files; an import checks them) */
  recorded: { signature?: unknown; source?: unknown; receivedAt?: unknown; projectId?: unknown; deliveries?: unknown; stale?: unknown; warnings?: unknown };
}

export interface ExportHeader {
  /** the events the export says it holds */
  count: number | undefined;
  /** when the export was written (absent or not text in a foreign file) */
  exportedAt: string | undefined;
}

/** A file that is not a readable export: the message says where and why. */
export class ExportFormatError extends Error {}

/** Larger than any body a receiver accepts by far; beyond it the file is not an export. */
const MAX_EVENT_BYTES = 64 * 1024 * 1024;
/** header values are kept only for the members read (format, count), and only this big */
const MAX_HEADER_VALUE = 4096;

type Phase = 'open' | 'member' | 'key' | 'colon' | 'value-start' | 'value' | 'after' | 'elem-start' | 'elem' | 'elem-after' | 'done';

export async function* readExport(chunks: AsyncIterable<Uint8Array>, onHeader: (h: ExportHeader) => void = () => {}): AsyncGenerator<ReplayEvent> {
  let phase: Phase = 'open';
  let offset = 0; // bytes before the current chunk
  let scan = new ValueEnd();
  let pieces: Uint8Array[] = [];
  let pieceBytes = 0;
  let key = '';
  let format: unknown;
  let count: unknown;
  let exportedAt: unknown;
  let sawEvents = false;
  let n = 0;
  const fail = (why: string, at: number): never => {
    throw new ExportFormatError(`not a readable ${EXPORT_FORMAT} file: ${why} (at byte ${at})`);
  };

  for await (const chunk of chunks) {
    const buf = chunk;
    const out: ReplayEvent[] = [];
    let i = offset === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0; // a BOM an editor may add
    /** continues the value being captured; returns its bytes when it ends in this chunk */
    const capture = (from: number, limit: number): Uint8Array | null => {
      const end = scan.feed(buf, from);
      const part = buf.subarray(from, end < 0 ? buf.length : end);
      pieceBytes += part.length;
      if (pieceBytes > limit) fail(phase === 'elem' ? `event #${n + 1} is larger than ${limit >> 20} MB` : `the "${key}" value is too large`, offset + from);
      pieces.push(part);
      i = end < 0 ? buf.length : end;
      if (end < 0) return null;
      const whole = pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces);
      pieces = [];
      pieceBytes = 0;
      return whole;
    };
    while (i < buf.length) {
      if (phase !== 'key' && phase !== 'value' && phase !== 'elem' && isSpace(buf[i]!)) {
        i++;
        continue;
      }
      const b = buf[i]!;
      switch (phase) {
        case 'open':
          if (b !== CH.OPEN_OBJ) fail('it does not start with a JSON object', offset + i);
          phase = 'member';
          i++;
          break;
        case 'member':
          if (b === CH.CLOSE_OBJ) { phase = 'done'; i++; break; }
          if (b !== CH.QUOTE) fail('expected a member name', offset + i);
          scan = new ValueEnd();
          phase = 'key';
          break;
        case 'key': {
          const v = capture(i, MAX_HEADER_VALUE);
          if (v) { key = JSON.parse(Buffer.from(v).toString('utf8')) as string; phase = 'colon'; }
          break;
        }
        case 'colon':
          if (b !== CH.COLON) fail(`expected ':' after "${key}"`, offset + i);
          phase = 'value-start';
          i++;
          break;
        case 'value-start':
          if (key === 'events') {
            if (format !== EXPORT_FORMAT) fail(format === undefined ? 'no "format" before the events' : `its format is ${JSON.stringify(format)}`, offset + i);
            if (b !== CH.OPEN_ARR) fail('"events" is not an array', offset + i);
            sawEvents = true;
            onHeader({ count: typeof count === 'number' ? count : undefined, exportedAt: typeof exportedAt === 'string' ? exportedAt : undefined });
            phase = 'elem-start';
            i++;
            break;
          }
          scan = new ValueEnd();
          phase = 'value';
          break;
        case 'value': {
          // only format, count and exportedAt are kept; other members (filter, devices…) are only skipped
          if (key === 'format' || key === 'count' || key === 'exportedAt') {
            const v = capture(i, MAX_HEADER_VALUE);
            if (v) {
              const parsed = parseJson(v, () => fail(`"${key}" is not valid JSON`, offset + i));
              if (key === 'format') format = parsed; else if (key === 'count') count = parsed; else exportedAt = parsed;
              phase = 'after';
            }
          } else {
            const end = scan.feed(buf, i);
            i = end < 0 ? buf.length : end;
            if (end >= 0) phase = 'after';
          }
          break;
        }
        case 'after':
          if (b === CH.COMMA) phase = 'member';
          else if (b === CH.CLOSE_OBJ) phase = 'done';
          else fail(`expected ',' or '}' after "${key}"`, offset + i);
          i++;
          break;
        case 'elem-start':
          if (b === CH.CLOSE_ARR && n === 0) { phase = 'after'; i++; break; } // no events
          if (b !== CH.OPEN_OBJ) fail(`event #${n + 1} is not a JSON object`, offset + i);
          scan = new ValueEnd();
          phase = 'elem';
          break;
        case 'elem': {
          const v = capture(i, MAX_EVENT_BYTES);
          if (v) {
            out.push(toEvent(Buffer.from(v.buffer, v.byteOffset, v.byteLength), ++n, offset + i));
            phase = 'elem-after';
          }
          break;
        }
        case 'elem-after':
          if (b === CH.COMMA) phase = 'elem-start';
          else if (b === CH.CLOSE_ARR) phase = 'after';
          else fail(`expected ',' or ']' after event #${n}`, offset + i);
          i++;
          break;
        case 'done':
          fail('unexpected data after the end of the export', offset + i);
      }
    }
    offset += buf.length;
    yield* out;
  }
  if (phase === 'value' && scan.endsAtEof && (key === 'format' || key === 'count')) fail('the file ends inside the header', offset);
  if (phase !== 'done') fail(sawEvents ? `the file ends early, after ${n} events (truncated?)` : offset === 0 ? 'the file is empty' : 'the file ends before its events', offset);
  if (!sawEvents) fail('it has no "events"', offset);
}

function parseJson(bytes: Uint8Array, onError: () => never): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return onError();
  }
}

function toEvent(elem: Buffer, n: number, at: number): ReplayEvent {
  const bad = (why: string): never => {
    throw new ExportFormatError(`not a readable ${EXPORT_FORMAT} file: event #${n} ${why} (ending at byte ${at})`);
  };
  let meta: Record<string, unknown> = {};
  try {
    meta = JSON.parse(elem.toString('utf8')) as Record<string, unknown>;
  } catch (e) {
    bad(`is not valid JSON (${(e as Error).message})`);
  }
  const range = memberRanges(elem).get('body');
  if (!range) return bad('has no "body"');
  if (elem[range[0]] !== CH.OPEN_OBJ) bad('has a "body" that is not a JSON object');
  const str = (k: string) => (typeof meta[k] === 'string' ? (meta[k] as string) : bad(`has no "${k}"`));
  const body = elem.subarray(range[0], range[1]);
  return { eventId: str('eventId'), eventType: str('eventType'), deviceId: str('deviceId'), timestamp: str('timestamp'), body: exactBody(meta.bodyBase64, body, bad),
    recorded: {
      signature: meta.signature, source: meta.source, receivedAt: meta.receivedAt, projectId: meta.projectId,
      deliveries: meta.deliveries, stale: meta.stale, warnings: meta.warnings,
    },
  };
}

/**
 * The bytes received: "bodyBase64" when the export wrote it (a BOM or whitespace around the body,
 * electron/core/export.ts), else the "body" value as it stands. Older exports have no bodyBase64.
 * It must be the body's own bytes: decoded, without a leading BOM and the whitespace around it,
 * exactly "body"; else the file was edited and is refused.
 */
function exactBody(b64: unknown, body: Buffer, bad: (why: string) => never): Buffer {
  if (b64 === undefined) return body;
  const bytes = typeof b64 === 'string' ? Buffer.from(b64, 'base64') : undefined;
  if (!bytes || bytes.toString('base64') !== b64) return bad('has a "bodyBase64" that is not base64');
  let from = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0, to = bytes.length;
  while (from < to && isSpace(bytes[from]!)) from++;
  while (to > from && isSpace(bytes[to - 1]!)) to--;
  if (!bytes.subarray(from, to).equals(body)) bad('has a "bodyBase64" that does not match its "body" (edited?)');
  return bytes;
}

/** The file's chunks, after a clear error when it cannot be opened. */
export async function* exportFileChunks(path: string): AsyncGenerator<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ExportFormatError(code === 'ENOENT' ? `no export file at ${path}` : code === 'EISDIR' ? `${path} is a directory, not an export file` : `cannot read ${path}: ${(e as Error).message}`);
  }
  try {
    // opening a directory succeeds on Linux; only reading it fails, less clearly
    if ((await handle.stat()).isDirectory()) throw new ExportFormatError(`${path} is a directory, not an export file`);
    yield* handle.createReadStream({ highWaterMark: 256 * 1024, autoClose: false });
  } finally {
    await handle.close();
  }
}
