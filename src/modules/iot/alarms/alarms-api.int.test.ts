import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import type { Who } from '../iot-test-kit.ts';
import { alarmPlatform } from './alarm-test-kit.ts';

type Event = { event: string; data: any };

describe.each(databaseKinds)('alarms in the console (%s)', (kind) => {
  let t: Awaited<ReturnType<typeof alarmPlatform>>;
  let base: string;
  beforeAll(async () => {
    t = await alarmPlatform(kind);
    await t.device({ code: 'MH-0001', profile: 'manhole', department: 'CGJ' });
    await t.device({ code: 'MH-0002', profile: 'manhole', department: 'CGJ' });
    await t.device({
      code: 'WL-0001',
      profile: 'water_level',
      department: 'SLJ',
      attributes: { warning_level: 32, guarantee_level: 34 },
    });
    await t.p.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.p.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => t?.p.close());

  /** Opens the alarm stream as `who`; `next` resolves to the next event of a type. */
  async function stream(who: Who | null) {
    const abort = new AbortController();
    const res = await fetch(`${base}/api/iot/alarms/stream`, {
      headers: who ? { cookie: who.cookie } : {},
      signal: abort.signal,
    });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    const events: Event[] = [];
    let ended = false;
    async function fill() {
      const { value, done } = await reader.read();
      if (done) ended = true;
      buffer += value ?? '';
      let cut = buffer.indexOf('\n\n');
      while (cut >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
        const data = /^data: (.*)$/m.exec(block)?.[1];
        events.push({ event, data: data === undefined ? null : JSON.parse(data) });
        cut = buffer.indexOf('\n\n');
      }
    }
    return {
      res,
      async next(type = 'alarm'): Promise<Event> {
        for (;;) {
          const i = events.findIndex((e) => e.event === type);
          if (i >= 0) return events.splice(0, i + 1).at(-1)!;
          if (ended) throw new Error('the stream ended');
          await fill();
        }
      },
      /** Resolves once the server ends the stream. */
      async ended() {
        while (!ended) await fill();
      },
      close: () => abort.abort(),
    };
  }

  it('pushes each alarm at once to the consoles that may see it, and only to them', async () => {
    const cgj = await stream(t.as.cgj!);
    const slj = await stream(t.as.slj!);
    const leader = await stream(t.as.leader!);
    expect(cgj.res.status).toBe(200);
    expect(cgj.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect((await cgj.next('ping')).event).toBe('ping');

    await t.store([{ device: 'MH-0001', key: 'tilt', value: 23.5 }]);
    const pushed = (await cgj.next()).data;
    expect(pushed).toMatchObject({
      deviceCode: 'MH-0001',
      ruleName: '井盖倾斜',
      status: 'active_unack',
      message: '井盖倾斜：MH-0001 倾角 23.5° > 15°',
    });
    expect(pushed).not.toHaveProperty('departmentId');
    // Then again with the number of the case it opened.
    let withCase = (await cgj.next()).data;
    while (!withCase.caseNumber) withCase = (await cgj.next()).data;
    expect(withCase.id).toBe(pushed.id);
    expect((await leader.next()).data.deviceCode).toBe('MH-0001');

    // SLJ's console got nothing of CGJ's device: its first alarm is its own station's.
    await t.store([{ device: 'WL-0001', key: 'level', value: 32.5 }]);
    expect((await slj.next()).data).toMatchObject({ deviceCode: 'WL-0001', ruleName: '超警戒水位' });
    for (const s of [cgj, slj, leader]) s.close();
  });

  it('refuses the stream to a caller who is not signed in', async () => {
    const anonymous = await stream(null);
    expect(anonymous.res.status).toBe(401);
  });

  it('lists alarms by status and device, each department its own', async () => {
    const list = async (who: Who, query: string) => {
      const res = await t.call('GET', `/api/iot/alarms?${query}`, who);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: { deviceCode: string; caseNumber: string | null }[]; total: number };
    };
    const all = await list(t.as.admin!, 'status=active');
    expect(all.items.map((a) => a.deviceCode).sort()).toEqual(['MH-0001', 'WL-0001']);
    expect(all.total).toBe(2);
    expect(all.items.find((a) => a.deviceCode === 'MH-0001')!.caseNumber).toMatch(/^\d{13}$/);
    expect((await list(t.as.cgj!, 'status=active')).items.map((a) => a.deviceCode)).toEqual(['MH-0001']);
    expect((await list(t.as.slj!, 'status=all')).items.map((a) => a.deviceCode)).toEqual(['WL-0001']);
    expect((await list(t.as.leader!, 'severity=critical')).items.map((a) => a.deviceCode)).toEqual([
      'MH-0001',
    ]);
    expect((await list(t.as.operator!, 'status=cleared')).total).toBe(0);
    expect((await list(t.as.admin!, 'device=WL-0001&profile=water_level')).total).toBe(1);
    expect((await t.call('GET', '/api/iot/alarms?status=bogus', t.as.admin!)).statusCode).toBe(400);
  });

  it("acknowledges and clears: a department only its own devices' alarms, a leader none; each audited", async () => {
    const [mh] = await t.alarmsOf('MH-0001');
    const id = mh!.id;
    // Another department does not see it; a leader watches but does not handle alarms.
    expect((await t.call('POST', `/api/iot/alarms/${id}/ack`, t.as.slj!)).statusCode).toBe(404);
    expect((await t.call('POST', `/api/iot/alarms/${id}/ack`, t.as.leader!)).statusCode).toBe(403);
    expect((await t.call('POST', `/api/iot/alarms/${id}/ack`, null)).statusCode).toBe(401);
    expect((await t.call('POST', '/api/iot/alarms/999999/ack', t.as.admin!)).statusCode).toBe(404);

    const watching = await stream(t.as.cgj!);
    const acked = await t.call('POST', `/api/iot/alarms/${id}/ack`, t.as.cgj!);
    expect(acked.statusCode, acked.body).toBe(200);
    expect(acked.json()).toMatchObject({ status: 'active_ack', acknowledgedBy: 'cgj' });
    expect(acked.json().acknowledgedAt).not.toBeNull();
    expect((await watching.next()).data).toMatchObject({ id, status: 'active_ack' });
    expect((await t.call('POST', `/api/iot/alarms/${id}/ack`, t.as.cgj!)).statusCode).toBe(409);

    const cleared = await t.call('POST', `/api/iot/alarms/${id}/clear`, t.as.operator!);
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json()).toMatchObject({ status: 'cleared_ack' });
    expect((await watching.next()).data).toMatchObject({ id, status: 'cleared_ack' });
    expect((await t.call('POST', `/api/iot/alarms/${id}/clear`, t.as.operator!)).statusCode).toBe(409);
    watching.close();
    await t.p.modules.iot.alarms.idle();

    // The case shows the alarm was cleared by hand, by whom.
    const c = await t.caseOf(mh!.caseNumber!);
    const note = c.steps.find((s: { action: string }) => s.action === 'alarm_cleared');
    expect(note!.note).toContain('operator');

    const audited = async (action: string) =>
      (
        await t.p.modules.audit.service.list(t.adminCtx, {
          action,
          targetType: 'iot_alarm',
          targetId: String(id),
          page: 1,
          pageSize: 10,
          sort: 'newest',
        })
      ).items;
    expect(await audited('iot.alarm.ack')).toHaveLength(1);
    expect(await audited('iot.alarm.clear')).toHaveLength(1);
  });

  it("closing the alarm's case acknowledges the alarm", async () => {
    await t.store([{ device: 'MH-0002', key: 'tilt', value: 40 }]);
    const [alarm] = await t.alarmsOf('MH-0002');
    const number = alarm!.caseNumber!;
    const act = async (who: Who, body: Record<string, unknown>) => {
      const res = await t.call('POST', `/api/events/cases/${number}/actions`, who, body);
      expect(res.statusCode, res.body).toBe(200);
    };
    await act(t.as.cgj!, { action: 'accept' });
    await act(t.as.cgj!, { action: 'reply', reply: '已扶正井盖并加固' });
    await act(t.as.operator!, { action: 'review', approve: true });
    await act(t.as.operator!, { action: 'close', note: '现场核实已处置' });
    await t.p.modules.iot.alarms.idle();
    const [after] = await t.alarmsOf('MH-0002');
    expect(after).toMatchObject({ status: 'active_ack', acknowledgedBy: `case:${number}` });
  });

  it('ends open streams when the server closes, so that closing does not wait for them', async () => {
    const open = await stream(t.as.admin!);
    await open.next('ping');
    await t.p.app.close();
    await open.ended();
  });
});
