/**
 * A capture's events into a private store: an export file opened read-only (`connector-inbox
 * open`). Unlike an import, each event keeps what the exporting inbox recorded (source,
 * signature verdict, receivedAt, warnings, deliveries, out-of-order flag), so the views show
 * the capture as it was seen. The file is checked to its end first (the import's check: a
 * truncated or foreign file opens nothing).
 */
import { EVENT_SOURCES, type EventSource, type SignatureStatus } from '../../../shared/records';
import type { CaptureInfo } from '../../../shared/api/contract';
import { CAPTURE_UNKNOWN, NEVER_EXPORTED } from '../../../shared/api/capture';
import type { Intake } from '../intake';
import { arrivalFromBody } from '../intake';
import { captureEvents, checkCapture } from '../import/read-capture';
import { exportFileChunks, readExport, type ReplayEvent } from '../replay';
import type { Arrival } from '../store';

/** In flight at once, as the import does: the store's group commit batches them. */
const WINDOW = 256;
/** deliveries kept per event: a file saying more is not believed past it */
const MAX_DELIVERIES = 10_000;

const SIGNATURES: readonly SignatureStatus[] = ['valid', 'unverified', 'fetched'];


/** Reads the export's header only (stops at its first event). */
async function headerOf(path: string): Promise<{ exportedAt: string | undefined }> {
  let exportedAt: string | undefined;
  const events = readExport(exportFileChunks(path), (h) => { exportedAt = h.exportedAt; });
  await events.next();
  await events.return(undefined);
  return { exportedAt };
}

function arrivalOf(entry: ReplayEvent, base: Arrival, fallbackTime: string): Arrival {
  const r = entry.recorded;
  const source: EventSource = EVENT_SOURCES.includes(r.source as EventSource) ? r.source as EventSource : 'connector';
  const signature: SignatureStatus = SIGNATURES.includes(r.signature as SignatureStatus) ? r.signature as SignatureStatus : 'unverified';
  const receivedAt = typeof r.receivedAt === 'string' && !Number.isNaN(Date.parse(r.receivedAt)) ? r.receivedAt : fallbackTime;
  const warnings = Array.isArray(r.warnings) && r.warnings.every((w) => typeof w === 'string') ? r.warnings as string[] : base.warnings;
  return {
    ...base, source, signature, receivedAt, warnings,
    delivery: { ...base.delivery, receivedAt },
    recordedStale: typeof r.stale === 'boolean' ? r.stale : undefined,
  };
}

/**
 * Stores the capture's events into `intake` (an empty store of its own); resolves with what the
 * banner says of it. Throws ExportFormatError (worded, naming the entry) for a bad file, before
 * anything is stored.
 */
export async function loadCapture(path: string, intake: Intake, now: () => number = Date.now): Promise<Omit<CaptureInfo, 'file'>> {
  const events = await checkCapture(path);
  const { exportedAt } = await headerOf(path);
  const fallbackTime = exportedAt && !Number.isNaN(Date.parse(exportedAt)) ? exportedAt : new Date(now()).toISOString();
  let withoutStale = 0;
  let inFlight: Promise<unknown>[] = [];
  for await (const { entry, text, validated } of captureEvents(path)) {
    const base = arrivalFromBody({
      validated, raw: text, source: 'connector', signature: 'unverified',
      delivery: { receivedAt: fallbackTime, path: '', headers: {}, remoteAddress: '', status: 200 },
    });
    const arrival = arrivalOf(entry, base, fallbackTime);
    if (arrival.recordedStale === undefined) withoutStale++;
    inFlight.push(intake.ingest(arrival));
    // the redeliveries the exporting inbox counted, as duplicate deliveries of the event
    const d = entry.recorded.deliveries;
    const redeliveries = typeof d === 'number' && Number.isInteger(d) ? Math.min(d, MAX_DELIVERIES) - 1 : 0;
    for (let k = 0; k < redeliveries; k++) inFlight.push(intake.ingest({ ...arrival, source: 'connector', recordedStale: undefined }));
    if (inFlight.length >= WINDOW) {
      await Promise.all(inFlight);
      inFlight = [];
    }
  }
  await Promise.all(inFlight);
  const missing = [...NEVER_EXPORTED];
  if (withoutStale > 0) missing.unshift(CAPTURE_UNKNOWN.stale);
  if (exportedAt === undefined) missing.unshift(CAPTURE_UNKNOWN.exportedAt);
  return { exportedAt: exportedAt ?? null, events, missing };
}
