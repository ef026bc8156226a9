/**
 * The fake's data connector routes under /api/v2 (list, create, get, update, delete,
 * `:metrics` over the recorded delivery attempts, `:sync`), apart from index.ts so that
 * the fake's wiring stays readable and each file stays under 300 lines.
 */
import type { Request, Response } from 'express';
import type { DeliveryAttempt, FakeConnector } from './deliver';
import { sendError, sendPage } from './respond';

export interface ConnectorWorld {
  connectors: Map<string, FakeConnector>;
  attempts: DeliveryAttempt[];
  /** false when an answer (404, 403) was already sent */
  project(res: Response, id: string, write: boolean): boolean;
  connectorsOf(project: string): FakeConnector[];
  addConnector(project: string, fields: Partial<FakeConnector>): FakeConnector;
  /** re-sends the latest event of each type of every device of the project to this connector */
  sync(project: string, c: FakeConnector): void;
}

/** Answers a path under `/projects/{p}/dataconnectors`; false when the path is not one of these routes. */
export function connectorRoutes(req: Request, res: Response, world: ConnectorWorld): boolean {
  const m = /^\/projects\/([^/]+)\/dataconnectors(?:\/([^/:]+)(?::(metrics|sync))?)?$/.exec(req.path);
  if (!m) return false;
  const [, pid, id, verb] = m;
  if (world.project(res, pid!, req.method !== 'GET')) answer(req, res, world, pid!, id, verb);
  return true;
}

function answer(req: Request, res: Response, world: ConnectorWorld, pid: string, id: string | undefined, verb: string | undefined): void {
  if (!id) {
    if (req.method === 'GET') return sendPage(req, res, world.connectorsOf(pid), 'dataConnectors');
    if (req.method === 'POST') {
      const b = req.body ?? {};
      if (b.type !== 'HTTP_PUSH' || typeof b.httpConfig?.url !== 'string') return sendError(res, 400, 'type HTTP_PUSH with httpConfig.url is required');
      return void res.json(world.addConnector(pid, { displayName: b.displayName ?? '', status: b.status ?? 'ACTIVE', events: b.events ?? [], labels: b.labels ?? [], httpConfig: b.httpConfig }));
    }
    return sendError(res, 405, 'method not allowed');
  }
  const c = world.connectors.get(`projects/${pid}/dataconnectors/${id}`);
  if (!c) return sendError(res, 404, `data connector ${id} not found`);
  if (verb === 'metrics' && req.method === 'GET') return void res.json({ metrics: metricsOf(world.attempts, c) });
  if (verb === 'sync' && req.method === 'POST') {
    world.sync(pid, c);
    return void res.json({});
  }
  if (verb) return sendError(res, 405, 'method not allowed');
  if (req.method === 'GET') return void res.json(c);
  if (req.method === 'DELETE') {
    world.connectors.delete(c.name);
    return void res.json({});
  }
  if (req.method === 'PATCH') {
    const b = req.body ?? {};
    for (const k of ['displayName', 'status', 'events', 'labels'] as const) if (k in b) (c as unknown as Record<string, unknown>)[k] = b[k];
    if (b.httpConfig) c.httpConfig = { ...c.httpConfig, ...b.httpConfig };
    return void res.json(c);
  }
  sendError(res, 405, 'method not allowed');
}

/** DT's `:metrics` from the attempts the fake recorded (DT's is over the last 3 h; the fake's over its life). */
function metricsOf(attempts: DeliveryAttempt[], c: FakeConnector) {
  const mine = attempts.filter((a) => a.connector === c.name);
  const ok = mine.filter((a) => typeof a.outcome === 'number' && a.outcome >= 200 && a.outcome < 300);
  const lat = mine.map((a) => a.latencyMs).sort((x, y) => x - y);
  const p99 = lat.length ? lat[Math.min(lat.length - 1, Math.ceil(lat.length * 0.99) - 1)]! : 0;
  return { successCount: ok.length, errorCount: mine.length - ok.length, latency99p: `${(p99 / 1000).toFixed(3)}s` };
}
