/**
 * Single-use export tickets for browser-mode downloads. A download link cannot carry the
 * Bearer header, and the session token in its URL would stay in the browser's download
 * history for as long as the server runs. So the bridge first asks for a ticket (a POST with
 * the token) and downloads with that: the URL then holds an opaque value that works once,
 * within a minute, for the filter it was issued for.
 */
import { randomBytes } from 'node:crypto';
import type { EventFilter } from '../../../shared/filter';

const TTL_MS = 60_000;
/** more outstanding tickets than any UI asks for; the oldest go first */
const MAX_OUTSTANDING = 32;

export class ExportTickets {
  private readonly tickets = new Map<string, { filter: EventFilter; expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(filter: EventFilter): string {
    const t = this.now();
    for (const [k, v] of this.tickets) if (v.expires <= t) this.tickets.delete(k);
    while (this.tickets.size >= MAX_OUTSTANDING) this.tickets.delete(this.tickets.keys().next().value as string);
    const ticket = randomBytes(24).toString('base64url');
    this.tickets.set(ticket, { filter, expires: t + TTL_MS });
    return ticket;
  }

  /** The ticket's filter, once; null for an unknown, used or expired ticket. */
  take(ticket: string): EventFilter | null {
    const entry = this.tickets.get(ticket);
    if (!entry) return null;
    this.tickets.delete(ticket);
    return entry.expires > this.now() ? entry.filter : null;
  }
}
