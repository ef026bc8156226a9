/**
 * DT retries a failed delivery until the event is 12 h old; its schedule is not documented.
 * Ours doubles from 1 s up to a minute, ±20 % so retries spread (the shape: ../backoff.ts): a
 * tester who fixes their receiver sees the backlog arrive within a minute, and a dead target
 * gets one try a minute per event, not a storm.
 */
import type { Backoff } from '../backoff';

export type { Backoff } from '../backoff';
export const DEFAULT_BACKOFF: Backoff = { initialMs: 1_000, capMs: 60_000, jitter: 0.2 };
