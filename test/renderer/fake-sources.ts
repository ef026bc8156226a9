/** The fake's sources in AppStatus: the default list, one source replaced, and switching how events arrive (Setup). */
import type { AppStatus, ReceiveMode } from '../../shared/api/contract';
import type { SourceStatus } from '../../shared/api/backfill';

const CONNECTOR: SourceStatus = { kind: 'connector', state: 'receiving', detail: 'the receiver takes any DT push sent to it' };

/** connector receiving, history idle, import idle: a serve with no DT project's stream */
export const defaultSources = (): SourceStatus[] => [
  { ...CONNECTOR },
  { kind: 'history', state: 'idle', detail: 'no gaps' },
  { kind: 'import', state: 'idle', detail: 'no export file imported in this run' },
];

/** The status with `s` in place of the source of its kind (added at the end when there is none). */
export function withSource(status: AppStatus, s: SourceStatus): AppStatus {
  const i = status.sources.findIndex((x) => x.kind === s.kind);
  return { ...status, sources: i < 0 ? [...status.sources, s] : status.sources.map((x, j) => (j === i ? s : x)) };
}

/** As the desktop app switches: the stream replaces the connector, or goes away again. */
export function withReceiveMode(status: AppStatus, mode: ReceiveMode): AppStatus {
  const others = status.sources.filter((s) => s.kind !== 'stream');
  const sources = mode === 'stream' ? [...others, { kind: 'stream', state: 'receiving', detail: 'connected to DT\'s event stream' } as const] : others;
  const next = { ...status, receiveMode: { ...status.receiveMode, mode }, sources };
  return withSource(next, mode === 'stream' ? { kind: 'connector', state: 'off', detail: 'events arrive through DT\'s event stream' } : { ...CONNECTOR });
}
