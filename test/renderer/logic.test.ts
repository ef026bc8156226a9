import { describe, expect, it } from 'vitest';
import { formatDuration, matchLine, formatTime } from '../../renderer/src/logic/format';
import { listAction, moveIndex } from '../../renderer/src/logic/keyboard';
import { isSilent, latestValues } from '../../renderer/src/logic/devices';
import { ackWarning, barHeights, formatShare, typeRows } from '../../renderer/src/logic/overview';
import { prettyBody, receiveLatency, signatureVerdict } from '../../renderer/src/logic/detail';
import { connectorSteps, parseSecrets } from '../../renderer/src/logic/setup';
import { deliveriesBadge, eventFlags } from '../../renderer/src/logic/event-flags';
import { toUplotData } from '../../renderer/src/logic/series';
import { typeLook } from '../../renderer/src/logic/event-types';
import { parseOpenEventHash } from '../../renderer/src/logic/open-event';

describe('format', () => {
  it('shows the count of matches', () => {
    expect(matchLine(1234, 100000)).toBe('1,234 of 100,000 events');
    expect(matchLine(3, 3)).toBe('3 events');
    expect(matchLine(1, 1)).toBe('1 event');
  });
  it('formats durations and times', () => {
    expect(formatDuration(450)).toBe('450 ms');
    expect(formatDuration(3200)).toBe('3.2 s');
    expect(formatDuration(-1500)).toBe('−1.5 s');
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 5 min');
    const t = new Date(2025, 2, 14, 9, 26, 53, 589);
    expect(formatTime(t.toISOString(), t)).toBe('09:26:53.589');
    expect(formatTime(t.toISOString(), new Date(2025, 2, 15))).toBe('2025-03-14 09:26:53.589');
    expect(formatTime('not a time')).toBe('not a time');
  });
});

describe('keyboard', () => {
  it('maps keys, but leaves typing in text fields alone except Esc', () => {
    expect(listAction({ key: 'j' }, false)).toBe('down');
    expect(listAction({ key: 'ArrowUp' }, false)).toBe('up');
    expect(listAction({ key: '/' }, false)).toBe('focusSearch');
    expect(listAction({ key: 'j' }, true)).toBeNull();
    expect(listAction({ key: 'Escape' }, true)).toBe('clear');
    expect(listAction({ key: 'k', ctrlKey: true }, false)).toBeNull();
    expect(listAction({ key: 'x' }, false)).toBe('toggleCheck');
    expect(listAction({ key: 'x' }, true)).toBeNull();
    expect(moveIndex(-1, 'down', 5)).toBe(0);
    expect(moveIndex(4, 'down', 5)).toBe(4);
    expect(moveIndex(0, 'up', 5)).toBe(0);
    expect(moveIndex(0, 'down', 0)).toBe(-1);
  });
});

describe('devices', () => {
  it('flags devices silent for more than 30 minutes', () => {
    const now = Date.parse('2025-03-14T10:00:00Z');
    expect(isSilent({ lastSeen: '2025-03-14T09:31:00Z' }, now)).toBe(false);
    expect(isSilent({ lastSeen: '2025-03-14T09:29:00Z' }, now)).toBe(true);
  });
  it('orders latest values measurements first', () => {
    const v = { eventId: 'e', timestamp: 't', summary: 's', receivedAt: 'r' };
    expect(latestValues({ latest: { networkStatus: v, touch: v, temperature: v } }).map(([t]) => t)).toEqual(['temperature', 'touch', 'networkStatus']);
  });
});

