/**
 * For tests that run the built `serve` against the fake DT Cloud: the fake started and its
 * environment (service account, endpoints, a private config home) set for the whole file,
 * and a serve whose connector follows a fixed --public-url on a free port.
 */
import { afterAll, beforeAll } from 'vitest';
import { startServe, tempDir, until, type ServeProcess } from '../core/helpers';
import { startFakeDtCloud, type FakeDtCloud } from '../fake-dt-cloud';
import { freePort } from '../free-port';

export function useFakeDtCloudEnv(): { readonly fake: FakeDtCloud } {
  const state = { fake: undefined as unknown as FakeDtCloud };
  const saved: Record<string, string | undefined> = {};
  beforeAll(async () => {
    state.fake = await startFakeDtCloud({ delivery: { backoffMs: 20 } });
    for (const [k, v] of Object.entries({ ...state.fake.env, XDG_CONFIG_HOME: tempDir('ci-dt-home-') })) { saved[k] = process.env[k]; process.env[k] = v; }
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    await state.fake.close();
  });
  return { get fake() { return state.fake; } };
}

/** `serve --dt-project prj-dev --public-url <its own URL>`, once its connector is ACTIVE */
export async function serveFollowing(cliPath: string, dataDir: string): Promise<{ serve: ServeProcess; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const serve = await startServe(cliPath, dataDir, ['--port', String(port), '--dt-project', 'prj-dev', '--public-url', url]);
  await until(() => (serve.stdout().includes(`is ACTIVE and POSTs to ${url}`) ? true : undefined), 'the connector ACTIVE line', 10_000);
  return { serve, url };
}
