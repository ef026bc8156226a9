/**
 * The InboxApi contract as a user of the inspector sees it, run over any implementation:
 * the real service (createInboxApi behind the receiver) and FakeInboxApi, which the renderer,
 * UI server and e2e tests lean on. Same DT deliveries in, same answers out: filtering, paging
 * newest first, dedupe by eventId, stale flags, devices, counts. Fields that depend on the
 * moment or the socket (receivedAt, ackMs, seq, request headers) are left out of the comparison.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxApi, PushMessage } from '../../shared/api/contract';
import type { EventFilter } from '../../shared/filter';
import type { DeviceState, EventDetail, EventSummary } from '../../shared/records';
import { summarizeEvent } from '../../shared/dt/summary';
import type { DtRequestBody } from '../../shared/dt/types';
import { eventFixtures } from '../fixtures';
import { until } from '../core/helpers';

export interface InboxUnderTest {
  api: InboxApi;
  /** One delivery as DT makes it (signed): a new eventId or a redelivery. Resolves once acknowledged. */
  deliver(body: DtRequestBody): Promise<void>;
  close(): Promise<void>;
}

const fixtures = eventFixtures();
const P1 = 'contractprj000000001';
const P2 = 'contractprj000000002';
const A = 'contractdev000000000000a';
const B = 'contractdev000000000000b';
const ts = (hms: string) => `2026-03-02T${hms}.000000Z`;

/** A DT body of `type` from the fixtures, with its ids, time and labels replaced. */
export function body(o: { id: string; type: string; device: string; project?: string; at: string; labels: Record<string, string>; deviceType: string }): DtRequestBody {
  const b = structuredClone(fixtures.get(o.type)) as unknown as DtRequestBody & { event: { data: Record<string, { updateTime?: string; samples?: Array<{ sampleTime?: string }> }> } };
  const project = o.project ?? P1;
  b.event.eventId = o.id;
  b.event.targetName = `projects/${project}/devices/${o.device}`;
  b.event.timestamp = o.at;
  const inner = b.event.data[o.type];
  if (inner && typeof inner === 'object' && 'updateTime' in inner) inner.updateTime = o.at;
  for (const sample of inner?.samples ?? []) sample.sampleTime = o.at;
  b.labels = o.labels;
  b.metadata = { ...b.metadata!, deviceId: o.device, projectId: project, deviceType: o.deviceType };
  return b;
}

const fridge = { name: 'Fridge', room: 'lab' };
const a = (id: string, type: string, at: string, labels: Record<string, string> = fridge) => body({ id, type, device: A, at: ts(at), labels, deviceType: 'temperature' });
const b = (id: string, type: string, at: string, labels: Record<string, string>) => body({ id, type, device: B, at: ts(at), labels, deviceType: 'humidity' });

/** Arrival order; e3 and e4 are delivered twice, e4 arrives after a newer temperature of A (stale). */
const E = {
  e1: a('contractevt000000001', 'temperature', '10:00:00'),
  e2: b('contractevt000000002', 'humidity', '10:00:30', { room: 'office' }),
  e3: a('contractevt000000003', 'temperature', '10:05:00'),
  e4: a('contractevt000000004', 'temperature', '10:02:00'),
  e5: b('contractevt000000005', 'co2', '10:06:00', { room: 'office', name: 'Meeting room' }),
  // an older touch with other labels: not stale (another type), and the device keeps its newer labels
  e6: a('contractevt000000006', 'touch', '09:59:00', { room: 'kitchen' }),
};
const SCRIPT: DtRequestBody[] = [E.e1, E.e2, E.e3, E.e4, E.e3, E.e5, E.e6, E.e4];
const id = (k: keyof typeof E) => E[k].event.eventId;

/** The stable part of a row: what a user sees in the list. */
function row(s: EventSummary) {
  const { seq: _seq, receivedAt: _r, ...rest } = s;
  return rest;
}

