/**
 * The DT Cloud part of the contract: what the DT Cloud view shows beside DT's own answers
 * (the inbox's counts for the same 3 h, the emulator's published → received latencies) and
 * the arguments of its actions, with their zod schemas. The service account secret has no
 * field in any answer: it goes in through dtSetCredentials and never comes back.
 */
import { z } from 'zod';

/** Who the app is to DT Cloud; the key secret is never part of it. */
export interface DtCredentialsView {
  keyId: string;
  email: string;
  /** settings: saved in the desktop app (secret encrypted); env: DT_SERVICE_ACCOUNT_* */
  source: 'settings' | 'env';
}

/** The inbox's own view of the project over DT's metrics window (the last 3 h). */
export interface DtInboxWindow {
  /** events of this project first received in the window */
  events: number;
  /** deliveries acknowledged for those events, duplicates included (DT's success count should match) */
  deliveries: number;
  byType: Record<string, number>;
  /** every event type stored for this project, whenever it arrived */
  arrivedTypes: string[];
}

export interface DtProjectRow {
  id: string;
  displayName: string;
  organization: string;
}

/** One event published from the emulator and, once it arrived through DT, when. */
export interface DtPublished {
  n: number;
  publishedAt: string;
  receivedAt?: string;
  eventId?: string;
  latencyMs?: number;
}

/**
 * The last emulator run. DT's publish answer carries no event id, so an arrival is matched by
 * device id and event type, in order, among events received after the publish was sent.
 */
export interface DtEmulationView {
  project: string;
  deviceId: string;
  deviceKind: string;
  type: string;
  published: DtPublished[];
}

/** One change of the connector that follows the inbox (state, URL, DT's SYSTEM_DISABLED, error), kept across restarts. */
export interface DtFollowerChange {
  at: string;
  state: 'waiting' | 'syncing' | 'active' | 'disabled' | 'retrying' | 'stopped';
  project: string;
  connectorId?: string;
  url?: string;
  systemDisabled: boolean;
  error?: string;
}

const id = z.string().trim().min(1).max(200).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');
const eventType = z.string().min(1).max(100).regex(/^[A-Za-z][A-Za-z0-9]*$/, 'an event type name such as temperature');

export const dtConnectSchema = z.object({ project: id, connectorId: id.optional() }).strict();
export const dtConnectorStatusSchema = z.object({ project: id, connectorId: id, status: z.enum(['ACTIVE', 'USER_DISABLED']) }).strict();
export const dtConnectorRefSchema = z.object({ project: id, connectorId: id }).strict();
export const dtEventFilterSchema = z.object({ project: id, connectorId: id, events: z.array(eventType).max(50) }).strict();
export const dtEmulateSchema = z.object({ project: id, kind: z.string().min(1).max(50).regex(/^[A-Za-z][A-Za-z0-9]*$/).optional(), type: eventType, count: z.number().int().min(1).max(50) }).strict();
export const dtCredentialsSchema = z.object({
  keyId: z.string().trim().min(1).max(200),
  email: z.string().trim().email().max(320),
  /** absent: keep the saved one */
  secret: z.string().trim().min(1).max(500).optional(),
}).strict();

export type DtConnectArgs = z.infer<typeof dtConnectSchema>;
export type DtConnectorStatusArgs = z.infer<typeof dtConnectorStatusSchema>;
export type DtConnectorRef = z.infer<typeof dtConnectorRefSchema>;
export type DtEventFilterArgs = z.infer<typeof dtEventFilterSchema>;
export type DtEmulateArgs = z.infer<typeof dtEmulateSchema>;
export type DtCredentialsInput = z.infer<typeof dtCredentialsSchema>;

export const dtArgumentSchemas = {
  dtListProjects: z.tuple([]),
  dtConnect: z.tuple([dtConnectSchema]),
  dtSetConnectorStatus: z.tuple([dtConnectorStatusSchema]),
  dtSync: z.tuple([dtConnectorRefSchema]),
  dtSetEventFilter: z.tuple([dtEventFilterSchema]),
  dtEmulate: z.tuple([dtEmulateSchema]),
  dtSetCredentials: z.tuple([dtCredentialsSchema]),
};
