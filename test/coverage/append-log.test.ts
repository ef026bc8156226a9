/**
 * The durable append-only JSONL file: what was appended is there after a reopen, a torn last
 * line or a garbage line never makes the file unreadable, appends land whole and in order, and
 * a rewrite replaces everything at once. One test SIGKILLs a real writer mid-stream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile, appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openAppendLog } from '../../electron/core/health-log/append-log';
import { cleanupTempDirs, tempDir } from '../core/helpers';
import { bundleChild, startChild } from './child';

interface Rec { n: number; note?: string }
const parse = (v: unknown): Rec | undefined => {
  const r = v as Partial<Rec> | null;
  return typeof r === 'object' && r !== null && typeof r.n === 'number' ? { n: r.n, ...(typeof r.note === 'string' ? { note: r.note } : {}) } : undefined;
};
const fileIn = () => join(tempDir('ci-applog-'), 'log.jsonl');
const lines = async (file: string) => (await readFile(file, 'utf8')).split('\n');

afterAll(cleanupTempDirs);

describe('append log', () => {
  it('starts empty when the file does not exist, and creates it', async () => {
    const file = fileIn();
    const log = await openAppendLog(file, { parse });
    expect(log.records).toEqual([]);
    expect(log.skipped).toBe(0);
    expect(log.size).toBe(0);
    await log.append({ n: 1 }, { sync: true });
    await log.close();
    expect(await readFile(file, 'utf8')).toBe('{"n":1}\n');
  });

  it('gives back on reopen every record appended, in order', async () => {
    const file = fileIn();
    const a = await openAppendLog(file, { parse });
    for (let n = 0; n < 5; n++) await a.append({ n, note: `line ${n}\nwith a newline inside` });
    expect(a.size).toBe(5);
    await a.close();
    const b = await openAppendLog(file, { parse });
    expect(b.records.map((r) => r.n)).toEqual([0, 1, 2, 3, 4]);
    expect(b.records[2]!.note).toBe('line 2\nwith a newline inside');
    expect(b.size).toBe(5);
    await b.close();
  });

  it('a torn last line is dropped and cut off, and the next append starts on a fresh line', async () => {
    const file = fileIn();
    await writeFile(file, '{"n":1}\n{"n":2}\n{"n":3,"note":"cut mid-wri');
    const a = await openAppendLog(file, { parse });
    expect(a.records.map((r) => r.n)).toEqual([1, 2]);
    expect(a.skipped).toBe(1);
    await a.append({ n: 4 }, { sync: true });
    await a.close();
    expect(await readFile(file, 'utf8')).toBe('{"n":1}\n{"n":2}\n{"n":4}\n');
    const b = await openAppendLog(file, { parse });
    expect(b.records.map((r) => r.n)).toEqual([1, 2, 4]);
    expect(b.skipped).toBe(0);
    await b.close();
  });

  it('a torn multi-byte character and a zero-filled tail are cut off too', async () => {
    const file = fileIn();
    const full = Buffer.from('{"n":1,"note":"Kjøleskap ❄"}\n', 'utf8');
    await writeFile(file, Buffer.concat([full, full.subarray(0, full.length - 4), Buffer.alloc(64)]));
    const a = await openAppendLog(file, { parse });
    expect(a.records).toEqual([{ n: 1, note: 'Kjøleskap ❄' }]);
    await a.append({ n: 2 });
    await a.close();
    expect(await lines(file)).toEqual(['{"n":1,"note":"Kjøleskap ❄"}', '{"n":2}', '']);
  });

  it('a whole last record without its newline is kept, and the next record gets its own line', async () => {
    const file = fileIn();
    await writeFile(file, '{"n":1}\n{"n":2}');
    const a = await openAppendLog(file, { parse });
    expect(a.records.map((r) => r.n)).toEqual([1, 2]);
    expect(a.skipped).toBe(0);
    await a.append({ n: 3 });
    await a.close();
    expect(await lines(file)).toEqual(['{"n":1}', '{"n":2}', '{"n":3}', '']);
  });

  it('garbage and unknown records in the middle are skipped and counted, the rest read', async () => {
    const file = fileIn();
    await writeFile(file, ['{"n":1}', 'not json at all', '{"n":"two"}', '[1,2]', 'null', '', '{"n":5}', ''].join('\n'));
    const a = await openAppendLog(file, { parse });
    expect(a.records.map((r) => r.n)).toEqual([1, 5]);
    expect(a.skipped).toBe(4);
    expect(a.size).toBe(6); // the kept garbage lines still take room until a rewrite
    await a.close();
  });

  it('a parse that throws on odd input skips the line instead of failing the open', async () => {
    const file = fileIn();
    await writeFile(file, '{"n":1}\n{"boom":true}\n{"n":3}\n');
    const a = await openAppendLog(file, {
      parse: (v) => { if ((v as { boom?: boolean }).boom) throw new Error('unexpected shape'); return parse(v); },
    });
    expect(a.records.map((r) => r.n)).toEqual([1, 3]);
    expect(a.skipped).toBe(1);
    await a.close();
  });

  it('appends started together land whole and in call order', async () => {
    const file = fileIn();
    const a = await openAppendLog(file, { parse });
    const big = 'y'.repeat(200_000); // large enough that writes could interleave if not serialized
    await Promise.all(Array.from({ length: 40 }, (_, n) => a.append({ n, note: n % 5 === 0 ? big : undefined }, { sync: n % 2 === 0 })));
    await a.close();
    const b = await openAppendLog(file, { parse });
    expect(b.records.map((r) => r.n)).toEqual(Array.from({ length: 40 }, (_, n) => n));
    expect(b.skipped).toBe(0);
    await b.close();
  });

  it('a record that cannot be written rejects alone; the appends around it still land', async () => {
    const file = fileIn();
    const a = await openAppendLog(file, { parse });
    const cyclic: Record<string, unknown> = { n: 2 };
    cyclic.self = cyclic;
    const results = await Promise.allSettled([a.append({ n: 1 }), a.append(cyclic as unknown as Rec), a.append({ n: 3 })]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    await a.close();
    const b = await openAppendLog(file, { parse });
    expect(b.records.map((r) => r.n)).toEqual([1, 3]);
    await b.close();
  });

  it('rewrite replaces the contents atomically; appends after it go to the new file', async () => {
    const file = fileIn();
    const a = await openAppendLog(file, { parse });
    for (let n = 0; n < 10; n++) await a.append({ n });
    await a.rewrite([{ n: 100 }, { n: 101 }]);
    expect(a.size).toBe(2);
    await a.append({ n: 102 }, { sync: true });
    expect(a.size).toBe(3);
    await a.close();
    expect(await lines(file)).toEqual(['{"n":100}', '{"n":101}', '{"n":102}', '']);
  });

  it('rewrite drops garbage lines for good', async () => {
    const file = fileIn();
    await writeFile(file, '{"n":1}\ngarbage\n');
    const a = await openAppendLog(file, { parse });
    await a.rewrite(a.records);
    await a.close();
    const b = await openAppendLog(file, { parse });
    expect(b.skipped).toBe(0);
    expect(b.size).toBe(1);
    await b.close();
  });

  it('after close, appends reject and a second close is harmless', async () => {
    const file = fileIn();
    const a = await openAppendLog(file, { parse });
    await a.append({ n: 1 });
    await a.close();
    await a.close();
    await expect(a.append({ n: 2 })).rejects.toThrow(/closed/);
    await appendFile(file, '{"n":3}\n'); // the file is free for others once closed
    const b = await openAppendLog(file, { parse });
    expect(b.records.map((r) => r.n)).toEqual([1, 3]);
    await b.close();
  });
});

describe('append log under kill -9', () => {
  let script: string;
  beforeAll(async () => { script = await bundleChild(); });

  it('every acknowledged record is there after SIGKILL mid-stream, and the file stays appendable', async () => {
    const file = fileIn();
    for (let round = 0; round < 3; round++) {
      const child = startChild(script, ['append', file]);
      await child.waitFor(/^ack 40$/);
      await child.kill9();
      const acked = child.lines.filter((l) => l.startsWith('ack ')).map((l) => Number(l.slice(4)));
      const log = await openAppendLog(file, { parse: (v) => (v as { seq?: unknown }).seq as number | undefined });
      // each round's writer numbers from 0 again: this round's records are the last ones
      const seqs = log.records.slice(log.records.lastIndexOf(0));
      expect(seqs.slice(0, acked.length)).toEqual(acked);
      expect(seqs.length - acked.length).toBeLessThanOrEqual(1); // at most one written but not yet acknowledged
      expect(log.skipped).toBeLessThanOrEqual(1); // a line torn by the kill, never more
      await log.close();
      // the open cut the torn line off: the next writer starts on a fresh line
      const text = await readFile(file, 'utf8');
      expect(text.endsWith('\n')).toBe(true);
    }
  });
});
