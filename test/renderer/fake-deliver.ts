/**
 * One delivery into the fake inbox as intake records it: the delivery record (a pulled or
 * imported one has no path, headers or remote address, and its source), and a new event's
 * stored detail with the store's device and staleness rules.
 */
import { applyEvent } from '../../shared/device-state';
import type { DeliveryRecord, DeviceState, EventDetail, EventSource, EventSummary, SignatureStatus } from '../../shared/records';
import { deviceDisplayName, summarizeEvent } from '../../shared/dt/summary';
import { isKnownEventType, type DtRequestBody } from '../../shared/dt/types';

export interface DeliverOptions {
  /** default: valid for a connector push, fetched for history and stream, unverified for import (as intake sets them) */
  signature?: SignatureStatus;
  /** default connector */
  source?: EventSource;
  warnings?: string[];
  receivedAt?: string;
  ackMs?: number;
  headers?: Record<string, string>;
  /** the stored text, when not the compact JSON of the body (a BOM, odd whitespace) */
  raw?: string;
}

export function deliveryRecord(opts: DeliverOptions, duplicate: boolean): DeliveryRecord {
  const receivedAt = opts.receivedAt ?? new Date().toISOString();
  const outcome = duplicate ? 'duplicate' : 'accepted';
  const source = opts.source ?? 'connector';
  if (source !== 'connector') return { receivedAt, path: '', headers: opts.headers ?? {}, remoteAddress: '', status: 200, outcome, source };
  return { receivedAt, path: '/', headers: opts.headers ?? { 'content-type': 'application/json' }, remoteAddress: '127.0.0.1', status: 200, outcome, ackMs: opts.ackMs ?? 3 };
}

/** A new event's detail; updates `devices` (by project and device) as the store does. */
export function newDetail(body: DtRequestBody, opts: DeliverOptions, seq: number, devices: Map<string, DeviceState>, delivery: DeliveryRecord): EventDetail {
  const [, projectId = '', , deviceId = ''] = body.event.targetName.split('/');
  const deviceType = typeof body.metadata?.deviceType === 'string' ? body.metadata.deviceType : undefined;
  const labels = body.labels ?? {};
  const facts = {
    eventId: body.event.eventId, eventType: body.event.eventType, projectId, deviceId, deviceType,
    timestamp: body.event.timestamp, receivedAt: delivery.receivedAt, labels, summary: summarizeEvent(body),
  };
  const source = opts.source ?? 'connector';
  const stale = applyEvent(devices, { ...facts, source });
  return {
    seq, ...facts, deviceName: deviceDisplayName(labels, deviceId), deliveries: 1,
    source, signature: opts.signature ?? (source === 'connector' ? 'valid' : source === 'import' ? 'unverified' : 'fetched'), warnings: opts.warnings ?? [], stale,
    knownType: isKnownEventType(body.event.eventType), raw: opts.raw ?? JSON.stringify(body), body, deliveryLog: [delivery],
  };
}

export function summaryOf(d: EventDetail): EventSummary {
  const { raw: _raw, body: _body, deliveryLog: _log, ...summary } = d;
  return structuredClone(summary);
}
