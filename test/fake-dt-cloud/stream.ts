/**
 * The fake's `devices:stream`: a long-lived chunked response of one JSON object per line,
 * `{"result":{"event":{…}}}`, with `ping` events at the asked interval. Only events published
 * after a stream opened are sent (DT never replays). Tests can cut every stream abruptly, end
 * them cleanly, or silence them (still open, nothing more sent: a dead link DT never closed).
 */
import type { Response } from 'express';
import { eventId, nowTimestamp } from './deliver';
import type { HistoryEvent } from './history';

export interface StreamFilter {
  /** a project id, or `-` for every project */
  project: string;
  deviceIds?: Set<string>;
  eventTypes?: Set<string>;
}

interface Subscriber extends StreamFilter {
  res: Response;
  timer: NodeJS.Timeout;
}

/** DT's duration forms, `10s`, `0.2s`, `500ms`, in ms; `undefined` when unreadable. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(text.trim());
  if (!m) return undefined;
  const ms = Number(m[1]) * (m[2] === 's' ? 1000 : 1);
  return ms > 0 ? ms : undefined;
}

// Below this a ping timer would spin; tests use 0.2 s.
export const MIN_PING_MS = 10;

export class StreamHub {
  private readonly subs = new Set<Subscriber>();
  private silent = false;

  get count(): number {
    return this.subs.size;
  }

  open(res: Response, filter: StreamFilter, pingMs: number): void {
    res.status(200).set({ 'Content-Type': 'application/x-ndjson', 'Cache-Control': 'no-cache' });
    res.flushHeaders();
    const sub: Subscriber = {
      ...filter, res,
      timer: setInterval(() => {
        if (!this.silent) this.write(sub, { eventId: eventId(), targetName: `projects/${filter.project}`, eventType: 'ping', data: null, timestamp: nowTimestamp() });
      }, pingMs),
    };
    this.subs.add(sub);
    res.on('close', () => this.forget(sub));
  }

  publish(event: HistoryEvent): void {
    if (this.silent) return;
    const [, project, , device] = event.targetName.split('/');
    for (const s of this.subs) {
      if (s.project !== '-' && s.project !== project) continue;
      if (s.deviceIds && !s.deviceIds.has(device!)) continue;
      if (s.eventTypes && !s.eventTypes.has(event.eventType)) continue;
      this.write(s, event);
    }
  }

  silence(on: boolean): void {
    this.silent = on;
  }

  /** every stream cut without the chunked terminator: the client sees a broken connection */
  drop(): void {
    for (const s of [...this.subs]) {
      this.forget(s);
      s.res.socket?.destroy();
    }
  }

  /** every stream ended properly: the client sees the response end */
  end(): void {
    for (const s of [...this.subs]) {
      this.forget(s);
      s.res.end();
    }
  }

  private write(s: Subscriber, event: unknown): void {
    s.res.write(`${JSON.stringify({ result: { event } })}\n`);
  }

  private forget(s: Subscriber): void {
    clearInterval(s.timer);
    this.subs.delete(s);
  }
}
