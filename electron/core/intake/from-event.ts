/**
 * A bare DT event (from the event history or the stream) plus the device it belongs to →
 * the envelope a Data Connector would have sent, then the same mapping as a received body.
 * The body is built, not received: its source says so everywhere it is shown (isBuiltBody).
 */
import type { EventSource } from '../../../shared/records';
import { validateEventBody, type Problem } from '../../../shared/dt/validate';
import type { Arrival } from '../store';
import { arrivalFromBody } from './from-body';

/** What DT's device list says of the event's device (GET /projects/{p}/devices). */
export interface DeviceFacts {
  /** `projects/{p}/devices/{d}` */
  name: string;
  type?: string;
  productNumber?: string;
  labels?: Record<string, string>;
}

export interface PulledEvent {
  eventId: string;
  targetName: string;
  eventType: string;
  data: unknown;
  timestamp: string;
}

export interface PullContext {
  source: Extract<EventSource, 'history' | 'stream'>;
  /** the label keys the connector would include (its `labels` setting); all of the device's when undefined */
  labelKeys?: readonly string[];
  /** ISO time the inbox got it */
  receivedAt: string;
}

export type PulledArrival = { ok: true; arrival: Arrival } | { ok: false; problems: Problem[] };

/** The connector's envelope for the event: `event`, the labels cut to the connector's keys, `metadata` from the device. */
export function envelopeFor(event: PulledEvent, device: DeviceFacts | undefined, labelKeys?: readonly string[]): Record<string, unknown> {
  const all = device?.labels ?? {};
  const labels: Record<string, string> = {};
  for (const k of labelKeys ?? Object.keys(all)) {
    if (Object.prototype.hasOwnProperty.call(all, k)) Object.defineProperty(labels, k, { value: all[k], enumerable: true, writable: true, configurable: true });
  }
  const { projectId, deviceId } = idsOf(device?.name ?? event.targetName);
  const body: Record<string, unknown> = {
    event: { eventId: event.eventId, targetName: event.targetName, eventType: event.eventType, data: event.data, timestamp: event.timestamp },
    labels,
  };
  if (device) body.metadata = { deviceId, projectId, deviceType: device.type ?? '', productNumber: device.productNumber ?? '' };
  return body;
}

export function arrivalFromEvent(event: PulledEvent, device: DeviceFacts | undefined, ctx: PullContext): PulledArrival {
  const body = envelopeFor(event, device, ctx.labelKeys);
  const validated = validateEventBody(body);
  if (!validated.ok) return validated;
  return {
    ok: true,
    arrival: arrivalFromBody({
      validated, raw: JSON.stringify(body), signature: 'fetched', source: ctx.source,
      delivery: { receivedAt: ctx.receivedAt, path: '', headers: {}, remoteAddress: '', status: 200 },
    }),
  };
}

function idsOf(name: string): { projectId: string; deviceId: string } {
  const m = /^projects\/([^/]+)\/devices\/([^/]+)$/.exec(name);
  return { projectId: m?.[1] ?? '', deviceId: m?.[2] ?? '' };
}
