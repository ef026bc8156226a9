/**
 * listAll against the fake DT Cloud on 127.0.0.1: a list longer than 100 pages arrives whole,
 * and a server that never stops handing out page tokens ends in an error naming the list.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDtClient, DtCloudError, endpointsFromEnv, listAll, serviceAccountFromEnv } from '../../electron/core/dt-cloud';
import { MAX_PAGES } from '../../electron/core/dt-cloud/client';
import { startFakeDtCloud, type FakeDtCloud } from '../fake-dt-cloud';

let fake: FakeDtCloud;
beforeAll(async () => { fake = await startFakeDtCloud({ projects: [{ id: 'big', displayName: 'Big', role: 'developer' }] }); });
afterAll(() => fake.close());

const clientOn = (env: Record<string, string>) => {
  const all = { ...fake.env, ...env };
  return createDtClient({ account: serviceAccountFromEnv(all), endpoints: endpointsFromEnv(all) });
};

async function failure(p: Promise<unknown>): Promise<DtCloudError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(DtCloudError);
  return e as DtCloudError;
}

describe('listAll', () => {
  it('150 pages of devices (one a page) all arrive, past the old 100-page stop', async () => {
    for (let i = 0; i < 150; i++) fake.addDevice('big', 'temperature', {}, { id: `d${String(i).padStart(3, '0')}` });
    const c = clientOn({});
    const before = fake.requests.length;
    const all = await listAll('the devices of project big', (page) => c.listDevices('big', page), { pageSize: 1 });
    expect(all).toHaveLength(150);
    expect(new Set(all.map((d) => d.name)).size).toBe(150);
    expect(fake.requests.slice(before).filter((r) => r.path.endsWith('/projects/big/devices'))).toHaveLength(150);
  });

  it('a server that always hands out another token stops with an error naming the list', async () => {
    let n = 0;
    const endless: Server = createServer((_req, res) => {
      n++;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ devices: [{ name: `projects/big/devices/x${n}` }], nextPageToken: `t${n}` }));
    });
    await new Promise<void>((r) => endless.listen(0, '127.0.0.1', () => r()));
    try {
      const c = clientOn({ DT_API_URL: `http://127.0.0.1:${(endless.address() as AddressInfo).port}/api/v2` });
      const e = await failure(listAll('the devices of project big', (page) => c.listDevices('big', page), { maxPages: 25 }));
      expect(e.kind).toBe('bad_response');
      expect(e.message).toMatch(/pages of the devices of project big after 25 pages/);
      expect(n).toBe(25);
    } finally {
      endless.close();
    }
  });

  it('the default bound is 10,000 pages', async () => {
    let calls = 0;
    const e = await failure(listAll('the data connectors of project p', async () => ({ items: [calls], nextPageToken: `t${++calls}` })));
    expect(MAX_PAGES).toBe(10_000);
    expect(calls).toBe(10_000);
    expect(e.message).toMatch(/the data connectors of project p after 10000 pages/);
  });
});
