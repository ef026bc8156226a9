/**
 * Import: an export file's events into the store with source `import`. All or nothing: the
 * file is checked to its end first (read-capture.ts), then stored. Known eventIds are
 * counted as already stored, not as deliveries; devices' latest state moves by timestamp as
 * for any event (an older imported event is not an out-of-order delivery).
 */
import type { Intake } from '../intake';
import { arrivalFromBody } from '../intake';
import { captureEvents, checkCapture } from './read-capture';

export { checkCapture } from './read-capture';

export interface ImportResult {
  /** events in the file */
  events: number;
  added: number;
  alreadyStored: number;
  devices: number;
}

export interface ImportOptions {
  onProgress?: (phase: 'checking' | 'storing', done: number, total: number | undefined) => void;
  now?: () => number;
}

/** In flight at once: enough for the store's group commit to batch, bounded in memory. */
const WINDOW = 256;

export async function importCapture(path: string, intake: Intake, opts: ImportOptions = {}): Promise<ImportResult> {
  const now = opts.now ?? Date.now;
  const events = await checkCapture(path, (d, t) => opts.onProgress?.('checking', d, t));
  const result: ImportResult = { events, added: 0, alreadyStored: 0, devices: 0 };
  const devices = new Set<string>();
  let inFlight: Promise<void>[] = [];
  let done = 0;
  for await (const { entry, text, validated } of captureEvents(path)) {
    const recordedSignature = typeof entry.recorded.signature === 'string' ? entry.recorded.signature : 'unknown';
    const arrival = arrivalFromBody({
      validated, raw: text, source: 'import',
      // this inbox checked no signature: the exporting inbox's verdict is kept as a note
      signature: 'unverified', notes: [`imported from an export file (signature there: ${recordedSignature})`],
      delivery: { receivedAt: new Date(now()).toISOString(), path: '', headers: {}, remoteAddress: '', status: 200 },
    });
    devices.add(`${arrival.projectId}/${arrival.deviceId}`);
    inFlight.push(intake.ingest(arrival).then((r) => {
      if (r.outcome === 'accepted') result.added++;
      else result.alreadyStored++;
      if (++done % 1000 === 0) opts.onProgress?.('storing', done, events);
    }));
    if (inFlight.length >= WINDOW) {
      await Promise.all(inFlight);
      inFlight = [];
    }
  }
  await Promise.all(inFlight);
  result.devices = devices.size;
  opts.onProgress?.('storing', events, events);
  return result;
}
