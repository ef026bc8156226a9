/** Forwarding to the tester's receiver: see forwarder.ts. */
export { Forwarder, FORWARD_DEFAULTS, type ForwarderDeps } from './forwarder';
export { forwardPoster, FORWARD_TIMEOUT_MS, type ForwardPoster } from './post';
export { ForwardCursorFile } from './cursor-file';
export { DEFAULT_BACKOFF, type Backoff } from './backoff';
export type { ForwardAttempt, ForwardItem, ForwardPoint, ForwardSettings, ForwardSource, ForwardStatus, PostFn, PostResult } from './types';
export { ForwardController } from './controller';
export { StoreForwardSource } from './store-source';
export { forwardingApi, type ForwardingApi } from './settings-api';
