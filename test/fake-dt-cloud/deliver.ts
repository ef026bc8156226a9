/**
 * The fake's Data Connector delivery, as DT does it: one POST per event to each ACTIVE
 * HTTP_PUSH connector of the project whose event filter takes the type, the labels cut to
 * the connector's label keys, `X-Dt-Signature` signed with the connector's secret (HS256,
 * checksum, checksum_sha256, iat, exp = iat + 3600, jti), retried on non-2xx. Signed with
 * jose, not the app's signer, so the app's verifier is checked against an independent one.
 */
import { createHash, randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import type { HistoryEvent } from './history';

export interface FakeConnector {
  name: string;
  displayName: string;
  type: string;
  status: string;
  events: string[];
  labels: string[];
  httpConfig?: { url: string; signatureSecret?: string; headers?: Record<string, string> };
}

export interface FakeDevice {
  id: string;
  project: string;
  type: string;
  labels: Record<string, string>;
  /** empty for emulated devices, as DT sends it */
  productNumber: string;
  /** the latest published data per event type, for :sync and `reported` */
  latest: Map<string, { data: Record<string, unknown>; timestamp: string }>;
}

export interface DeliveryAttempt {
  connector: string;
  eventId: string;
  eventType: string;
  attempt: number;
  /** HTTP status or 'error' */
  outcome: number | 'error';
  latencyMs: number;
}

export interface DeliveryPolicy {
  maxAttempts: number;
  backoffMs: number;
  timeoutMs: number;
}

const sha = (alg: string, b: Buffer) => createHash(alg).update(b).digest('hex');

export function eventId(): string {
  return randomBytes(12).toString('hex').slice(0, 20);
}

/** RFC 3339 with 9 fractional digits, as DT writes most timestamps. */
export function nowTimestamp(ms = Date.now()): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000000Z`;
}

/** The connector's body for one event: the event object as made once (same eventId as history and stream). */
export function bodyFor(device: FakeDevice, connector: FakeConnector, event: HistoryEvent): string {
  const labels: Record<string, string> = {};
  for (const k of connector.labels) if (k in device.labels) labels[k] = device.labels[k]!;
  return JSON.stringify({
    event,
    labels,
    metadata: { deviceId: device.id, projectId: device.project, deviceType: device.type, productNumber: device.productNumber },
  });
}

export async function signBody(raw: Buffer, secret: string): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT({ checksum: sha('sha1', raw), checksum_sha256: sha('sha256', raw), jti: randomBytes(10).toString('hex') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt(iat).setExpirationTime(iat + 3600)
    .sign(new TextEncoder().encode(secret));
}

/** Delivers one body to one connector with retries; reports every attempt. Never rejects. */
export async function deliver(c: FakeConnector, raw: string, meta: { eventId: string; eventType: string }, policy: DeliveryPolicy,
  onAttempt: (a: DeliveryAttempt) => void): Promise<boolean> {
  const body = Buffer.from(raw, 'utf8');
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...(c.httpConfig?.headers ?? {}) };
  if (c.httpConfig?.signatureSecret) headers['X-Dt-Signature'] = await signBody(body, c.httpConfig.signatureSecret);
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    const started = performance.now();
    let outcome: number | 'error';
    try {
      const r = await fetch(c.httpConfig!.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(policy.timeoutMs) });
      await r.arrayBuffer();
      outcome = r.status;
    } catch {
      outcome = 'error';
    }
    onAttempt({ connector: c.name, ...meta, attempt, outcome, latencyMs: performance.now() - started });
    if (typeof outcome === 'number' && outcome >= 200 && outcome < 300) return true;
    if (attempt < policy.maxAttempts) await new Promise((r) => setTimeout(r, policy.backoffMs * 2 ** (attempt - 1)));
  }
  return false;
}
