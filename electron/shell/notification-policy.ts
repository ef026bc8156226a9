/**
 * What deserves a desktop notification, and how many. Pure: the clock is a parameter and the
 * output is a list of notifications to show; notifications.ts does the showing.
 *
 * A tester pressing a sensor wants "Touched — Meeting room"; a heartbeat every 15 minutes from
 * forty sensors is noise. So: per-type toggles (state changes on, heartbeats off), a per-minute
 * budget with one summary for the rest, bursts of rejected deliveries collapsed, and a pause.
 */
import { isCatchUpSource } from '../../shared/records';
import { backfillSentence } from '../../shared/backfill-text';
import type { AppStatus, NotificationPrefs, PushMessage, TunnelStatus } from '../../shared/api/contract';
import type { EventSummary, RejectReason } from '../../shared/records';
import { deviceDisplayName, eventHeadline } from '../../shared/dt/summary';
import { failingSentence } from '../../shared/forward-rules';

/** The person's choices, persisted in settings.json and set from the Setup view. */
export type { NotificationPrefs };

export const DEFAULT_NOTIFICATION_PREFS: NotificationPrefs = {
  types: {
    touch: true, objectPresent: true, waterPresent: true, motion: true, contact: true, deskOccupancy: true,
    networkStatus: false, batteryStatus: false, temperature: false, humidity: false, co2: false, pressure: false,
    touchCount: false, objectPresentCount: false, connectionStatus: false, ethernetStatus: false,
    cellularStatus: false, labelsChanged: false, probeWireStatus: false,
  },
  maxPerMinute: 5,
  rejectedEveryMinutes: 5,
};

/** One notification to show. `eventId` set: clicking opens the inspector on it. */
export interface NotificationSpec {
  title: string;
  body: string;
  eventId?: string;
}

/** `until`: ms since epoch, or 'resumed' for an indefinite pause. */
export type Pause = { until: number | 'resumed' } | null;

const SIGNATURE_REASONS: ReadonlySet<RejectReason> = new Set(['missing_signature', 'malformed_signature', 'invalid_signature', 'expired_signature', 'checksum_mismatch']);
const WINDOW_MS = 60_000;
/**
 * On a nearly full disk a small write can still fit between refused ones, so the storage status
 * flaps; one "Cannot store events" per this long is enough (the tray shows the current state).
 */
const STORAGE_RENOTIFY_MS = 10 * 60_000;
const SEEN_LIMIT = 2000;
/** A receiver that keeps failing: said again at most this often (the tray shows it all along). */
const FORWARD_RENOTIFY_MS = 10 * 60_000;

export class NotificationPolicy {
  private pause: Pause = null;
  private windowStart = 0;
  private shownInWindow = 0;
  private suppressed = 0;
  private suppressedDevices = new Set<string>();
  private lastRejectedAt = -Infinity;
  private rejectedSuppressed = 0;
  private readonly seen = new Set<string>();
  private lastTunnel: TunnelStatus['state'] | null = null;
  private lastTunnelErrorCode: string | null = null;
  private storageOk = true;
  private lastStorageNoticeAt = -Infinity;
  private forward: AppStatus['forward'] = null;
  private lastForwardNoticeAt = -Infinity;

  constructor(private prefs: NotificationPrefs = DEFAULT_NOTIFICATION_PREFS) {}

  setPrefs(prefs: NotificationPrefs): void {
    this.prefs = prefs;
  }

  setPause(pause: Pause): void {
    this.pause = pause;
  }

  pausedAt(now: number): Pause {
    if (this.pause && this.pause.until !== 'resumed' && this.pause.until <= now) this.pause = null;
    return this.pause;
  }

  /** Decide on one pushed message; returns what to show now (often nothing). */
  offer(message: PushMessage, now: number): NotificationSpec[] {
    const paused = this.pausedAt(now) !== null;
    switch (message.type) {
      case 'events': {
        // filled from history or imported: old news, told once by the 'backfill' summary
        const live = message.latest.filter((e) => !isCatchUpSource(e.source));
        return paused ? (this.markSeen(live), []) : live.length ? this.onEvents(live, now) : [];
      }
      case 'backfill':
        return paused ? [] : [{ title: 'Gap filled from DT\'s history', body: backfillSentence(message.run) }];
      case 'rejected':
        return paused ? [] : this.onRejected(message.latest.error, now);
      case 'status':
        return this.onStatus(message.status, paused, now);
      default:
        return [];
    }
  }

