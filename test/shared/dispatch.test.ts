import { describe, expect, it } from 'vitest';
import { fail, ok, type InboxApi } from '../../shared/api/contract';
import { dispatch } from '../../shared/api/dispatch';

/** Only the methods a case calls; dispatch reaches nothing else. */
const api = (over: Partial<InboxApi>) => over as InboxApi;

describe('dispatch: the wire-to-service step both transports share', () => {
  it('calls the method with the parsed arguments and passes its Result through, failures included', async () => {
    const seen: unknown[] = [];
    const a = api({
      getEvent: async (id) => { seen.push(id); return id === 'e1' ? ok({ eventId: id } as never) : fail('no such event'); },
    });
    expect(await dispatch(a, 'getEvent', ['e1'])).toEqual({ kind: 'answered', result: { ok: true, value: { eventId: 'e1' } } });
    expect(await dispatch(a, 'getEvent', ['e2'])).toEqual({ kind: 'answered', result: { ok: false, error: 'no such event' } });
    expect(seen).toEqual(['e1', 'e2']);
  });

  it('refuses an unknown method and arguments that do not parse, without calling the service', async () => {
    let called = 0;
    const a = api({ queryEvents: async () => { called++; return fail('x'); } });
    expect(await dispatch(a, 'subscribe', [])).toMatchObject({ kind: 'unknown-method', result: { ok: false, error: 'unknown method: subscribe' } });
    expect(await dispatch(a, 'toString', [])).toMatchObject({ kind: 'unknown-method' });
    const bad = await dispatch(a, 'queryEvents', [{ filter: {}, offset: -1, limit: 5 }]);
    expect(bad).toMatchObject({ kind: 'invalid-arguments', result: { ok: false, error: expect.stringMatching(/^invalid arguments for queryEvents: 0\.offset/) } });
    expect(await dispatch(a, 'queryEvents', 'not an array')).toMatchObject({ kind: 'invalid-arguments' });
    expect(called).toBe(0);
  });

  it('turns a throw into a failed Result and keeps the error for the log', async () => {
    const boom = new Error('boom');
    const out = await dispatch(api({ getStats: async () => { throw boom; } }), 'getStats', []);
    expect(out).toEqual({ kind: 'threw', result: { ok: false, error: 'getStats failed unexpectedly: boom' }, error: boom });
  });
});
