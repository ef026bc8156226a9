/** Option parsers shared by the commands: each throws a commander error with a clear message. */
import { InvalidArgumentError } from 'commander';
import { isRfc3339 } from '../../shared/dt/timestamp';

export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

export function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535 (0 = any free port)');
  return n;
}

export function byteSize(value: string): string {
  if (!/^\d+(\.\d+)?\s*(b|kb|mb|gb)?$/i.test(value.trim())) throw new InvalidArgumentError('expected a size such as 512kb or 1mb');
  return value.trim().toLowerCase();
}

export function timestamp(value: string): string {
  if (!isRfc3339(value)) throw new InvalidArgumentError('expected an RFC 3339 timestamp such as 2025-03-14T09:00:00Z');
  return value;
}

/** Secrets from --secret flags, else CONNECTOR_INBOX_SECRET (comma-separated). */
export function secretsFrom(flags: string[] | undefined, env: NodeJS.ProcessEnv = process.env): string[] {
  if (flags?.length) return flags;
  return (env.CONNECTOR_INBOX_SECRET ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** An http:// or https:// URL (the receivers the simulator and the checks talk to). */
export function httpUrl(value: string): URL {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new InvalidArgumentError(`"${value}" is not a URL (expected e.g. http://127.0.0.1:8080/dt).`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new InvalidArgumentError(`expected an http:// or https:// URL, got ${u.protocol}//.`);
  return u;
}

/** A whole number within min..max. */
export function wholeNumber(min: number, max: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!/^\s*-?\d+\s*$/.test(v) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`expected a whole number, got "${v}".`);
    if (n < min || n > max) throw new InvalidArgumentError(`expected ${min}..${max}, got ${n}.`);
    return n;
  };
}

/** A number within min..max. */
export function numberIn(min: number, max: number) {
  return (v: string): number => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`expected a number, got "${v}".`);
    if (n < min || n > max) throw new InvalidArgumentError(`expected ${min}..${max}, got ${n}.`);
    return n;
  };
}
