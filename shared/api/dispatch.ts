/**
 * The one step every transport takes between the wire and the service: is this a contract
 * method, do its arguments (still `unknown`) parse, call it, and turn a throw into a Result.
 * Electron IPC (electron/shell/ipc.ts) and the UI server (electron/core/ui-server/rpc.ts) only
 * map the outcome onto their own wire (a Result, or an HTTP status plus a Result).
 */
import { parseArguments } from './arguments';
import { API_METHODS, fail, type ApiMethod, type InboxApi, type Result } from './contract';

export type DispatchOutcome =
  /** the service answered; its Result may be a failure it chose to return */
  | { kind: 'answered'; result: Result<unknown> }
  | { kind: 'unknown-method'; result: Result<never> }
  | { kind: 'invalid-arguments'; result: Result<never> }
  /** the service threw (a bug: it should return failures); `error` is for the log only */
  | { kind: 'threw'; result: Result<never>; error: unknown };

export const isApiMethod = (m: string): m is ApiMethod => (API_METHODS as readonly string[]).includes(m);

/** Never rejects. `args` is the argument array exactly as it came off the wire. */
export async function dispatch(api: InboxApi, method: string, args: unknown): Promise<DispatchOutcome> {
  if (!isApiMethod(method)) return { kind: 'unknown-method', result: fail(`unknown method: ${method.slice(0, 60)}`) };
  const parsed = parseArguments(method, args);
  if (!parsed.ok) return { kind: 'invalid-arguments', result: fail(parsed.error) };
  try {
    const fn = api[method] as (...a: unknown[]) => Promise<Result<unknown>>;
    return { kind: 'answered', result: await fn.apply(api, parsed.args) };
  } catch (e) {
    return { kind: 'threw', result: fail(`${method} failed unexpectedly: ${(e as Error)?.message ?? String(e)}`), error: e };
  }
}
