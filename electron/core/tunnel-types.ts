/**
 * The seam between the inbox service and the tunnel (electron/core/tunnel.ts).
 * The service only reads the status and starts/stops; the tunnel module owns retries.
 */
import type { TunnelStatus } from '../../shared/api/contract';

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
