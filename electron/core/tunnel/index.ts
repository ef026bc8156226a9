/**
 * The public tunnel (ngrok): a state machine over an injected `TunnelConnect`, the real one
 * over @ngrok/ngrok, and the types the inbox service and tests see.
 */
export { createTunnel, describe, type TunnelOptions } from './tunnel';
export { classifyNgrokError, ngrokConnect, NgrokUnavailableError, noAuthtokenFailure } from './ngrok-connect';
export type { ConnectOptions, TunnelConfig, TunnelConnect, TunnelController, TunnelFailure, TunnelListener } from './tunnel-types';
