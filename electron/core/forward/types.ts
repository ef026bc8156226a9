import type { ForwardAttemptView, ForwardStatusView } from '../../../shared/api/forward';
import type { Clock } from '../../../shared/clock';
import type { EventSource } from '../../../shared/records';

/**
 * Forwarding: every delivery the inbox acknowledged is delivered again, the way DT delivers,
 * to the receiver the tester is writing. These are the forwarder's seams: where deliveries come
 * from (the store), how one POST is made (the outbound module), and what it reports.
 */

/** One acknowledged delivery (a new event or DT's redelivery of one), as the store kept it. */
export interface ForwardItem {
  /** Its place in the order of acknowledged deliveries since the source opened: increasing. */
  pos: number;
  /** Where a reader resumes after this delivery, as the store says it (plain JSON, persisted). */
  mark: unknown;
  eventId: string;
  eventType: string;
  /** The body exactly as DT sent it. */
  raw: string;
  /** The X-Dt-Signature DT sent, passed on unchanged when there is no forward secret. */
  signature?: string;
  /** The event's own timestamp: DT retries until the event is 12 h old. */
  timestamp: string;
  /** the delivery's source: `history` ones are forwarded only while the backfilled setting is on */
  source?: EventSource;
}

/** Where a reader stands: a position for counting, a mark for resuming. */
export interface ForwardPoint { pos: number; mark: unknown }

/** The store's side: what was acknowledged after a mark, and a wake-up on each new ack. */
export interface ForwardSource {
  /** Where to start: after a saved mark (its pos tells how much is left), or null for "from now on". */
  open(saved: unknown | null): Promise<ForwardPoint>;
  /** Acknowledged deliveries after `after`, oldest first, at most `limit`, numbered on from its pos. */
  since(after: ForwardPoint, limit: number): Promise<ForwardItem[]>;
  /** The pos of the newest acknowledged delivery. */
  head(): number;
  /** Called after each commit of acknowledged deliveries; returns an unsubscribe. */
  onAcknowledged(listener: () => void): () => void;
  /** Retention keeps everything after `mark` until it is moved on; null releases it. */
  pin(mark: unknown | null): void;
}

/** One POST's outcome: a status, or no usable answer at all. */
export interface PostResult {
  outcome: number | 'timeout' | 'error';
  latencyMs: number;
  /** The first bytes of the answer (at most 2 KB), or the error's text. */
  answer?: string;
}

/** Makes one POST with DT's rules: 10 s for the whole exchange, redirects not followed. */
/** body: the delivery's exact text (sent as its UTF-8 bytes) */
export type PostFn = (url: URL, body: string, headers: Record<string, string>) => Promise<PostResult>;

export interface ForwardSettings {
  url: string;
  /** Re-sign with this secret; without one the original X-Dt-Signature is passed on. */
  secret?: string;
  /** Only these event types (empty or absent: all). */
  types?: string[];
  /** Extra request headers ("Authorization: …" for a receiver behind a gateway). */
  headers?: Record<string, string>;
  /** Give up on an event once it is this old (DT: 12 h). */
  maxAgeMs?: number;
  /** Requests in flight at most (DT-like: 4). */
  concurrency?: number;
  /** Fault injection, DT-like: share of deliveries sent twice, share delivered out of order, fixed delay. */
  duplicates?: number;
  reorder?: number;
  delayMs?: number;
  /** forward events filled from DT's history (default true) */
  backfilled?: boolean;
}

/** One try at one delivery, as the event's detail and the Forwarding panel show it. */
export interface ForwardAttempt extends ForwardAttemptView {
  pos: number;
}

export type ForwardStatus = ForwardStatusView;

export type { Clock };

