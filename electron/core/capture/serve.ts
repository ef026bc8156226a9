/**
 * A capture with its inspector: openCapture plus the UI server over its read-only contract, on
 * 127.0.0.1 with a per-launch token. The CLI's `open` prints its URL; the desktop app opens a
 * window on it. close() stops both and removes the private copy.
 */
import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { CaptureInfo } from '../../../shared/api/contract';
import { startUiServer, type UiServer } from '../ui-server';
import { openCapture, type Capture, type OpenCaptureOptions } from './index';

export interface ServedCapture {
  info: CaptureInfo;
  /** `http://127.0.0.1:PORT/?token=…`: the inspector on the capture */
  url: string;
  /** the private copy (removed by close) */
  dataDir: string;
  close(): Promise<void>;
}

export interface ServeCaptureOptions extends OpenCaptureOptions {
  /** the built renderer */
  staticDir: string;
  /** 0: any free port */
  uiPort?: number;
}

/** @throws ExportFormatError for a file that is not a readable export; nothing is left behind */
export async function serveCapture(file: string, opts: ServeCaptureOptions): Promise<ServedCapture> {
  const capture: Capture = await openCapture(file, opts);
  let server: UiServer;
  try {
    server = await startUiServer({
      api: capture.api, port: opts.uiPort ?? 0, token: randomBytes(24).toString('base64url'), staticDir: opts.staticDir,
      exportStream: (filter, out, onProgress) => capture.service.exportToStream(filter, out as NodeJS.WritableStream & Writable, onProgress),
    });
  } catch (e) {
    await capture.stop();
    throw e;
  }
  let closing: Promise<void> | null = null;
  return {
    info: capture.info, url: server.url, dataDir: capture.dataDir,
    close: () => (closing ??= Promise.all([server.close(), capture.stop(4_000)]).then(() => undefined)),
  };
}