  /** Called about once a minute: the summary of what the budget held back, if anything. */
  flush(now: number): NotificationSpec[] {
    const out: NotificationSpec[] = [];
    if (this.suppressed > 0 && now - this.windowStart >= WINDOW_MS) {
      const n = this.suppressed, d = this.suppressedDevices.size;
      out.push({ title: `${n} more event${n === 1 ? '' : 's'} from ${d} device${d === 1 ? '' : 's'}`, body: 'Open the inspector to see them.' });
      this.suppressed = 0;
      this.suppressedDevices.clear();
    }
    if (this.rejectedSuppressed > 0 && now - this.lastRejectedAt >= this.prefs.rejectedEveryMinutes * 60_000) {
      const n = this.rejectedSuppressed;
      out.push({ title: `${n} more deliver${n === 1 ? 'y' : 'ies'} rejected`, body: 'See Rejected deliveries in the inspector for the reasons.' });
      this.rejectedSuppressed = 0;
      this.lastRejectedAt = now;
    }
    if (this.pausedAt(now) !== null) return [];
    // still failing with no new status for a while (retries back off to a minute): said from here
    return [...out, ...this.onForward(now)];
  }

  /** The tester's receiver keeps failing: one notification per FORWARD_RENOTIFY_MS while it does. */
  private onForward(now: number): NotificationSpec[] {
    const f = this.forward;
    const sentence = f ? failingSentence(f) : null;
    if (!f || !sentence || now - this.lastForwardNoticeAt < FORWARD_RENOTIFY_MS) return [];
    this.lastForwardNoticeAt = now;
    const queued = `${f.queueDepth} deliver${f.queueDepth === 1 ? 'y' : 'ies'} queued`;
    return [{ title: 'Forwarding is failing', body: `${sentence}. ${queued}; retried until 12 h old.` }];
  }

  private onEvents(latest: EventSummary[], now: number): NotificationSpec[] {
    if (now - this.windowStart >= WINDOW_MS) {
      this.windowStart = now;
      this.shownInWindow = 0;
    }
    const out: NotificationSpec[] = [];
    for (const e of latest) {
      if (this.seen.has(e.eventId)) continue;
      this.markSeen([e]);
      // stale = older than what the device already reported: not news
      if (e.stale || !this.prefs.types[e.eventType]) continue;
      if (this.shownInWindow >= this.prefs.maxPerMinute) {
        this.suppressed++;
        this.suppressedDevices.add(e.deviceId);
        continue;
      }
      this.shownInWindow++;
      out.push(eventNotification(e));
    }
    return out;
  }

  private onRejected(reason: RejectReason, now: number): NotificationSpec[] {
    if (now - this.lastRejectedAt < this.prefs.rejectedEveryMinutes * 60_000) {
      this.rejectedSuppressed++;
      return [];
    }
    this.lastRejectedAt = now;
    return SIGNATURE_REASONS.has(reason)
      ? [{ title: 'Signature check failed', body: `A delivery was rejected (${reason.replace(/_/g, ' ')}). Check the signature secret matches the Data Connector's.` }]
      : [{ title: 'Delivery rejected', body: `A delivery was rejected (${reason.replace(/_/g, ' ')}).` }];
  }

  private onStatus(status: AppStatus, paused: boolean, now: number): NotificationSpec[] {
    const out: NotificationSpec[] = [];
    this.forward = status.forward;
    const t = status.tunnel;
    const prev = this.lastTunnel;
    this.lastTunnel = t.state;
    if (t.state === 'error') {
      if (this.lastTunnelErrorCode !== t.code) out.push({ title: 'Tunnel stopped', body: t.message });
      this.lastTunnelErrorCode = t.code;
    } else {
      this.lastTunnelErrorCode = null;
      if (prev === 'online' && t.state === 'reconnecting') out.push({ title: 'Tunnel down — reconnecting', body: `${t.message} DT retries failed deliveries for 12 hours.` });
    }
    const storageOk = status.storage.ok;
    // Storage failures get through a pause: every delivery is being refused until it is fixed.
    if (!storageOk && this.storageOk) {
      this.storageOk = false;
      if (now - this.lastStorageNoticeAt >= STORAGE_RENOTIFY_MS) {
        this.lastStorageNoticeAt = now;
        return [...(paused ? [] : out), { title: 'Cannot store events', body: status.storage.ok ? '' : status.storage.message }];
      }
    }
    this.storageOk = storageOk;
    return paused ? [] : [...out, ...this.onForward(now)];
  }

  private markSeen(events: EventSummary[]): void {
    for (const e of events) {
      this.seen.add(e.eventId);
      // bounded: forget the oldest (Set keeps insertion order)
      if (this.seen.size > SEEN_LIMIT) this.seen.delete(this.seen.values().next().value as string);
    }
  }
}

/** "Water detected — Basement sensor" */
export function eventNotification(e: EventSummary): NotificationSpec {
  const device = e.deviceName || deviceDisplayName(e.labels, e.deviceId);
  return { title: `${eventHeadline(e.eventType, e.summary)} — ${device}`, body: `${e.summary} · ${e.eventType} · ${e.timestamp}`, eventId: e.eventId };
}
