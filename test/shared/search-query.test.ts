import { describe, expect, it } from 'vitest';
import { parseSearch, searchProblem } from '../../shared/search-query';
import { explainSearch } from '../../shared/search-match';
import { compileFilter } from '../../shared/filter';
import { summaryNumber } from '../../shared/dt/summary';
import { parseArguments } from '../../shared/api/arguments';
import type { EventSummary } from '../../shared/records';

const ev = (o: Partial<EventSummary>): EventSummary => ({
  seq: 1, eventId: 'evt-a', eventType: 'temperature', projectId: 'prj-lab', deviceId: 'dev-1', deviceName: 'Fridge', labels: { name: 'Fridge', room: 'Kitchen' },
  timestamp: '2025-03-14T09:00:00Z', receivedAt: '2025-03-14T09:00:01.000Z', deliveries: 1, signature: 'valid', warnings: [],
  stale: false, knownType: true, summary: '21.4 °C', source: 'connector', ...o,
});

const rows = [
  ev({ eventId: 'evt-a' }),
  ev({ eventId: 'evt-b', summary: '4.5 °C', deviceId: 'dev-2', deviceName: 'Freezer', labels: { name: 'Freezer', room: 'Cellar' } }),
  ev({ eventId: 'evt-c', summary: '-18.0 °C', deviceId: 'dev-2', deviceName: 'Freezer', labels: { name: 'Freezer' } }),
  ev({ eventId: 'evt-d', eventType: 'humidity', summary: '61 %RH, 22.0 °C', deviceId: 'dev-3', deviceName: 'Hall', labels: { name: 'Hall' } }),
  ev({ eventId: 'evt-e', eventType: 'co2', summary: '1200 ppm', deviceId: 'dev-4', deviceName: 'Office', projectId: 'prj-other', labels: {} }),
  ev({ eventId: 'evt-f', eventType: 'touch', summary: 'touch', deviceId: 'dev-5', deviceName: 'Button', labels: { floor: '2' } }),
  ev({ eventId: 'evt-g', eventType: 'touchCount', summary: '7 touches', deviceId: 'dev-5', deviceName: 'Button', labels: {} }),
  ev({ eventId: 'evt-h', eventType: 'temperature', summary: 'temperature', deviceName: 'Odd', labels: {} }), // data without a value
];
const ids = (text: string) => rows.filter(compileFilter({ text })).map((r) => r.eventId.slice(4));

