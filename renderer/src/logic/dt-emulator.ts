/**
 * The emulator panel's judgement, kept out of the component so it is tested without React:
 * whether Publish can reach this inbox, and why a published event may not have arrived.
 * Every reason is read from what the view already has (DT's connector table, the follower,
 * the app status); nothing here guesses what DT does beyond the repository's docs.
 */
import type { AppStatus, DtCloudInfo } from '../../../shared/api/contract';
import type { DtPublished } from '../../../shared/api/dt-cloud';

type Configured = Extract<DtCloudInfo, { configured: true }>;
/** what the panel reads of the app status: how events arrive, and the tunnel's URL */
export type StatusPart = Pick<AppStatus, 'tunnel' | 'receiveMode'>;

/** a published event not received after this long gets its list of reasons */
export const LATE_MS = 30_000;

const NO_URL = 'Our connector has no URL yet: start the tunnel or set a public URL';

/**
 * Why Publish is off, or null. Only when events come through the connector: with DT's event
 * stream (receive mode `stream`) they arrive without it.
 */
export function publishBlocker(info: Configured, status: StatusPart | undefined): string | null {
  if (status?.receiveMode.mode === 'stream') return null;
  const ours = info.connectors.find((c) => c.ours);
  if (!ours) {
    return info.follower.state === 'waiting' ? NO_URL : 'This inbox has no connector in this project yet: connect it, or the events do not come here';
  }
  if (ours.status !== 'ACTIVE') return `Our connector is not ACTIVE (${ours.status}): enable it, or the events go nowhere`;
  if (!ours.url) return NO_URL;
  return null;
}

export const isLate = (p: DtPublished, now: number): boolean => !p.receivedAt && now - Date.parse(p.publishedAt) >= LATE_MS;

/**
 * The inbox's current public URL as the view knows it: the one saved in Setup (desktop), else
 * the tunnel's while online; undefined when the view cannot know it (serve --public-url).
 */
export function currentPublicUrl(status: StatusPart | undefined, saved: string | null | undefined): string | undefined {
  if (saved) return saved;
  return status?.tunnel.state === 'online' ? status.tunnel.url : undefined;
}

/** Why events of `type` published a while ago may not have arrived, most specific first. */
export function lateReasons(info: Configured, type: string, status: StatusPart | undefined, savedPublicUrl?: string | null): string[] {
  const out: string[] = [];
  if (status?.receiveMode.mode !== 'stream') {
    const ours = info.connectors.find((c) => c.ours);
    if (!ours) out.push('This inbox has no connector in this project: DT delivers the events to the project\'s other connectors only.');
    else {
      if (ours.status !== 'ACTIVE') out.push(`Our connector is not ACTIVE (${ours.status}): DT does not deliver to it.`);
      const want = currentPublicUrl(status, savedPublicUrl);
      if (!ours.url) out.push('Our connector has no URL.');
      else if (want && ours.url !== want) out.push(`Our connector sends to ${ours.url}, which is not the inbox's current public URL (${want}).`);
      if (ours.events.length && !ours.events.includes(type)) out.push(`Our connector's event filter sends ${ours.events.join(', ')} only, not ${type}.`);
      const f = info.follower;
      if (f.state === 'syncing' || f.state === 'retrying' || f.state === 'waiting') {
        out.push(`The inbox has not yet confirmed our connector at its public URL (${f.state}${f.lastError ? `: ${f.lastError}` : ''}).`);
      }
    }
  }
  out.push('DT retries a delivery the inbox refused, for up to 12 h: a refused one (a signature that does not verify, for one) is listed under Rejected deliveries.');
  return out;
}
