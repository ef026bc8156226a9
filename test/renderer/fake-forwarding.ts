/**
 * Forwarding for FakeInboxApi, as the service does it against a target that takes every
 * delivery (200 "ok"): each acknowledged delivery of a wanted type gets one delivered attempt.
 * Tests add other outcomes with `attempt()`. The contract suite (test/contract) holds the
 * fake and the real service to the same answers.
 */
import type { ForwardAttemptView, ForwardConfigInput, ForwardConfigView, ForwardingInfo, ForwardStatusView } from '../../shared/api/forward';

interface Held { enabled: boolean; url: string; secret?: string; types: string[]; headers: Record<string, string> }

export class FakeForwarding {
  private held: Held | null = null;
  private attempts = new Map<string, ForwardAttemptView[]>();
  private latencies: number[] = [];
  status: ForwardStatusView | null = null;

  /** the secret it was given, for tests that check it never comes back */
  get secret(): string | undefined {
    return this.held?.secret;
  }

  info(): ForwardingInfo {
    return structuredClone({ config: this.held ? viewOf(this.held) : null, status: this.status });
  }

  set(input: ForwardConfigInput): ForwardConfigView {
    const secret = input.secret === undefined ? this.held?.secret : input.secret ?? undefined;
    this.held = { enabled: input.enabled, url: input.url, ...(secret ? { secret } : {}), types: [...input.types], headers: { ...input.headers } };
    // a new forwarder each time, as the service starts one: figures and attempts start over
    this.attempts.clear();
    this.latencies = [];
    this.status = input.enabled
      ? { url: input.url, queueDepth: 0, inFlight: 0, delivered3h: 0, failed3h: 0, p99LatencyMs: null, failingSince: null, lastOutcome: null, lastErrors: [], givenUp: 0 }
      : null;
    return viewOf(this.held);
  }

  /** An acknowledged delivery: forwarded (and taken) when forwarding is on and wants its type. */
  delivered(eventId: string, eventType: string): boolean {
    const h = this.held;
    if (!h?.enabled || (h.types.length && !h.types.includes(eventType))) return false;
    this.attempt({ at: new Date().toISOString(), eventId, outcome: 200, latencyMs: 1, answer: 'ok', next: 'delivered' });
    return true;
  }

  /** Records one attempt and updates the figures as the forwarder's metrics do. */
  attempt(a: ForwardAttemptView): void {
    const s = this.status;
    if (!s) throw new Error('forwarding is off: setForwarding({enabled: true, …}) first');
    const list = this.attempts.get(a.eventId) ?? [];
    list.push(structuredClone(a));
    this.attempts.set(a.eventId, list);
    this.latencies.push(a.latencyMs);
    const sorted = [...this.latencies].sort((x, y) => x - y);
    s.p99LatencyMs = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]!;
    s.lastOutcome = a.outcome;
    if (a.next === 'delivered') {
      s.delivered3h++;
      s.failingSince = null;
    } else {
      s.failed3h++;
      s.failingSince ??= a.at;
      s.lastErrors = [structuredClone(a), ...s.lastErrors].slice(0, 20);
    }
  }

  attemptsFor(eventId: string): ForwardAttemptView[] {
    return structuredClone(this.attempts.get(eventId) ?? []);
  }
}

function viewOf(h: Held): ForwardConfigView {
  return { enabled: h.enabled, url: h.url, secretConfigured: Boolean(h.secret), types: [...h.types], headers: { ...h.headers } };
}
