/**
 * The fake's REST device routes under /api/v2 (behind the same Bearer check, 429 and failure
 * switches as the rest): the device list and one device with `reported` (latest data per
 * type), a device's event history newest first, and `devices:stream`. Project `-` means every
 * project, as at DT.
 */
import type { Request, Response } from 'express';
import type { FakeDevice } from './deliver';
import { decodeCursor, encodeCursor, timeKey, type HistoryStore } from './history';
import { listParam, pageSizeOf, sendError, sendPage } from './respond';
import { MIN_PING_MS, parseDuration, type StreamHub } from './stream';

export interface DeviceWorld {
  devices: Map<string, FakeDevice>;
  hasProject(id: string): boolean;
  history: HistoryStore;
  streams: StreamHub;
  /** RFC 3339: history does not reach back before this */
  historySince(): string | undefined;
}

const DAY_MS = 24 * 3600_000;
const MAX_HISTORY_PAGE = 1000;

export function deviceResource(d: FakeDevice) {
  const reported: Record<string, unknown> = {};
  for (const [type, l] of d.latest) reported[type] = l.data;
  return { name: `projects/${d.project}/devices/${d.id}`, type: d.type, productNumber: d.productNumber, labels: d.labels, reported };
}

/** Answers a path under `/projects/{p}/devices`; false when the path is not one of these routes. */
export function deviceRoutes(req: Request, res: Response, world: DeviceWorld): boolean {
  const m = /^\/projects\/([^/]+)\/devices(?::(stream)|\/([^/:]+)(\/events)?)?$/.exec(req.path);
  if (!m) return false;
  const [, pid, stream, did, events] = m;
  answer(req, res, world, pid!, stream !== undefined, did, events !== undefined);
  return true;
}

function answer(req: Request, res: Response, world: DeviceWorld, pid: string, stream: boolean, did: string | undefined, events: boolean): void {
  if (req.method !== 'GET') return sendError(res, 405, 'method not allowed');
  if (pid !== '-' && !world.hasProject(pid)) return sendError(res, 404, `project ${pid} not found`);
  const inProject = (d: FakeDevice) => pid === '-' || d.project === pid;
  if (stream) return openStream(req, res, world, pid);
  if (!did) {
    const ids = listParam(req.query.device_ids);
    const types = listParam(req.query.device_types);
    const list = [...world.devices.values()].filter((d) => inProject(d) && (!ids || ids.has(d.id)) && (!types || types.has(d.type)));
    return sendPage(req, res, list.map(deviceResource), 'devices');
  }
  const d = world.devices.get(did);
  if (!d || !inProject(d)) return sendError(res, 404, `device ${did} not found`);
  if (!events) return void res.json(deviceResource(d));
  historyPage(req, res, world, d);
}

function historyPage(req: Request, res: Response, world: DeviceWorld, d: FakeDevice): void {
  const pageSize = pageSizeOf(req, res, 100, MAX_HISTORY_PAGE);
  if (pageSize === undefined) return;
  const time = (name: 'startTime' | 'endTime'): string | undefined | null => {
    const v = req.query[name];
    if (v === undefined || v === '') return undefined;
    return typeof v === 'string' ? (timeKey(v) ?? null) : null;
  };
  const start = time('startTime'), end = time('endTime');
  if (start === null || end === null) return sendError(res, 400, 'startTime and endTime must be RFC 3339 times');
  let before;
  if (req.query.pageToken) {
    before = decodeCursor(String(req.query.pageToken));
    if (!before) return sendError(res, 400, 'invalid pageToken');
  }
  // Without a start, the last 24 h before the end (or now), as DT's Python SDK describes.
  let startKey = start ?? timeKey(new Date((end ? Date.parse(`${end.slice(0, 23)}Z`) : Date.now()) - DAY_MS).toISOString())!;
  const since = world.historySince() && timeKey(world.historySince()!);
  if (since && since > startKey) startKey = since;
  const page = world.history.query(d.id, { types: listParam(req.query.eventTypes), startKey, endKey: end, before, pageSize });
  res.json({ events: page.events, nextPageToken: page.next ? encodeCursor(page.next) : '' });
}

function openStream(req: Request, res: Response, world: DeviceWorld, project: string): void {
  const text = req.query.ping_interval;
  const pingMs = text === undefined ? 10_000 : typeof text === 'string' ? parseDuration(text) : undefined;
  if (pingMs === undefined || pingMs < MIN_PING_MS) return sendError(res, 400, `ping_interval must be a duration like 10s or 500ms, at least ${MIN_PING_MS}ms`);
  world.streams.open(res, { project, deviceIds: listParam(req.query.device_ids), eventTypes: listParam(req.query.event_types) }, pingMs);
}
