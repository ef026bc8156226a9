/**
 * `export --search` and `replay --search`: the Events view's search grammar on the command line
 * (shared/search-query.ts through shared/filter.ts), refused with the same words when a term
 * cannot be used, and refused for `replay --from`, whose export file it cannot search.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { runCli, startServe, tempDir, useBuiltCli } from '../core/helpers';
import { startReceiver, type TestReceiver } from '../check/receiver';

const cli = useBuiltCli();
const open: TestReceiver[] = [];
afterEach(async () => { await Promise.all(open.splice(0).map((r) => r.close())); });

interface Exported { eventId: string; eventType: string; body: { event: { data: Record<string, Record<string, unknown>> } } }
let dataDir = '';
let all: Exported[] = [];
beforeAll(async () => {
  dataDir = tempDir();
  const serve = await startServe(cli.path, dataDir, []);
  const sent = await runCli(cli.path, ['send', '--to', serve.url, '--count', '150', '--seed', '9', '--types', 'temperature,humidity,touch', '--concurrency', '4']);
  expect(sent.code, sent.stderr).toBe(0);
  await serve.kill();
  const file = join(tempDir(), 'all.json');
  const ex = await runCli(cli.path, ['export', '--data-dir', dataDir, '--out', file]);
  expect(ex.code, ex.stderr).toBe(0);
  all = JSON.parse(readFileSync(file, 'utf8')).events;
}, 60_000);

const exportIds = async (search: string) => {
  const file = join(tempDir(), 'some.json');
  const r = await runCli(cli.path, ['export', '--data-dir', dataDir, '--out', file, '--search', search]);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(readFileSync(file, 'utf8')).events as Exported[]).map((e) => e.eventId).sort();
};

it('export and replay --data-dir pick the temperature events above 20 as the list shows them', async () => {
  // the list shows a temperature to 0.1 °C (an integer as it is)
  const shown = (v: number) => (Number.isInteger(v) ? v : Number(v.toFixed(1)));
  const expected = all
    .filter((e) => e.eventType === 'temperature' && shown(e.body.event.data.temperature!.value as number) > 20)
    .map((e) => e.eventId).sort();
  expect(expected.length).toBeGreaterThan(0);
  expect(expected.length).toBeLessThan(all.filter((e) => e.eventType === 'temperature').length);
  expect(await exportIds('temperature>20')).toEqual(expected);

  const r = await startReceiver({});
  open.push(r);
  const run = await runCli(cli.path, ['replay', '--to', r.url, '--data-dir', dataDir, '--search', 'temperature>20']);
  expect(run.code, run.stderr).toBe(0);
  expect(r.received.map((x) => x.body.event.eventId).sort()).toEqual(expected);

  expect(await exportIds('type:touch')).toEqual(all.filter((e) => e.eventType === 'touch').map((e) => e.eventId).sort());
}, 60_000);

it('refuses a search it cannot use, naming what it knows, and a search of an export file', async () => {
  const typo = await runCli(cli.path, ['export', '--data-dir', dataDir, '--search', 'temprature>20']);
  expect(typo.code).toBe(1);
  expect(typo.stderr).toContain("unknown field 'temprature' (did you mean temperature?); known: type: device: label:");
  expect(typo.stdout).toBe('');
  const fromFile = await runCli(cli.path, ['replay', '--to', 'http://127.0.0.1:9/', '--from', join(dataDir, 'none.json'), '--search', 'touch']);
  expect(fromFile.code).toBe(1);
  expect(fromFile.stderr).toContain('--search works on a data directory');
  const help = await runCli(cli.path, ['export', '--help']);
  expect(help.stdout.replace(/\s+/g, ' ')).toContain('--search <text> only events the Events view\'s search finds');
}, 30_000);
