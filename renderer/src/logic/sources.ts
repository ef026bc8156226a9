/**
 * How the ways events arrive are told: the header's one line, the Overview's list, an event's
 * source in its detail, and the mark on a body the inbox built rather than received.
 */
import type { SourceStatus } from '../../../shared/api/backfill';
import type { ReceiveMode } from '../../../shared/api/contract';
import { isBuiltBody, type EventSource } from '../../../shared/records';

export const SOURCE_NAMES: Record<EventSource, string> = { connector: 'Connector', history: 'History', stream: 'Stream', import: 'Import' };
/** The Overview's names: what each source is, for someone who has not met the word yet. */
export const SOURCE_LONG_NAMES: Record<EventSource, string> = { connector: 'Data Connector (push)', history: 'DT event history (backfill)', stream: 'DT event stream', import: 'Export file import' };

/** The state in a word or two; a stream that is receiving is live (events arrive as they happen). */
export function sourceStateText(s: Pick<SourceStatus, 'kind' | 'state'>): string {
  if (s.kind === 'stream' && s.state === 'receiving') return 'live';
  return s.state;
}

/** Green, amber or red for the state: what the header and the Overview colour it by. */
export function sourceTone(state: SourceStatus['state']): 'ok' | 'busy' | 'bad' | 'quiet' {
  switch (state) {
    case 'receiving': return 'ok';
    case 'connecting': case 'filling': return 'busy';
    case 'down': case 'failed': return 'bad';
    default: return 'quiet';
  }
}

export interface HeaderSource {
  kind: EventSource;
  text: string;
  tone: ReturnType<typeof sourceTone> | 'absent';
  title: string;
}

/**
 * The header's sources: connector, history and stream always (a stream not set up reads
 * "Stream —"), an import only while it runs or after it failed (an idle import says nothing).
 */
export function headerSources(sources: readonly SourceStatus[]): HeaderSource[] {
  const out: HeaderSource[] = [];
  for (const kind of ['connector', 'history', 'stream', 'import'] as const) {
    const s = sources.find((x) => x.kind === kind);
    if (!s) {
      if (kind === 'stream') out.push({ kind, text: 'Stream —', tone: 'absent', title: 'DT event stream: not used in this run' });
      continue;
    }
    if (kind === 'import' && s.state !== 'filling' && s.state !== 'failed') continue;
    out.push({ kind, text: `${SOURCE_NAMES[kind]} ${sourceStateText(s)}`, tone: sourceTone(s.state), title: `${SOURCE_NAMES[kind]}: ${s.detail}${s.project ? ` (project ${s.project})` : ''}` });
  }
  return out;
}

/** How one event (or one delivery of it) reached the inbox, in words. */
export function eventSourceText(source: EventSource | undefined): string {
  switch (source ?? 'connector') {
    case 'history': return 'DT event history (backfill)';
    case 'stream': return 'DT event stream';
    case 'import': return 'imported from an export file';
    default: return 'Data Connector push';
  }
}

/** The mark beside a body the inbox built: the bytes shown are not the bytes DT sent (there were none). */
export function builtBodyNote(source: EventSource | undefined): string | null {
  if (!isBuiltBody(source)) return null;
  return source === 'import'
    ? 'Built by the inbox from the export file\'s body, not received as bytes'
    : 'Built by the inbox from DT\'s event, not received as bytes';
}

/** The short tag in the events table for events that did not come as a connector push. */
export function sourceTag(source: EventSource | undefined): string | null {
  return source && source !== 'connector' ? source : null;
}

export const RECEIVE_MODES: ReadonlyArray<{ mode: ReceiveMode; label: string; hint: string }> = [
  { mode: 'connector', label: 'Data Connector to a public URL', hint: 'DT pushes every event to the receiver at a public HTTPS URL: the ngrok tunnel (an ngrok authtoken is needed) or one of your own.' },
  { mode: 'stream', label: 'DT event stream (no tunnel or ngrok account needed)', hint: 'The inbox keeps a stream open to DT for the project chosen in the DT Cloud view, with the service account.' },
];

export const receiveModeLabel = (mode: ReceiveMode): string => RECEIVE_MODES.find((m) => m.mode === mode)?.label ?? mode;
