/**
 * The fake DT Cloud (test/fake-dt-cloud) in its own process, for the backfill part: DT's side
 * of a pull (token, device list, history pages, the event stream) and of a push (the
 * connector's deliveries) then runs on its own core, as the load generator does for the ingest
 * part. Commands (harness/ipc.ts):
 *   seed {project, devices, events, hours, secret}  devices + history spread over the last hours;
 *        answers the window and the SAME events as connector bodies (intake's envelopeFor, all
 *        the device's labels as a fill builds them), signed as DT signs (HS256, checksums)
 *   devices {project, count}          devices that publish (the stream/connector runs)
 *   connector {project, url, secret}  an ACTIVE HTTP_PUSH connector;  dropConnectors {project}
 *   publish {project, count}          publishes as fast as the fake allows (history, open streams,
 *                                     ACTIVE connectors); answers when the publishing loop ended
 *   idle                              waits until every delivery started so far has finished
 */
import { startFakeDtCloud, type FakeDevice } from '../../test/fake-dt-cloud';
import { envelopeFor } from '../../electron/core/intake';
import { signFast } from './bodies';
import { epochMs, serveIpc } from './ipc';

const PROJECTS = ['prj-fill', 'prj-warm', 'prj-stream', 'prj-conn'];
// 9 fractional digits, as DT writes event times
const ts = (ms: number) => `${new Date(ms).toISOString().slice(0, 23)}000000Z`;

async function main(): Promise<void> {
  const fake = await startFakeDtCloud({ projects: PROJECTS.map((id) => ({ id, displayName: id, role: 'developer' as const })) });
  const publishers = new Map<string, FakeDevice[]>();
  const facts = (d: FakeDevice) => ({ name: `projects/${d.project}/devices/${d.id}`, type: d.type, productNumber: d.productNumber, labels: d.labels });
  let published = 0;

  serveIpc({
    env: () => fake.env,
    seed: (a: { project: string; devices: number; events: number; hours: number; secret: string }) => {
      const to = Date.now();
      const from = to - a.hours * 3_600_000;
      const devs = Array.from({ length: a.devices }, (_, i) => fake.addDevice(a.project, 'temperature', { name: `Fridge ${i + 1}`, site: 'bench' }));
      const per = devs.map(() => [] as { type: string; inner: Record<string, unknown>; timestamp: string }[]);
      const step = (to - from - 60_000) / a.events; // the newest a minute before now
      for (let k = 0; k < a.events; k++) {
        const timestamp = ts(from + k * step);
        const value = Math.round((4 + Math.sin(k / 50) * 2) * 100) / 100;
        per[k % devs.length]!.push({ type: 'temperature', inner: { value, samples: [{ value, sampleTime: timestamp }] }, timestamp });
      }
      devs.forEach((d, i) => fake.seedHistory(d.id, per[i]!));
      const bodies = devs.flatMap((d) => fake.history(d.id).map((e) => {
        const body = JSON.stringify(envelopeFor(e, facts(d)));
        return { eventId: e.eventId, body, signature: signFast(Buffer.from(body, 'utf8'), a.secret) };
      }));
      return { from, to, bodies };
    },
    devices: (a: { project: string; count: number }) => {
      const list = publishers.get(a.project) ?? [];
      for (let i = 0; i < a.count; i++) list.push(fake.addDevice(a.project, 'temperature', { name: `Cold room ${list.length + 1}` }));
      publishers.set(a.project, list);
      return list.length;
    },
    connector: (a: { project: string; url: string; secret: string }) =>
      fake.addConnector(a.project, { displayName: 'bench', httpConfig: { url: a.url, signatureSecret: a.secret } }).name,
    dropConnectors: async (a: { project: string }) => {
      await fake.idle();
      for (const c of fake.connectorsOf(a.project)) fake.connectors.delete(c.name);
      return null;
    },
    publish: (a: { project: string; count: number }) => {
      const devs = publishers.get(a.project) ?? [];
      if (!devs.length) throw new Error(`no publishing devices in ${a.project}`);
      const attempts0 = fake.attempts.length;
      const t0 = epochMs();
      for (let k = 0; k < a.count; k++) {
        const value = (published++ % 1000) / 100;
        fake.publishEvent(devs[k % devs.length]!.id, 'temperature', { value, samples: [{ value, sampleTime: ts(Date.now()) }] });
      }
      return { t0, t1: epochMs(), attempts0 };
    },
    idle: async (a: { since?: number }) => {
      await fake.idle();
      const tried = fake.attempts.slice(a.since ?? 0);
      return { at: epochMs(), attempts: tried.length, failed: tried.filter((x) => !(typeof x.outcome === 'number' && x.outcome < 300)).length };
    },
  }, () => fake.close());
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