describe('search grammar', () => {
  it('keeps plain words as one phrase, searched as before (ignoring case, labels as key=value)', () => {
    expect(parseSearch('  Kitchen  Fridge ')).toEqual({ phrase: 'kitchen  fridge', terms: [], errors: [] });
    expect(ids('FREEZER')).toEqual(['b', 'c']);
    expect(ids('room=kitchen')).toEqual(['a']);
    expect(ids('floor=2')).toEqual(['f']); // `=` with a name that is not a value stays a word
    expect(ids('22.0')).toEqual(['d']);
    expect(ids('aa:bb:cc')).toEqual([]); // a MAC address is a word, not an unknown field
    expect(parseSearch('aa:bb:cc').errors).toEqual([]);
  });

  it('parses field:value terms, quoted values and comparisons', () => {
    expect(parseSearch('type:Temperature device:"Walk in" label:room=Kitchen label:floor project:p eventId:E1 temperature>=20.5 value<.5').terms).toEqual([
      { kind: 'type', value: 'temperature' },
      { kind: 'device', value: 'walk in' },
      { kind: 'label', key: 'room', value: 'kitchen' },
      { kind: 'label', key: 'floor' },
      { kind: 'project', value: 'p' },
      { kind: 'eventId', value: 'e1' },
      { kind: 'number', name: 'temperature', op: '>=', value: 20.5 },
      { kind: 'number', name: 'value', op: '<', value: 0.5 },
    ]);
    expect(parseSearch('EVENTID:x CO2=-3').terms).toEqual([{ kind: 'eventId', value: 'x' }, { kind: 'number', name: 'co2', op: '=', value: -3 }]);
    expect(parseSearch('fridge type:temperature cold').phrase).toBe('fridge cold');
  });

  it('ANDs terms with each other and with the words', () => {
    expect(ids('type:temperature')).toEqual(['a', 'b', 'c', 'h']);
    expect(ids('type:touch')).toEqual(['f']); // exact: not touchCount
    expect(ids('device:freezer')).toEqual(['b', 'c']);
    expect(ids('device:DEV-3')).toEqual(['d']); // the id too
    expect(ids('label:room')).toEqual(['a', 'b']);
    expect(ids('label:room=cell')).toEqual(['b']);
    expect(ids('project:other')).toEqual(['e']);
    expect(ids('eventId:evt-g')).toEqual(['g']);
    expect(ids('device:freezer label:room')).toEqual(['b']);
    expect(ids('device:freezer 18')).toEqual(['c']);
    expect(ids('device:"freezer" type:touch')).toEqual([]);
  });

  it('compares the value the list shows, per type or any type', () => {
    expect(ids('temperature>20')).toEqual(['a']);
    expect(ids('temperature<=4.5')).toEqual(['b', 'c']);
    expect(ids('temperature<4.5')).toEqual(['c']);
    expect(ids('temperature=21.4')).toEqual(['a']);
    expect(ids('humidity>=60')).toEqual(['d']);
    expect(ids('humidity>61')).toEqual([]);
    expect(ids('co2>1000')).toEqual(['e']);
    expect(ids('touchCount>5')).toEqual(['g']);
    expect(ids('value>100')).toEqual(['e']);
    expect(ids('temperature>-100 device:freezer')).toEqual(['b', 'c']);
  });

  it('refuses what it cannot use, naming what it knows', () => {
    expect(searchProblem('temprature>20')).toMatch(/^unknown field 'temprature' \(did you mean temperature\?\); known: type: device: label: project: eventId: and comparisons .* on value, temperature, humidity/);
    expect(searchProblem('colour:red')).toMatch(/^unknown field 'colour'; known: type:/);
    expect(searchProblem('temperature>')).toBe('temperature> needs a number, e.g. temperature>20');
    expect(searchProblem('temperature>warm')).toBe('temperature> needs a number, e.g. temperature>20');
    expect(searchProblem('temperature:20')).toMatch(/temperature is compared, not matched: e\.g\. temperature>20/);
    expect(searchProblem('device:')).toMatch(/^device: needs a value/);
    expect(searchProblem('label:=x')).toMatch(/needs a key/);
    expect(searchProblem('fridge temperature>20')).toBeUndefined();
    expect(parseSearch('colour:red temprature>1').errors).toHaveLength(2);
    // a search with a problem matches nothing, and the contract refuses it with the reason
    expect(ids('temprature>20 fridge')).toEqual([]);
    expect(parseArguments('queryEvents', [{ filter: { text: 'temprature>20' }, offset: 0, limit: 10 }])).toMatchObject({ ok: false, error: expect.stringContaining("unknown field 'temprature'") });
    expect(parseArguments('queryEvents', [{ filter: { text: 'temperature>20' }, offset: 0, limit: 10 }])).toMatchObject({ ok: true });
  });
});

describe('why a row matched', () => {
  it('names the field and the matched part of its text for every term', () => {
    const [a, , , d] = rows;
    expect(explainSearch(parseSearch('kitch'), a!)).toEqual([{ field: 'label', label: 'label room', text: 'room=Kitchen', start: 5, end: 10 }]);
    expect(explainSearch(parseSearch('fridge temperature>20'), a!)).toEqual([
      { field: 'deviceName', label: 'device name', text: 'Fridge', start: 0, end: 6 },
      { field: 'summary', label: 'value', text: '21.4 °C', start: 0, end: 4 },
    ]);
    expect(explainSearch(parseSearch('humidity>50 label:name'), d!)).toEqual([
      { field: 'summary', label: 'value', text: '61 %RH, 22.0 °C', start: 0, end: 2 },
      { field: 'label', label: 'label name', text: 'name=Hall', start: 0, end: 4 },
    ]);
    expect(explainSearch(parseSearch('type:TEMPERATURE eventId:t-a'), a!).map((h) => [h.label, h.text.slice(h.start, h.end)])).toEqual([['type', 'temperature'], ['event id', 't-a']]);
    expect(explainSearch(parseSearch('temperature>30'), a!)).toEqual([]); // no match, no hits
  });
});

describe('summaryNumber', () => {
  it('reads the number each numeric summary shows, and none from others', () => {
    expect(summaryNumber('temperature', '-3.5 °C')).toEqual({ value: -3.5, start: 0, end: 4 });
    expect(summaryNumber('networkStatus', 'signal 80 % (-60 dBm)')).toEqual({ value: 80, start: 7, end: 9 });
    expect(summaryNumber('pressure', '1013.2 hPa')?.value).toBe(1013.2);
    expect(summaryNumber('batteryStatus', '90 % battery')?.value).toBe(90);
    expect(summaryNumber('humidity', '22.0 °C')).toBeUndefined(); // no %RH: the temperature is not the humidity
    expect(summaryNumber('temperature', 'temperature')).toBeUndefined();
    expect(summaryNumber('contact', 'OPEN')).toBeUndefined();
    expect(summaryNumber('constructor', '1 °C')).toBeUndefined();
  });
});
