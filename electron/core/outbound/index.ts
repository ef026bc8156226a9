/**
 * Outbound HTTP, shared by everything that delivers to someone else's server (the DT
 * simulator, the forwarder, replay): one bounded POST and DT's retry-with-backoff.
 */
export { failureReason, REASON_ANSWER_BYTES, snippet } from './answer-text';
export { CUT_OFF, postOnce, type Answer, type AttemptResult, type Outcome, type PostOptions } from './post';
export { PostThread, type ThreadAttempt } from './post-thread';
export { DEFAULT_RETRY, deliverWithRetries, exponentialBackoff, isAck, type RetryOptions, type RetryOutcome, type RetryPolicy } from './retry';
