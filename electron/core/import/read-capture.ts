/**
 * Checks a whole export file before anything of it is stored: every event must be a DT event
 * whose body says the same eventId as its entry. A truncated or foreign file is refused here,
 * so an import stores all of a file or none of it.
 */
import { validateEventBody, type ValidEvent } from '../../../shared/dt/validate';
import { bodyForParse } from '../../../shared/dt/body-text';
import { exportFileChunks, ExportFormatError, readExport, type ReplayEvent } from '../replay';

// ignoreBOM: a body that starts with a BOM is stored with it, as the receiver stores it
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export interface CheckedEvent {
  entry: ReplayEvent;
  text: string;
  validated: ValidEvent;
}

/** One entry of the file, checked; throws ExportFormatError naming the entry. */
export function checkEntry(entry: ReplayEvent, n: number): CheckedEvent {
  const bad = (why: string): never => {
    throw new ExportFormatError(`event #${n} (${entry.eventId}) ${why}; nothing was imported`);
  };
  let text = '';
  let body: unknown;
  try {
    text = utf8.decode(entry.body);
    body = JSON.parse(bodyForParse(text));
  } catch {
    bad('has a body that is not UTF-8 JSON');
  }
  const validated = validateEventBody(body);
  if (!validated.ok) return bad(`is not a DT event: ${validated.problems.map((p) => `${p.path || '(body)'}: ${p.message}`).join('; ')}`);
  if (validated.body.event.eventId !== entry.eventId) bad(`says eventId ${entry.eventId} but its body holds ${validated.body.event.eventId}`);
  return { entry, text, validated };
}

/** Reads the file once to the end, checking every event; resolves with how many it holds. */
export async function checkCapture(path: string, onProgress?: (done: number, total: number | undefined) => void): Promise<number> {
  let n = 0, total: number | undefined;
  for await (const entry of readExport(exportFileChunks(path), (h) => { total = h.count; })) {
    checkEntry(entry, ++n);
    if (n % 1000 === 0) onProgress?.(n, total);
  }
  if (total !== undefined && total !== n) throw new ExportFormatError(`the file says it holds ${total} events but has ${n} (truncated or edited?); nothing was imported`);
  return n;
}

/** The file's events, checked, in file order (a second pass, after checkCapture accepted it). */
export async function* captureEvents(path: string): AsyncGenerator<CheckedEvent> {
  let n = 0;
  for await (const entry of readExport(exportFileChunks(path))) yield checkEntry(entry, ++n);
}
