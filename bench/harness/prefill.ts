/**
 * Builds pre-filled data directories quickly, without HTTP: events from the simulator go
 * through the receiver's own validation and summary code and are written as segment files
 * in the store's format (256 records each, the newest one partly filled), with a
 * devices.json checkpoint covering them all, and an index for every closed (full) segment written
 * by the store's own writeSegmentIndex — what a store looks like after a long run.
 *
 * usage: node prefill.js <outRoot> <seed> <size>...   → <outRoot>/<size>/ for each size
 * Directories of different sizes share their full segments through hard links.
 */
import { link, mkdir, rm, writeFile } from 'node:fs/promises';
import * as segmentIndex from '../../electron/core/store/segment-index';
import { serializeSegment } from '../../electron/core/store/segment-text';
import { dirname, join } from 'node:path';
import { generateEvents } from '../../electron/core/simulator/generate';
import { signLikeDt } from '../../electron/core/signature';
import { SEGMENT_FORMAT, paths, type DevicesData, type SegmentData, type StoredEventRecord } from '../../electron/core/store/disk-format';
import { applyEvent } from '../../shared/device-state';
import type { DeviceState } from '../../shared/records';
import { summarizeEvent, deviceDisplayName } from '../../shared/dt/summary';
import { validateEventBody } from '../../shared/dt/validate';

const SEGMENT = 256;

async function main(): Promise<void> {
  const [outRoot, seedArg, ...sizeArgs] = process.argv.slice(2);
  if (!outRoot || !seedArg || !sizeArgs.length) throw new Error('usage: prefill <outRoot> <seed> <size>...');
  const sizes = sizeArgs.map(Number).sort((a, b) => a - b);
  const max = sizes[sizes.length - 1]!;
  const spacingMs = 200;
  const startMs = Date.now() - max * spacingMs - 60_000;
  const t0 = performance.now();
  const { events } = generateEvents({ seed: Number(seedArg), count: max, devices: 100, startMs, spacingMs });
  // One real token, reused: the stored header has the size and shape of a real one.
  const token = await signLikeDt(Buffer.from(events[0]!.body), 'bench-secret');
  const records: StoredEventRecord[] = events.map((ev, i) => {
    const checked = validateEventBody(JSON.parse(ev.body));
    if (!checked.ok) throw new Error(`simulator produced an invalid event: ${JSON.stringify(checked.problems)}`);
    const { event, labels: rawLabels, metadata } = checked.body;
    const labels = Object.fromEntries(Object.entries((rawLabels ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    const receivedAt = new Date(startMs + i * spacingMs + 300).toISOString();
    const headers = {
      host: '127.0.0.1:8080', 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(ev.body)),
      'x-dt-signature': token, 'user-agent': 'Go-http-client/1.1', 'accept-encoding': 'gzip',
    };
    return {
      seq: i + 1, eventId: event.eventId, eventType: event.eventType, projectId: checked.projectId, deviceId: checked.deviceId,
      deviceType: typeof metadata?.deviceType === 'string' ? metadata.deviceType : undefined,
      deviceName: deviceDisplayName(labels, checked.deviceId), labels, timestamp: event.timestamp, receivedAt,
      signature: 'valid', warnings: checked.warnings, stale: false, knownType: checked.knownType,
      summary: summarizeEvent(checked.body), raw: ev.body,
      delivery: { receivedAt, path: '/', headers, remoteAddress: '127.0.0.1', status: 200, outcome: 'accepted', ackMs: 3.2 },
    };
  });
  // Serialised exactly as the store writes a segment (ASCII JSON).
  const segText = (n: number, from: number, to: number) =>
    serializeSegment({ format: SEGMENT_FORMAT, segment: n, events: records.slice(from, to), duplicates: [] } satisfies SegmentData);

  const dirs = new Map<number, string>();
  for (const size of sizes) {
    const dir = join(outRoot, String(size));
    await rm(dir, { recursive: true, force: true });
    await mkdir(paths(dir).segments, { recursive: true });
    dirs.set(size, dir);
  }
  // Full segments, written once into the largest directory and linked into the smaller ones.
  const big = dirs.get(max)!;
  const fullSegments = Math.floor(max / SEGMENT);
  for (let s = 0; s < fullSegments; s++) {
    const n = s + 1;
    const text = segText(n, s * SEGMENT, (s + 1) * SEGMENT);
    await writeFile(paths(big).segment(n), text);
    // the store indexes a segment when it closes it (rotation); the index checks the segment's
    // size and mtime, which hard links share, so the smaller directories link it too
    const withIndex = typeof segmentIndex.writeSegmentIndex === 'function';
    if (withIndex) await segmentIndex.writeSegmentIndex(paths(big).segment(n), n, JSON.parse(text) as SegmentData);
    for (const size of sizes) {
      if (size === max || (s + 1) * SEGMENT > size) continue;
      await link(paths(big).segment(n), paths(dirs.get(size)!).segment(n));
      if (withIndex) {
        const from = segmentIndex.indexPath(paths(big).segment(n)), to = segmentIndex.indexPath(paths(dirs.get(size)!).segment(n));
        await mkdir(dirname(to), { recursive: true });
        await link(from, to);
      }
    }
  }
  const devices = new Map<string, DeviceState>();
  let applied = 0;
  for (const size of sizes) {
    const dir = dirs.get(size)!;
    const full = Math.floor(size / SEGMENT);
    if (size % SEGMENT) await writeFile(paths(dir).segment(full + 1), segText(full + 1, full * SEGMENT, size));
    for (; applied < size; applied++) records[applied]!.stale = applyEvent(devices, records[applied]!);
    const data: DevicesData = { format: 'connector-inbox-devices/1', throughSeq: size, devices: structuredClone([...devices.values()]) };
    await writeFile(paths(dir).devices, JSON.stringify(data));
  }
  process.stdout.write(JSON.stringify({ ok: true, sizes, indexes: typeof segmentIndex.writeSegmentIndex === 'function', ms: Math.round(performance.now() - t0) }) + '\n');
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
