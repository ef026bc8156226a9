/** Loads the DT fixtures the project carries in test/fixtures/dt (see its README for their origin). */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const FIXTURES = resolve(__dirname, 'fixtures/dt');

export interface SignedVector {
  name: string;
  secret: string;
  headers: Record<string, string>;
  rawBody: string;
  expect?: string;
  claims?: { iat: number; exp: number };
  expectedClaims?: { iat: number; exp: number };
}

export const signatureVectors = (): SignedVector[] => JSON.parse(readFileSync(join(FIXTURES, 'dt-signature-vectors.json'), 'utf8'));
export const realRequests = (): SignedVector[] => JSON.parse(readFileSync(join(FIXTURES, 'dt-real-requests.json'), 'utf8'));

/** eventType → the fixture body (pretty-printed on disk; callers compact it). */
export function eventFixtures(): Map<string, Record<string, unknown>> {
  const dir = join(FIXTURES, 'dt-events');
  return new Map(readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, f), 'utf8'))]));
}
