/** What the `dt …` commands share: the client from the environment and the two output forms. */
import { httpUrl } from '../options';
import { createDtClientFromEnv, type DtClient } from '../../core/dt-cloud';

export interface JsonFlag {
  json?: boolean;
}

/** Built per command so a missing variable is reported by the command that needs it. */
export const dtClient = (): DtClient => createDtClientFromEnv(process.env);

export const out = (s: string): void => { process.stdout.write(s.endsWith('\n') ? s : `${s}\n`); };
export const printJson = (v: unknown): void => out(JSON.stringify(v, null, 2));

/** An http(s) URL flag, normalised as DT will store it. */
export const httpUrlText = (value: string): string => httpUrl(value).toString();

export function list(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

/** A fixed-width table; cells are plain text (names come from DT and are shown as they are). */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n');
}
