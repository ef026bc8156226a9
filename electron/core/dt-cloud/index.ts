/**
 * DT Cloud from the app: the REST client (service account, OAuth2 JWT bearer, typed
 * errors; devices, history and the event stream), the emulator helpers and the connector
 * follower used by `serve --dt-project`.
 */
export { createDtClient, createDtClientFromEnv, listAll, pages, type DtClient, type DtClientOptions } from './client';
export { DEFAULT_PING_INTERVAL_S, type EventStreamOptions } from './event-stream';
export { DT_DEFAULTS, endpointsFromEnv, serviceAccountFromEnv, type DtEndpoints, type ServiceAccount } from './config';
export { DtCloudError, maskSecrets, type DtErrorKind } from './errors';
export { makeAssertion } from './auth';
export type { FetchLike } from './transport';
export * from './types';
export { applyInboxConnector, displayNameFor, findInboxConnector, publicView, type InboxConnectorSpec } from './inbox-connector';
export { EMULATOR_LABEL, emulatedDevice, eventSource, kindFor, type PublishableType } from './emulate';
export { createConnectorFollower, FOLLOWER_BACKOFF, type ConnectorFollower, type FollowerClock, type FollowerOptions, type FollowerStatus, type PublicUrlSource } from './follower';
export { createDtController, type DtController, type DtControllerOptions, type FollowChoice } from './controller';
export { inboxWindow, matchEmulation } from './inbox-window';
export { fixedUrlSource, preferredUrlSource, tunnelUrlSource } from './url-source';
export { connectorRows, createDtRefresher, IDLE_INTERVAL_MS, WATCHED_INTERVAL_MS, WATCH_LEASE_MS, type DtRefresher, type DtRefresherOptions, type DtTable, type RefreshTarget } from './refresher';
