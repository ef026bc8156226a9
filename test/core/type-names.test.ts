/** Mistyped event type names get the nearest known one; far-off names get the list only. */
import { describe, expect, it } from 'vitest';
import { nearestType, unknownTypesProblem } from '../../shared/dt/type-names';

describe('event type names', () => {
  it('suggests what a typo meant, and nothing for a name far from every type', () => {
    expect(nearestType('temprature')).toBe('temperature');
    expect(nearestType('Touch')).toBe('touch');
    expect(nearestType('co3')).toBe('co2');
    expect(nearestType('objectpresent')).toBe('objectPresent');
    expect(nearestType('banana')).toBeUndefined();
    expect(unknownTypesProblem(['touch', 'co2'])).toBeUndefined();
    expect(unknownTypesProblem(['banana'])).toMatch(/^unknown event type "banana"; known types: touch, temperature, .*probeWireStatus$/);
  });
});
