/**
 * Reading connector-inbox-export/1 as a stream: each body comes out as the exact bytes of
 * the file, whatever the chunk boundaries; a file that is not a readable export gets an
 * error saying why and where.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportFileChunks, ExportFormatError, readExport, type ReplayEvent } from '../../electron/core/replay';

const dir = mkdtempSync(join(tmpdir(), 'ci-replay-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bodies as a receiver may have stored them: odd spacing, escapes, braces in strings, non-ASCII. */
const RAWS = [
  '{"event":{"eventId":"e1","eventType":"temperature","data":{"temperature":{"value":21.5}},"timestamp":"2025-03-01T10:00:00.000001Z"},"metadata":{"deviceId":"d1"}}',
  '{ "event" : { "eventId" : "e2", "note": "a \\"quoted\\" } brace ] and \\\\ backslash" } ,\n  "labels": {"name": "Kühlraum ❄️ 2"} }',
  '{"event":{"eventId":"e3"},"labels":{"name":"[{,}]:"},"metadata":{"deviceId":"d2","n":[1,2,{"x":null}]}}',
];

function exportText(raws: readonly string[], header: Record<string, unknown> = { format: 'connector-inbox-export/1', exportedAt: '2025-03-02T00:00:00.000Z', filter: { types: ['x'] } }): string {
  const events = raws.map((raw, i) => {
    const meta = { eventId: `e${i + 1}`, eventType: i === 1 ? 'co2' : 'temperature', projectId: 'p', deviceId: `d${(i % 2) + 1}`, timestamp: `2025-03-01T10:00:0${i}.000001Z`, receivedAt: '2025-03-01T10:00:05Z', deliveries: 1, signature: 'valid', warnings: [] };
    // as export.ts writes it: the metadata, then "body" spliced in as the stored raw text
    return `\n${JSON.stringify(meta).slice(0, -1)},"body":${raw}}`;
  });
  return `${JSON.stringify({ ...header, count: raws.length }).slice(0, -1)},"events":[${events.join(',')}\n],"devices":[{"deviceId":"d1","labels":{"name":"]}"}}]}\n`;
}

async function* inChunks(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function readAll(bytes: Buffer, size: number, onHeader?: (h: { count: number | undefined }) => void): Promise<ReplayEvent[]> {
  const out: ReplayEvent[] = [];
  for await (const e of readExport(inChunks(bytes, size), onHeader)) out.push(e);
  return out;
}

describe('readExport', () => {
  it('gives each body as the exact bytes of the file, for any chunk size', async () => {
    const bytes = Buffer.from(exportText(RAWS), 'utf8');
    for (const size of [1, 2, 3, 7, 64, bytes.length]) {
      let count: number | undefined;
      const events = await readAll(bytes, size, (h) => { count = h.count; });
      expect(count).toBe(3);
      expect(events.map((e) => e.body.toString('utf8'))).toEqual(RAWS);
      expect(events.map((e) => [e.eventId, e.eventType, e.deviceId])).toEqual([['e1', 'temperature', 'd1'], ['e2', 'co2', 'd2'], ['e3', 'temperature', 'd1']]);
    }
  });

  it('reads an export with no events, and a pretty-printed one (bodies as the file holds them)', async () => {
    expect(await readAll(Buffer.from(exportText([])), 5)).toEqual([]);
    const pretty = JSON.stringify(JSON.parse(exportText(RAWS.slice(0, 1))), null, 2);
    const [e] = await readAll(Buffer.from(pretty), 10);
    expect(JSON.parse(e!.body.toString())).toEqual(JSON.parse(RAWS[0]!));
    expect(e!.body.toString()).toContain('\n');
  });

  it.each([
    ['', /the file is empty/],
    ['[1,2]', /does not start with a JSON object/],
    ['{"format":"something-else/2","events":[]}', /its format is "something-else\/2"/],
    ['{"events":[]}', /no "format" before the events/],
    ['{"format":"connector-inbox-export/1","count":1}', /it has no "events"/],
    ['{"format":"connector-inbox-export/1","events":[{"eventId":"a","eventType":"t","deviceId":"d","timestamp":"x","body":{}}', /ends early, after 1 events/],
    ['{"format":"connector-inbox-export/1","events":[{"eventId":"a","eventType":"t","deviceId":"d","timestamp":"x"}]}', /event #1 has no "body"/],
    ['{"format":"connector-inbox-export/1","events":[{"eventId":"a","eventType":"t","deviceId":"d","timestamp":"x","body":"{}"}]}', /event #1 has a "body" that is not a JSON object/],
    ['{"format":"connector-inbox-export/1","events":[{"eventType":"t","deviceId":"d","timestamp":"x","body":{}}]}', /event #1 has no "eventId"/],
    ['{"format":"connector-inbox-export/1","events":[{"eventId":"a",,"body":{}}]}', /event #1 is not valid JSON/],
    ['{"format":"connector-inbox-export/1","events":[7]}', /event #1 is not a JSON object/],
    ['{"format":"connector-inbox-export/1","events":[]} trailing', /unexpected data after the end/],
  ])('refuses %j with a clear error', async (text, why) => {
    const run = readAll(Buffer.from(text), 4);
    await expect(run).rejects.toBeInstanceOf(ExportFormatError);
    await expect(run).rejects.toThrow(why);
  });

  it('names a missing file or a directory given as the export', async () => {
    const read = async (p: string) => { for await (const _ of readExport(exportFileChunks(p))) { /* drain */ } };
    await expect(read(join(dir, 'nope.json'))).rejects.toThrow(`no export file at ${join(dir, 'nope.json')}`);
    await expect(read(dir)).rejects.toThrow('is a directory');
    const f = join(dir, 'ok.json');
    writeFileSync(f, exportText(RAWS));
    const events: ReplayEvent[] = [];
    for await (const e of readExport(exportFileChunks(f))) events.push(e);
    expect(events.map((e) => e.body.toString())).toEqual(RAWS);
  });
});
