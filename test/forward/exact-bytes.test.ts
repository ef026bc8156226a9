/**
 * Exact bytes: a signed body with a leading UTF-8 BOM, or with whitespace JSON.parse tolerates,
 * goes through the real receiver and comes out byte for byte at a forward target, at a replay
 * target and after export → import; the sender's checksum still matches. Invalid UTF-8 stays a 400.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { importCapture } from '../../electron/core/import';
import { createInboxService } from '../../electron/core/inbox-service';
import { signLikeDt } from '../../electron/core/signature';
import { EventStore } from '../../electron/core/store';
import { cleanupTempDirs, dtBody, post, stopAfterEach, tempDir, until } from '../core/helpers';
import { startTarget, type Target } from './target';

afterAll(() => cleanupTempDirs());

const SECRET = 'dt-connector-secret';
const services = stopAfterEach();
let targets: Target[] = [];
afterEach(async () => {
  for (const t of targets) await t.close();
  targets = [];
});

async function target() {
  const t = await startTarget();
  targets.push(t);
  return t;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Bodies as a sender might write them: a BOM, odd whitespace, both. */
function oddBodies(): { name: string; eventId: string; bytes: Buffer }[] {
  const bom = dtBody({ timestamp: new Date().toISOString() });
  const spaced = dtBody({ timestamp: new Date().toISOString() });
  const both = dtBody({ timestamp: new Date().toISOString() });
  const loose = (raw: string) => ` \r\n${JSON.stringify(JSON.parse(raw), null, '\t').replace(/":/g, '" :\r\n ')}\n\t `;
  return [
    { name: 'BOM', eventId: bom.eventId, bytes: Buffer.concat([BOM, Buffer.from(bom.raw)]) },
    { name: 'whitespace', eventId: spaced.eventId, bytes: Buffer.from(loose(spaced.raw)) },
    { name: 'BOM and whitespace', eventId: both.eventId, bytes: Buffer.concat([BOM, Buffer.from(loose(both.raw))]) },
  ];
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { checksum_sha256: string };

describe('a body is kept byte for byte as received', () => {
  it('forwarded, replayed and exported → imported with the same bytes; the detail keeps the BOM', async () => {
    const forwardTo = await target();
    const replayTo = await target();
    const s = await createInboxService({ dataDir: tempDir('ci-bytes-'), port: 0, secrets: [SECRET], mode: 'browser', forward: { url: forwardTo.url } });
    services.push(s);
    const bodies = oddBodies();
    for (const b of bodies) {
      const r = await post(s.receiverUrl, b.bytes, { 'X-Dt-Signature': await signLikeDt(b.bytes, SECRET) });
      expect(r.json, b.name).toEqual({ status: 'accepted', eventId: b.eventId });
    }
    const byId = (t: Target, id: string) => t.received.find((r) => r.eventId === id || r.body.includes(id));

    // forwarded without a forward secret: the sender's own token goes on, and its checksum still fits
    await until(() => forwardTo.received.length >= bodies.length || undefined, 'every body forwarded');
    for (const b of bodies) {
      const got = byId(forwardTo, b.eventId)!;
      expect(got.body.equals(b.bytes), `${b.name}: forwarded bytes`).toBe(true);
      expect(claims(String(got.headers['x-dt-signature'])).checksum_sha256).toBe(sha256(b.bytes));
    }

    const detail = await s.api.getEvent(bodies[0]!.eventId);
    expect(detail.ok && detail.value?.raw.startsWith('\ufeff')).toBe(true);
    expect(detail.ok && (detail.value?.body as { event: { eventId: string } }).event.eventId).toBe(bodies[0]!.eventId);

    const replayed = await s.api.replayEvents({ eventIds: bodies.map((b) => b.eventId), to: { url: replayTo.url } });
    expect(replayed.ok && replayed.value.acked).toBe(bodies.length);
    for (const b of bodies) expect(byId(replayTo, b.eventId)!.body.equals(b.bytes), `${b.name}: replayed bytes`).toBe(true);

    const file = join(tempDir('ci-bytes-export-'), 'export.json');
    await s.exportToFile({}, file);
    JSON.parse(readFileSync(file, 'utf8')); // still a JSON document, a BOM or not
    const other = await EventStore.open(tempDir('ci-bytes-import-'));
    try {
      expect((await importCapture(file, other)).added).toBe(bodies.length);
      for (const b of bodies) {
        const e = await other.getEvent(b.eventId);
        expect(Buffer.from(e!.raw, 'utf8').equals(b.bytes), `${b.name}: imported bytes`).toBe(true);
      }
    } finally {
      await other.close();
    }

    // an edited bodyBase64 is refused, and nothing of the file is stored
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { events: { bodyBase64?: string }[] };
    const edited = doc.events.find((e) => e.bodyBase64)!;
    const orig = Buffer.from(edited.bodyBase64!, 'base64').toString('utf8');
    edited.bodyBase64 = Buffer.from(orig.replace(/"eventId"\s*:\s*"/, '$&x')).toString('base64');
    const bad = join(tempDir('ci-bytes-bad-'), 'edited.json');
    writeFileSync(bad, JSON.stringify(doc));
    const none = await EventStore.open(tempDir('ci-bytes-none-'));
    try {
      await expect(importCapture(bad, none)).rejects.toThrow(/bodyBase64" that does not match its "body"/);
      expect(none.summaries).toHaveLength(0);
    } finally {
      await none.close();
    }
  });

  it('invalid UTF-8 is still refused with 400, BOM or not', async () => {
    const s = await createInboxService({ dataDir: tempDir('ci-bytes-'), port: 0, secrets: [SECRET], mode: 'browser' });
    services.push(s);
    const { raw } = dtBody();
    const at = raw.indexOf('"eventType"');
    // a byte that is never UTF-8, inside a string value of the event
    const broken = Buffer.concat([Buffer.from(`${raw.slice(0, at)}"x":"`), Buffer.from([0xff]), Buffer.from(`",${raw.slice(at)}`)]);
    for (const bytes of [broken, Buffer.concat([BOM, broken])]) {
      const r = await post(s.receiverUrl, bytes, { 'X-Dt-Signature': await signLikeDt(bytes, SECRET) });
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({ error: 'invalid_json', message: 'body is not valid UTF-8' });
    }
    expect(s.store.summaries).toHaveLength(0);
  });
});