describe('overview', () => {
  it('warns when ack latency approaches the 10 s limit', () => {
    expect(ackWarning({ ackMsP99: 40, ackMsMax: 120 })).toBeNull();
    expect(ackWarning({ ackMsP99: 5200, ackMsMax: 6000 })).toMatch(/slow/);
    expect(ackWarning({ ackMsP99: 800, ackMsMax: 10_500 })).toMatch(/10 s/);
    expect(ackWarning({ ackMsP99: null, ackMsMax: null })).toBeNull();
  });
  it('ranks types and scales bars', () => {
    expect(typeRows({ a: 1, b: 3 }).map((r) => r.type)).toEqual(['b', 'a']);
    // bars are relative to the most frequent type: similar counts are similar long bars, not slivers
    expect(typeRows({ a: 50, b: 100, c: 98 }).map((r) => [r.type, r.width])).toEqual([['b', 1], ['c', 0.98], ['a', 0.5]]);
    expect(typeRows({ a: 1, b: 3 }).map((r) => r.share)).toEqual([0.75, 0.25]);
    expect(typeRows({})).toEqual([]);
    expect([formatShare(0.375), formatShare(0.001), formatShare(0)]).toEqual(['38 %', '<1 %', '0 %']);
    expect(barHeights([0, 5, 10])).toEqual([0, 50, 100]);
  });
});

describe('detail', () => {
  it('computes the event-to-arrival latency at display precision', () => {
    expect(receiveLatency({ timestamp: '2025-03-14T09:26:53.589793Z', receivedAt: '2025-03-14T09:26:54.089Z' })?.text).toBe('500 ms after the event time');
    expect(receiveLatency({ timestamp: '2025-03-14T09:26:55Z', receivedAt: '2025-03-14T09:26:54Z' })?.text).toMatch(/before the event time/);
  });
  it('pretty-prints JSON bodies and keeps other text as is', () => {
    expect(prettyBody({ raw: '{"a":1}', body: { a: 1 } })).toBe('{\n  "a": 1\n}');
    expect(prettyBody({ raw: '<html>', body: null })).toBe('<html>');
  });
  it('explains an unverified signature', () => {
    expect(signatureVerdict({ signature: 'valid', deliveryLog: [] }).ok).toBe(true);
    const d = { receivedAt: '', path: '/', remoteAddress: '', status: 200, outcome: 'accepted' as const };
    expect(signatureVerdict({ signature: 'unverified', deliveryLog: [{ ...d, headers: { 'x-dt-signature': 'x' } }] }).detail).toMatch(/no signature secret is configured/);
  });
});

describe('setup', () => {
  it('walks through the DT Studio steps with the public URL', () => {
    const steps = connectorSteps('https://x.ngrok.app', 1);
    expect(steps.find((s) => s.title === 'Endpoint URL')?.value).toBe('https://x.ngrok.app');
    expect(steps.map((s) => s.text).join(' ')).toMatch(/Only subscribe to the events you need/);
    expect(steps.map((s) => s.text).join(' ')).toMatch(/Disable the connector/);
    expect(connectorSteps(null, 0).find((s) => s.title === 'Endpoint URL')?.value).toBeUndefined();
  });
  it('parses one secret per line', () => {
    expect(parseSecrets(' a \n\nb\r\n')).toEqual({ ok: true, secrets: ['a', 'b'] });
    expect(parseSecrets(Array(11).fill('x').join('\n')).ok).toBe(false);
  });
});

describe('rows', () => {
  it('flags and badges', () => {
    expect(eventFlags({ stale: true, signature: 'unverified', knownType: false, warnings: ['w'] }).map((f) => f.key)).toEqual(['stale', 'unverified', 'unknownType', 'warnings']);
    expect(deliveriesBadge(1)).toBeNull();
    expect(deliveriesBadge(3)).toBe('×3');
    expect(typeLook('brandNewType')).toMatchObject({ tone: 'unknown', label: 'brandNewType' });
  });
  it('converts series to uPlot columns in seconds, sorted', () => {
    expect(toUplotData({ name: 't', points: [[2000, 2], [1000, 1]] })).toEqual([[1, 2], [1, 2]]);
  });
});

describe('open event hash', () => {
  it('reads #event=<id> and nothing else', () => {
    expect(parseOpenEventHash('#event=abc%2F1')).toBe('abc/1');
    expect(parseOpenEventHash('')).toBeNull();
    expect(parseOpenEventHash('#event=')).toBeNull();
    expect(parseOpenEventHash('#event=%E0%A4%A')).toBeNull();
    expect(parseOpenEventHash('#other=1')).toBeNull();
  });
});
