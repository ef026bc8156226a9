/**
 * The tunnel's seams, in a file of their own so that neither side imports the other:
 * - the inbox service only reads the status and starts/stops (TunnelController; the tunnel owns retries);
 * - the state machine (tunnel.ts) drives a TunnelConnect, which ngrok-connect.ts implements
 *   over @ngrok/ngrok and tests implement with fakes.
 */
import type { TunnelErrorCode, TunnelStatus } from '../../../shared/api/contract';

export interface TunnelConfig {
  authtoken?: string;
  domain?: string;
}

export interface TunnelController {
  status(): TunnelStatus;
  start(): Promise<TunnelStatus>;
  stop(): Promise<TunnelStatus>;
  configure(config: TunnelConfig): void;
  isConfigured(): { authtoken: boolean; domain?: string };
  /** returns the unsubscribe function */
  onStatus(listener: (status: TunnelStatus) => void): () => void;
}

/** A live public listener. */
export interface TunnelListener {
  url(): string | null;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** the local receiver port; the tunnel forwards to 127.0.0.1:<addr> and nothing else */
  addr: number;
  authtoken?: string;
  domain?: string;
  /** 'closed'/'disconnected' when the agent session drops, 'connected' when it is back */
  onStatusChange: (status: string) => void;
}

export type TunnelConnect = (opts: ConnectOptions) => Promise<TunnelListener>;

/** What the tunnel does with a failed attempt. */
export interface TunnelFailure {
  code: TunnelErrorCode;
  message: string;
  /** false: retrying cannot help until the person changes a setting */
  retry: boolean;
}
