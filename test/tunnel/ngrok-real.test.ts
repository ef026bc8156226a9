/**
 * The real @ngrok/ngrok module, offline: with a made-up authtoken it cannot reach ngrok, and the
 * tunnel must end in an error a person understands, within its own timeout.
 */
import { describe, expect, it } from 'vitest';
import { createTunnel } from '../../electron/core/tunnel';
import { classifyNgrokError, NgrokUnavailableError } from '../../electron/core/tunnel';
import { ngrokError } from './fake-connect';

describe('real @ngrok/ngrok offline', () => {
  it('fails with a clear, bounded error', async () => {
    try {
      await import('@ngrok/ngrok');
    } catch (e) {
      expect.fail(`@ngrok/ngrok's native module cannot load on this machine, so its offline path is untested: ${(e as Error).message}`);
    }
    const lines: string[] = [];
    const tunnel = createTunnel({ port: 9, authtoken: 'fake_authtoken_for_offline_test', maxAttempts: 1, connectTimeoutMs: 8_000, log: (l) => lines.push(l) });
    const started = Date.now();
    const status = await tunnel.start();
    await tunnel.stop();
    console.log(`ngrok offline outcome after ${Date.now() - started} ms: ${lines.join(' | ')}`);
    // The behaviour under test is that the connect timeout (8 s) bounds it: never a hang. 4 s of
    // slack for stop() and a loaded machine; a hang would run into the 20 s test timeout instead.
    expect(Date.now() - started).toBeLessThan(12_000);
    // offline here (DNS/TCP fails fast); 'timeout' if some peer accepted TCP and stayed silent
    expect(status.state).toBe('error');
    if (status.state !== 'error') return;
    expect(['offline', 'timeout']).toContain(status.code);
    expect(status.message).toMatch(/offline|firewall/);
    expect(status.message).not.toContain('fake_authtoken_for_offline_test');
  }, 20_000);
});

describe('classifyNgrokError', () => {
  it('explains each known ngrok code', () => {
    expect(classifyNgrokError(ngrokError('x', 'ERR_NGROK_105'))).toMatchObject({ code: 'authtoken_rejected', retry: false });
    expect(classifyNgrokError(ngrokError('x', 'ERR_NGROK_4018'))).toMatchObject({ code: 'no_authtoken', retry: false });
    expect(classifyNgrokError(ngrokError('x', 'ERR_NGROK_108'))).toMatchObject({ code: 'session_limit', retry: true });
    const d = classifyNgrokError(ngrokError('x', 'ERR_NGROK_320'), 'inbox.example.com');
    expect(d).toMatchObject({ code: 'domain_not_yours', retry: false });
    expect(d.message).toContain('"inbox.example.com" is not reserved by your ngrok account');
  });

  it('reads the code from the message when errorCode is missing', () => {
    const e = new Error('failed to connect session: The authtoken you specified is properly formed, but it is invalid. error_code: ERR_NGROK_107');
    expect(classifyNgrokError(e).code).toBe('authtoken_rejected');
  });

  it('links unknown codes to ngrok docs and keeps retrying', () => {
    const f = classifyNgrokError(ngrokError('something new', 'ERR_NGROK_9999'));
    expect(f).toMatchObject({ code: 'unknown', retry: true });
    expect(f.message).toContain('https://ngrok.com/docs/errors/err_ngrok_9999');
  });

  it('says when the native module is missing, without retrying', () => {
    const f = classifyNgrokError(new NgrokUnavailableError("ngrok's native module could not be loaded: boom"));
    expect(f).toMatchObject({ code: 'unknown', retry: false });
    expect(f.message).toMatch(/native module.*local receiver still works/);
  });
});
