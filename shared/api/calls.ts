/**
 * The request/response half of `InboxApi` for a transport, built from API_METHODS so that no
 * transport types the method list out again: each method hands its argument array to `call`
 * (the preload: an IPC invoke; the browser bridge: a POST), and the receiving side parses it
 * with shared/api/dispatch.ts. Imports nothing but the contract, so the sandboxed preload
 * bundle stays small (no zod).
 */
import { API_METHODS, type ApiMethod, type InboxApi } from './contract';

export type ApiCalls = Omit<InboxApi, 'subscribe'>;

export function callsVia(call: (method: ApiMethod, args: unknown[]) => Promise<unknown>): ApiCalls {
  return Object.fromEntries(API_METHODS.map((m) => [m, (...args: unknown[]) => call(m, args)])) as unknown as ApiCalls;
}
