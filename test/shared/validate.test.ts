import { describe, expect, it } from 'vitest';
import { validateEventBody } from '../../shared/dt/validate';
import { KNOWN_EVENT_TYPES } from '../../shared/dt/types';
import { eventFixtures } from '../fixtures';

const fixtures = eventFixtures();
const clone = <T>(v: T): T => structuredClone(v);

describe('validateEventBody', () => {
  it('has a fixture for each of the 19 types, and each is accepted without warnings', () => {
    expect([...fixtures.keys()].sort()).toEqual([...KNOWN_EVENT_TYPES].sort());
    for (const [type, body] of fixtures) {
      const r = validateEventBody(body);
      expect(r.ok, type).toBe(true);
      if (r.ok) {
        expect(r.warnings, type).toEqual([]);
        expect(r.knownType).toBe(true);
        expect(r.deviceId).toMatch(/^emuctst(dev|ccon)/);
      }
    }
  });

  it.each([
    ['event.eventId', (b: any) => { b.event.eventId = ''; }, /non-empty/],
    ['event.eventId', (b: any) => { delete b.event.eventId; }, /expected string/i],
    ['event.eventType', (b: any) => { b.event.eventType = 7; }, /expected string/i],
    ['event.targetName', (b: any) => { b.event.targetName = 'devices/x'; }, /projects\/<projectId>\/devices\/<deviceId>/],
    ['event.timestamp', (b: any) => { b.event.timestamp = '2025-03-14 09:26'; }, /RFC 3339/],
    ['event', (b: any) => { delete b.event; }, /expected object/i],
  ])('rejects a bad %s with its path', (path, mutate, message) => {
    const body = clone(fixtures.get('touch')!);
    mutate(body);
    const r = validateEventBody(body);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('rejects non-objects', () => {
    for (const v of [null, 3, 'x', [], true]) expect(validateEventBody(v).ok).toBe(false);
  });

  it('accepts an unknown event type with a warning', () => {
    const body = clone(fixtures.get('touch')!) as any;
    body.event.eventType = 'levitation';
    body.event.data = { levitation: { height: 3 } };
    const r = validateEventBody(body);
    expect(r).toMatchObject({ ok: true, knownType: false });
    if (r.ok) expect(r.warnings.join()).toMatch(/unknown event type "levitation"/);
  });

  it('accepts odd data, missing metadata and bad labels, with precise warnings', () => {
    const body = clone(fixtures.get('temperature')!) as any;
    body.event.data.temperature.value = 'warm';
    delete body.metadata;
    body.labels = { name: 5 };
    const r = validateEventBody(body);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.warnings).toContain('event.data.temperature.value: Invalid input: expected number, received string');
      expect(r.warnings.some((w) => w.startsWith('metadata: missing'))).toBe(true);
      expect(r.warnings.some((w) => w.startsWith('labels:'))).toBe(true);
    }
  });

  it('warns when data does not hold the type key', () => {
    const body = clone(fixtures.get('co2')!) as any;
    body.event.data = { temperature: { value: 1 } };
    const r = validateEventBody(body);
    expect(r.ok && r.warnings).toEqual(['event.data.co2: missing (data has "temperature")']);
  });

  it('warns when metadata disagrees with targetName', () => {
    const body = clone(fixtures.get('touch')!) as any;
    body.metadata.deviceId = 'other';
    const r = validateEventBody(body);
    expect(r.ok && r.warnings.join()).toMatch(/metadata.deviceId "other" differs/);
  });
});
