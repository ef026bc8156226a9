/**
 * A capture: an export file opened read-only beside the live inbox. Its events go into a
 * private temporary data directory (never the user's), the normal service runs over it with
 * no receiver port and no tunnel, and the contract it answers refuses every change
 * (read-only-api.ts). stop() removes the temporary directory.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { CaptureInfo, InboxApi } from '../../../shared/api/contract';
import { createInboxService, type InboxService } from '../inbox-service';
import { loadCapture } from './load';
import { readOnlyCaptureApi } from './read-only-api';

export { readOnlyCaptureApi, readOnlyError, isRefusedInCapture } from './read-only-api';
export { loadCapture } from './load';

export interface Capture {
  info: CaptureInfo;
  /** the read-only contract the inspector is given */
  api: InboxApi;
  service: InboxService;
  /** the private copy's directory (removed by stop) */
  dataDir: string;
  stop(deadlineMs?: number): Promise<void>;
}

export interface OpenCaptureOptions {
  mode: 'desktop' | 'browser';
  /** where the private copy is made; the system's temporary folder by default */
  tmpRoot?: string;
}

/** @throws ExportFormatError (worded) for a file that is not a readable export; nothing is left behind */
export async function openCapture(file: string, opts: OpenCaptureOptions): Promise<Capture> {
  const path = resolve(file);
  const dataDir = await mkdtemp(join(opts.tmpRoot ?? tmpdir(), 'connector-inbox-capture-'));
  let service: InboxService | undefined;
  const stop = async (deadlineMs?: number) => {
    try {
      await service?.stop(deadlineMs);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  };
  try {
    // no receiver, no tunnel, no forwarding: nothing reaches or leaves this inbox but a replay
    service = await createInboxService({ dataDir, port: 0, receiver: false, secrets: [], mode: opts.mode, maxEvents: Number.MAX_SAFE_INTEGER });
    const loaded = await loadCapture(path, service.store);
    const info: CaptureInfo = { file: basename(path), ...loaded };
    return { info, api: readOnlyCaptureApi(service.api, info), service, dataDir, stop };
  } catch (e) {
    await stop().catch(() => undefined);
    throw e;
  }
}
