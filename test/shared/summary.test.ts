import { describe, expect, it } from 'vitest';
import { deviceDisplayName, eventHeadline, summarizeEvent } from '../../shared/dt/summary';
import { eventFixtures } from '../fixtures';

const fixtures = eventFixtures();

describe('sensor summaries', () => {
  it.each([
    ['temperature', '21.4 °C'],
    ['objectPresent', 'PRESENT'],
    ['touch', 'touch'],
    ['batteryStatus', /^\d+ % battery$/],
    ['humidity', /^[\d.]+ %RH, [\d.]+ °C$/],
    ['co2', /^\d+ ppm$/],
    ['pressure', /^[\d.]+ hPa$/],
    ['networkStatus', /^signal 45 % \(-83 dBm\)$/],
    ['labelsChanged', 'labels: 1 added, 1 modified, 1 removed'],
    ['waterPresent', /^(NOT_)?PRESENT$/],
  ])('%s → %s', (type, expected) => {
    const s = summarizeEvent(fixtures.get(type) as any);
    if (typeof expected === 'string') expect(s).toBe(expected);
    else expect(s).toMatch(expected);
  });
  it('every fixture has a summary other than its bare type, except touch', () => {
    for (const [type, body] of fixtures) if (type !== 'touch') expect(summarizeEvent(body as any), type).not.toBe(type);
  });
  it('falls back to the type name when data is odd', () => {
    expect(summarizeEvent({ event: { eventType: 'temperature', data: { temperature: { value: 'hot' } } } } as any)).toBe('temperature');
    expect(summarizeEvent({ event: { eventType: 'temperature', data: null } } as any)).toBe('temperature');
  });
  it('names devices by their name label, else the id', () => {
    expect(deviceDisplayName({ name: 'Basement' }, 'd1')).toBe('Basement');
    expect(deviceDisplayName({ name: '  ' }, 'd1')).toBe('d1');
    expect(deviceDisplayName(undefined, 'd1')).toBe('d1');
  });
  it('headlines speak in sensor terms', () => {
    expect(eventHeadline('waterPresent', 'PRESENT')).toBe('Water detected');
    expect(eventHeadline('temperature', '21.4 °C')).toBe('temperature: 21.4 °C');
  });
});
