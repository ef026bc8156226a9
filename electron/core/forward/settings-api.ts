/**
 * The contract's forwarding methods over the ForwardController: what the Setup view saves,
 * kept for the run (the desktop shell saves it to settings.json first and applies it here
 * at start), and what the UI may see of it: never the secret, only whether one is set.
 */
import { fail, ok, type InboxApi, type Result } from '../../../shared/api/contract';
import type { ForwardAttemptView, ForwardConfigInput, ForwardConfigView, ForwardSettingsInput } from '../../../shared/api/forward';
import type { ForwardController } from './controller';

interface Held { enabled: boolean; settings: ForwardSettingsInput }

export type ForwardingApi = Pick<InboxApi, 'getForwarding' | 'setForwarding' | 'getForwardAttempts'>;

/** `initial`: what `serve --forward-to` started with (on), or nothing; `onApplied` after each save. */
export function forwardingApi(controller: ForwardController, initial?: ForwardSettingsInput, onApplied: () => void = () => {}): ForwardingApi {
  let held: Held | null = initial ? { enabled: true, settings: initial } : null;
  let changing: Promise<unknown> = Promise.resolve();

  const apply = async (input: ForwardConfigInput): Promise<Result<ForwardConfigView>> => {
    const before = held?.settings;
    const secret = input.secret === undefined ? before?.secret : input.secret ?? undefined;
    // The CLI's tuning (max age, concurrency, DT-like faults) is not in the form: kept as it was.
    const { url: _u, secret: _s, types: _t, headers: _h, ...tuning } = before ?? { url: input.url };
    const settings: ForwardSettingsInput = {
      ...tuning, url: input.url,
      ...(secret ? { secret } : {}),
      ...(input.types.length ? { types: [...input.types] } : {}),
      ...(Object.keys(input.headers).length ? { headers: { ...input.headers } } : {}),
    };
    try {
      await controller.configure(input.enabled ? settings : null);
    } catch (e) {
      // the old forwarder is stopped by then: say it is off rather than show the old one as on
      held = { enabled: false, settings };
      onApplied();
      return fail(`forwarding could not start, it is off: ${(e as Error).message}`);
    }
    held = { enabled: input.enabled, settings };
    onApplied();
    return ok(viewOf(held));
  };

  return {
    getForwarding: async () => ok({ config: held ? viewOf(held) : null, status: controller.status() }),
    // one change at a time: two quick saves apply in the order they were made
    setForwarding: (input) => {
      const next = changing.then(() => apply(input));
      changing = next.catch(() => undefined);
      return next;
    },
    getForwardAttempts: async (eventId) => ok((await controller.history(eventId)).map(attemptView)),
  };
}

function viewOf(h: Held): ForwardConfigView {
  return {
    enabled: h.enabled, url: h.settings.url, secretConfigured: Boolean(h.settings.secret),
    types: [...(h.settings.types ?? [])], headers: { ...h.settings.headers },
  };
}

/** The view only: the store position an attempt carries is the forwarder's business. */
function attemptView(a: ForwardAttemptView & { pos?: number }): ForwardAttemptView {
  return { at: a.at, eventId: a.eventId, outcome: a.outcome, latencyMs: a.latencyMs, ...(a.answer !== undefined ? { answer: a.answer } : {}), next: a.next };
}
