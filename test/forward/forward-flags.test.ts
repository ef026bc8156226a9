import { describe, expect, it } from 'vitest';
import { forwardSettingsFrom } from '../../electron/cli/forward-flags';

describe('serve --forward-* flags', () => {
  it('none: no forwarding', () => {
    expect(forwardSettingsFrom({}, {})).toBeUndefined();
  });

  it('all of them, into settings', () => {
    expect(forwardSettingsFrom({
      forwardTo: 'http://127.0.0.1:3000/dt', forwardSecret: 'fs', forwardTypes: 'touch, temperature', forwardHeader: ['Authorization: Bearer t', 'X-Env: test'],
      forwardMaxAge: '30m', forwardConcurrency: '2', forwardDuplicates: '0.1', forwardReorder: '0.2', forwardDelay: '250',
    }, {})).toEqual({
      url: 'http://127.0.0.1:3000/dt', secret: 'fs', types: ['touch', 'temperature'], headers: { Authorization: 'Bearer t', 'X-Env': 'test' },
      maxAgeMs: 1_800_000, concurrency: 2, duplicates: 0.1, reorder: 0.2, delayMs: 250,
    });
  });

  it('the secret may come from the environment, never printed', () => {
    expect(forwardSettingsFrom({ forwardTo: 'http://x/' }, { CONNECTOR_INBOX_FORWARD_SECRET: 'env-secret' })?.secret).toBe('env-secret');
  });

  it.each([
    [{ forwardSecret: 's' }, /--forward-secret needs --forward-to/],
    [{ forwardTo: 'ftp://x/' }, /--forward-to: must be an http/],
    [{ forwardTo: 'http://x/', forwardHeader: ['nocolon'] }, /--forward-header: "nocolon" is not a header/],
    [{ forwardTo: 'http://x/', forwardHeader: ['X-Dt-Signature: forged'] }, /--forward-header: .*set by the forwarder/],
    [{ forwardTo: 'http://x/', forwardMaxAge: 'a while' }, /--forward-max-age: expected a duration/],
    [{ forwardTo: 'http://x/', forwardConcurrency: 'many' }, /--forward-concurrency: expected a number/],
    [{ forwardTo: 'http://x/', forwardDuplicates: '1.5' }, /--forward-duplicates: .*1/],
  ])('%j is refused with a message naming the flag', (flags, message) => {
    expect(() => forwardSettingsFrom(flags, {})).toThrow(message);
  });
});