export function inboxApiContract(name: string, make: () => Promise<InboxUnderTest>): void {
  describe(`InboxApi contract: ${name}`, () => {
    let inbox: InboxUnderTest;
    let api: InboxApi;
    const pushes: PushMessage[] = [];
    beforeAll(async () => {
      inbox = await make();
      api = inbox.api;
      api.subscribe((m) => pushes.push(m));
      for (const body of SCRIPT) await inbox.deliver(body);
    });
    afterAll(() => inbox?.close());

    const ids = async (filter: EventFilter, offset = 0, limit = 100) => {
      const r = await api.queryEvents({ filter, offset, limit });
      if (!r.ok) throw new Error(r.error);
      return { total: r.value.total, matched: r.value.matched, ids: r.value.rows.map((x) => x.eventId) };
    };

    it('lists each event once, newest arrival first, with paging', async () => {
      expect(await ids({})).toEqual({ total: 6, matched: 6, ids: [id('e6'), id('e5'), id('e4'), id('e3'), id('e2'), id('e1')] });
      expect(await ids({}, 2, 2)).toEqual({ total: 6, matched: 6, ids: [id('e4'), id('e3')] });
      expect(await ids({}, 6, 10)).toEqual({ total: 6, matched: 6, ids: [] });
      expect(await ids({ types: ['temperature'] }, 1, 1)).toEqual({ total: 6, matched: 3, ids: [id('e3')] });
    });

    it('filters by type, device, label, text and event time', async () => {
      const only = async (filter: EventFilter) => (await ids(filter)).ids;
      expect(await only({ types: ['temperature'] })).toEqual([id('e4'), id('e3'), id('e1')]);
      expect(await only({ types: ['co2', 'touch'] })).toEqual([id('e6'), id('e5')]);
      expect(await only({ devices: [B] })).toEqual([id('e5'), id('e2')]);
      expect(await only({ labels: ['room=lab'] })).toEqual([id('e4'), id('e3'), id('e1')]);
      expect(await only({ labels: ['name'] })).toEqual([id('e5'), id('e4'), id('e3'), id('e1')]);
      expect(await only({ labels: ['room=office', 'name=Meeting room'] })).toEqual([id('e5')]);
      expect(await only({ text: 'MEETING' })).toEqual([id('e5')]);
      expect(await only({ text: 'fridge' })).toEqual([id('e4'), id('e3'), id('e1')]);
      expect(await only({ text: 'room=kitchen' })).toEqual([id('e6')]);
      expect(await only({ since: ts('10:01:00'), until: ts('10:05:00') })).toEqual([id('e4'), id('e3')]);
      expect(await only({ devices: [A], types: ['temperature'], since: ts('10:01:00') })).toEqual([id('e4'), id('e3')]);
      expect(await only({ devices: ['nobody'] })).toEqual([]);
    });

    it('counts a redelivery on the event it repeats, never as a new event', async () => {
      expect((await ids({ duplicatesOnly: true })).ids).toEqual([id('e4'), id('e3')]);
      const page = await api.queryEvents({ filter: {}, offset: 0, limit: 100 });
      const deliveries = Object.fromEntries(page.ok ? page.value.rows.map((r) => [r.eventId, r.deliveries]) : []);
      expect(deliveries).toEqual({ [id('e1')]: 1, [id('e2')]: 1, [id('e3')]: 2, [id('e4')]: 2, [id('e5')]: 1, [id('e6')]: 1 });
    });

    it('flags an event older than its device\'s latest of the same type as stale, and only that one', async () => {
      expect((await ids({ staleOnly: true })).ids).toEqual([id('e4')]);
      expect((await ids({ unverifiedOnly: true })).ids).toEqual([]);
      expect((await ids({ warningsOnly: true })).ids).toEqual([]);
    });

    it('getEvent answers the whole event: body as received, deliveries, flags; a row is its summary', async () => {
      const r = await api.getEvent(id('e3'));
      if (!r.ok) throw new Error(r.error);
      const d: EventDetail = r.value;
      expect(d).toMatchObject({
        eventId: id('e3'), eventType: 'temperature', projectId: P1, deviceId: A, deviceType: 'temperature', deviceName: 'Fridge',
        labels: fridge, timestamp: ts('10:05:00'), deliveries: 2, signature: 'valid', warnings: [], stale: false, knownType: true,
        summary: summarizeEvent(E.e3),
      });
      expect(JSON.parse(d.raw)).toEqual(E.e3);
      expect(d.body).toEqual(E.e3);
      expect(d.deliveryLog.map((x) => [x.outcome, x.status])).toEqual([['accepted', 200], ['duplicate', 200]]);
      const stale = await api.getEvent(id('e4'));
      expect(stale.ok && [stale.value.stale, stale.value.deliveries]).toEqual([true, 2]);

      const page = await api.queryEvents({ filter: {}, offset: 0, limit: 100 });
      const listed = page.ok ? page.value.rows.find((x) => x.eventId === id('e3')) : undefined;
      const { raw: _raw, body: _body, deliveryLog: _log, ...summary } = d;
      expect(row(listed!)).toEqual(row(summary));
    });

    it('getEvent of an unknown eventId is a failure with a message, not a throw', async () => {
      const r = await api.getEvent('contractevtnotthere00');
      expect(r).toEqual({ ok: false, error: expect.stringContaining('contractevtnotthere00') });
    });

    it('devices: one per device, latest value per type by event time, stale deliveries, labels of the newest event', async () => {
      const r = await api.listDevices();
      if (!r.ok) throw new Error(r.error);
      const byId = new Map<string, DeviceState>(r.value.map((d) => [d.deviceId, d]));
      expect([...byId.keys()].sort()).toEqual([A, B]);
      const da = byId.get(A)!;
      expect(da).toMatchObject({ projectId: P1, deviceType: 'temperature', labels: fridge, name: 'Fridge', eventCount: 4, staleDeliveries: 1 });
      expect(Object.fromEntries(Object.entries(da.latest).map(([t, v]) => [t, [v.eventId, v.timestamp, v.summary]]))).toEqual({
        temperature: [id('e3'), ts('10:05:00'), summarizeEvent(E.e3)],
        touch: [id('e6'), ts('09:59:00'), summarizeEvent(E.e6)],
      });
      const db = byId.get(B)!;
      expect(db).toMatchObject({ projectId: P1, labels: { room: 'office', name: 'Meeting room' }, name: 'Meeting room', eventCount: 2, staleDeliveries: 0 });
      expect(Object.fromEntries(Object.entries(db.latest).map(([t, v]) => [t, v.eventId]))).toEqual({ humidity: id('e2'), co2: id('e5') });
      expect(da.firstSeen <= da.lastSeen).toBe(true);
    });

    it('charts a device: one series per measured quantity over event time, newest event\'s quantities first', async () => {
      const data = (k: keyof typeof E, type: string) => (E[k].event.data as Record<string, Record<string, number>>)[type]!;
      const at = (hms: string) => Date.parse(ts(hms).replace('000Z', 'Z'));
      const sa = await api.getSeries(A);
      expect(sa.ok && sa.value).toEqual([
        { name: 'temperature °C', points: [[at('10:00:00'), data('e1', 'temperature').value], [at('10:02:00'), data('e4', 'temperature').value], [at('10:05:00'), data('e3', 'temperature').value]] },
      ]);
      const sb = await api.getSeries(B);
      expect(sb.ok && sb.value).toEqual([
        { name: 'CO2 ppm', points: [[at('10:06:00'), data('e5', 'co2').ppm]] },
        { name: 'relative humidity %', points: [[at('10:00:30'), data('e2', 'humidity').relativeHumidity]] },
        { name: 'temperature °C', points: [[at('10:00:30'), data('e2', 'humidity').temperature]] },
      ]);
      expect(await api.getSeries('nobody')).toEqual({ ok: true, value: [] });
    });

    it('counts: events, deliveries, duplicates, stale, per type, per minute', async () => {
      const r = await api.getStats();
      if (!r.ok) throw new Error(r.error);
      expect(r.value).toMatchObject({ events: 6, deliveries: 8, duplicates: 2, stale: 1, rejected: 0, byType: { temperature: 3, humidity: 1, co2: 1, touch: 1 } });
      expect(r.value.perMinute).toHaveLength(60);
      expect(r.value.perMinute.reduce((x, y) => x + y, 0)).toBe(6);
      expect(r.value.perMinute[59]! + r.value.perMinute[58]!).toBe(6);
      expect(typeof r.value.ackMsP50).toBe('number');
      const exported = await api.exportEvents({ types: ['temperature'] });
      expect(exported.ok && exported.value.count).toBe(3);
    });

    it('pushes each new event once, with its summary, and nothing for a redelivery', async () => {
      // events close together share one message (at most one per 50 ms): count and order are the contract
      await until(() => (pushes.filter((m) => m.type === 'events').reduce((n, m) => n + m.added, 0) >= 6 ? true : undefined), 'six events pushed');
      const events = pushes.filter((m) => m.type === 'events');
      expect(events.reduce((n, m) => n + m.added, 0)).toBe(6);
      const announced = events.flatMap((m) => m.latest);
      expect(announced.map((s) => s.eventId)).toEqual((['e1', 'e2', 'e3', 'e4', 'e5', 'e6'] as const).map((k) => id(k)));
      const e5 = announced[4]!;
      expect(row(e5)).toMatchObject({ eventId: id('e5'), deviceName: 'Meeting room', deliveries: 1, stale: false, summary: summarizeEvent(E.e5) });
    });

    it('tells devices apart by project: the same deviceId in two projects is two devices, each with its own stale check', async () => {
      const other = await make();
      try {
        const p = (project: string, eid: string, at: string) => body({ id: eid, type: 'temperature', device: A, project, at: ts(at), labels: fridge, deviceType: 'temperature' });
        await other.deliver(p(P1, 'contractevt000000011', '11:00:00'));
        await other.deliver(p(P2, 'contractevt000000012', '10:00:00'));
        const devices = await other.api.listDevices();
        expect(devices.ok && devices.value.map((d) => [d.projectId, d.deviceId, d.eventCount, d.staleDeliveries]).sort()).toEqual([[P1, A, 1, 0], [P2, A, 1, 0]]);
        const stale = await other.api.queryEvents({ filter: { staleOnly: true }, offset: 0, limit: 10 });
        expect(stale.ok && stale.value.matched).toBe(0);
      } finally {
        await other.close();
      }
    });
  });
}
