/** A realistic inbox for the fake-api e2e run and its screenshots. */
import { FakeInboxApi } from '../renderer/fake-api';
import { makeBody } from '../renderer/fake-events';

export const XSS_NAME = '<img src=x onerror=alert(1)>';

const iso9 = (ms: number) => new Date(ms).toISOString().replace('Z', '000Z');

export function seedDemo(api: FakeInboxApi, now = Date.now(), temperaturePoints = 20_000): void {
  // A fridge thermometer with a long history: enough rows to prove the list is virtualised.
  for (let i = temperaturePoints; i > 0; i--) {
    const t = now - i * 15_000;
    const value = 4 + Math.sin(i / 400) * 1.5 + Math.sin(i / 37) * 0.2;
    api.deliver(
      makeBody({ eventId: `tmp${i}`, deviceId: 'emufridge0000000000003', labels: { name: 'Fridge 3', room: 'kitchen' }, deviceType: 'temperature', value: Math.round(value * 100) / 100, timestamp: iso9(t) }),
      { receivedAt: new Date(t + 350).toISOString(), ackMs: 2 + (i % 7) },
    );
  }
  const recent = (sec: number) => ({ timestamp: iso9(now - sec * 1000), receivedAt: new Date(now - sec * 1000 + 420).toISOString() });
  const deliver = (sec: number, input: Parameters<typeof makeBody>[0], opts: Parameters<FakeInboxApi['deliver']>[1] = {}) => {
    const r = recent(sec);
    return api.deliver(makeBody({ timestamp: r.timestamp, ...input }), { receivedAt: r.receivedAt, ...opts });
  };
  for (let m = 50; m > 0; m -= 3) {
    deliver(m * 60, { eventId: `hum${m}`, eventType: 'humidity', deviceId: 'emuhumid000000000004', labels: { name: 'Office humidity' }, value: 40 + (m % 5) });
    deliver(m * 60 + 5, { eventId: `co2${m}`, eventType: 'co2', deviceId: 'emuco2000000000000007', labels: { name: 'Meeting room CO₂' }, value: 450 + m * 9 });
  }
  deliver(600, { eventId: 'net1', eventType: 'networkStatus', deviceId: 'emuhumid000000000004', labels: { name: 'Office humidity' } });
  deliver(400, { eventId: 'bat1', eventType: 'batteryStatus', deviceId: 'emuctstdev0000000001', labels: { name: 'Meeting room button' }, value: 87 });
  const touch = makeBody({ eventId: 'touch-dup', eventType: 'touch', deviceId: 'emuctstdev0000000001', labels: { name: 'Meeting room button' }, ...recent(120) });
  api.deliver(touch, { receivedAt: recent(120).receivedAt });
  api.deliver(touch, { receivedAt: new Date(now - 118_000).toISOString() }); // DT retried: at-least-once
  deliver(90, { eventId: 'door-open', eventType: 'contact', deviceId: 'emudoor00000000000009', labels: { name: 'Back door' }, value: 'OPEN' }, { signature: 'unverified', headers: { 'content-type': 'application/json' } });
  deliver(300, { eventId: 'door-late', eventType: 'contact', deviceId: 'emudoor00000000000009', labels: { name: 'Back door' }, value: 'CLOSED' });
  deliver(60, { eventId: 'weird', eventType: 'thermalImage', deviceId: 'emunew000000000000011', labels: {} }, { warnings: ['unknown event type thermalImage: stored as received'] });
  deliver(45, { eventId: 'xss-label', eventType: 'touch', deviceId: 'emuevil00000000000066', labels: { name: XSS_NAME } });
  deliver(30, { eventId: 'water1', eventType: 'waterPresent', deviceId: 'emuwater0000000000012', labels: { name: 'Basement floor' }, value: 'PRESENT' });
  api.reject({
    receivedAt: new Date(now - 200_000).toISOString(), path: '/', remoteAddress: '203.0.113.7', status: 401, error: 'invalid_signature',
    message: 'X-Dt-Signature does not verify with any configured secret', diagnosis: 'The Data Connector signs with a different secret: copy the same secret into Setup.',
    headers: { 'x-dt-signature': 'eyJhbGciOi…' }, bodyPreview: '{"event":{"eventId":"ctstevt0000000000001","targetName":"projects/p/devices/d","eventType":"touch"', bodyBytes: 412,
  });
  api.reject({
    receivedAt: new Date(now - 100_000).toISOString(), path: '/hook', remoteAddress: '198.51.100.23', status: 400, error: 'invalid_json',
    message: 'Unexpected token < in JSON at position 0', diagnosis: 'Not a DT delivery: something else found this URL.',
    headers: {}, bodyPreview: '<script>alert("rejected")</script>', bodyBytes: 34,
  });
  api.status = { ...api.status, secretsConfigured: 1, authtokenConfigured: true, tunnel: { state: 'online', url: 'https://inbox-demo.ngrok.app' } };
}
