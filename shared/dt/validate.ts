/**
 * Decides whether a parsed JSON body is a DT event we store, and what is odd about it.
 * Acceptance needs only eventId, eventType, targetName and timestamp; everything else
 * produces warnings, because a tester wants to see a strange event, not lose it.
 */
import { dataSchemas, issuePath, labelsSchema, metadataSchema, parseTargetName, requiredEnvelope } from './schemas';
import { isKnownEventType, type DtRequestBody } from './types';
import { compareTimestamps } from './timestamp';

export interface Problem {
  path: string;
  message: string;
}

export interface ValidEvent {
  ok: true;
  body: DtRequestBody;
  projectId: string;
  deviceId: string;
  knownType: boolean;
  warnings: string[];
}

export interface InvalidEvent {
  ok: false;
  problems: Problem[];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function validateEventBody(input: unknown): ValidEvent | InvalidEvent {
  if (!isPlainObject(input)) return { ok: false, problems: [{ path: '', message: 'body must be a JSON object' }] };
  const envelope = requiredEnvelope.safeParse(input);
  if (!envelope.success) {
    return {
      ok: false,
      problems: envelope.error.issues.map((i) => ({ path: issuePath('', i.path), message: i.message })),
    };
  }
  const body = input as unknown as DtRequestBody;
  const event = body.event as unknown as Record<string, unknown> & DtRequestBody['event'];
  const target = parseTargetName(event.targetName)!;
  const warnings: string[] = [];
  const knownType = isKnownEventType(event.eventType);

  if (!knownType) warnings.push(`unknown event type "${event.eventType}": stored as is`);
  else checkData(event.eventType, event.data, event.timestamp, warnings);

  if (!('labels' in input)) warnings.push('labels: missing (expected an object, often {})');
  else {
    const labels = labelsSchema.safeParse(input.labels);
    if (!labels.success) warnings.push('labels: expected an object of string values');
  }
  if (!('metadata' in input) || input.metadata === undefined) {
    warnings.push('metadata: missing (optional since 2022; device type unknown)');
  } else {
    const meta = metadataSchema.safeParse(input.metadata);
    if (!meta.success) {
      for (const i of meta.error.issues) warnings.push(`${issuePath('metadata', i.path)}: ${i.message}`);
    } else {
      const m = meta.data;
      if (m.deviceId !== undefined && m.deviceId !== target.deviceId) {
        warnings.push(`metadata.deviceId "${m.deviceId}" differs from targetName device "${target.deviceId}"`);
      }
      if (m.projectId !== undefined && m.projectId !== target.projectId) {
        warnings.push(`metadata.projectId "${m.projectId}" differs from targetName project "${target.projectId}"`);
      }
    }
  }
  return { ok: true, body, projectId: target.projectId, deviceId: target.deviceId, knownType, warnings };
}

function checkData(type: string, data: unknown, timestamp: string, warnings: string[]): void {
  if (!isPlainObject(data)) {
    warnings.push('event.data: expected an object');
    return;
  }
  if (type === 'labelsChanged') {
    const r = dataSchemas.labelsChanged.safeParse(data);
    if (!r.success) for (const i of r.error.issues) warnings.push(`${issuePath('event.data', i.path)}: ${i.message}`);
    return;
  }
  const inner = data[type];
  if (inner === undefined) {
    const keys = Object.keys(data);
    warnings.push(`event.data.${type}: missing (data has ${keys.length ? keys.map((k) => `"${k}"`).join(', ') : 'no keys'})`);
    return;
  }
  const r = dataSchemas[type as keyof typeof dataSchemas].safeParse(inner);
  if (!r.success) {
    for (const i of r.error.issues) warnings.push(`${issuePath(`event.data.${type}`, i.path)}: ${i.message}`);
    return;
  }
  const updateTime = (inner as { updateTime?: string }).updateTime;
  if (updateTime && compareTimestamps(updateTime, timestamp) !== 0) {
    warnings.push(`event.data.${type}.updateTime differs from event.timestamp`);
  }
}
