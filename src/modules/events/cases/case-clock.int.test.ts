import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { eventsPlatform } from './case-test-kit.ts';

describe.each(databaseKinds)('the case clock across holidays (%s)', (kind) => {
  let t: Awaited<ReturnType<typeof eventsPlatform>>;
  // Users sign in on the real clock (sessions expire by the database's time); each test then sets the clock.
  let clock = new Date();
  beforeAll(async () => {
    t = await eventsPlatform(kind, () => clock);
  });
  afterAll(() => t?.p.close());

  const body = { content: '郭亮中路路面塌陷一个坑', categoryCode: 'city.road', dispatch: true };

  it('counts 3 working days over 春节 2026, with the make-up Saturday as a working day', async () => {
    clock = new Date('2026-02-13T17:30:00+08:00');
    const c = await t.receive(body);
    // Sat 14 Feb is a make-up working day (1), 15–23 Feb are the holiday, Tue 24 (2), Wed 25 (3).
    expect(c.dueAt).toBe('2026-02-25T17:30:00+08:00');
    expect(c.receivedAt).toBe('2026-02-13T17:30:00+08:00');
    expect(c.clock.state).toBe('normal');

    // In the middle of the holiday hardly any working time has passed.
    clock = new Date('2026-02-20T12:00:00+08:00');
    expect((await t.call('GET', `/api/events/cases/${c.number}`, t.as.operator!)).json().clock.state).toBe(
      'normal',
    );
    // Late on the second working day (24 Feb) more than 80 % of the working time is used.
    clock = new Date('2026-02-25T09:00:00+08:00');
    const late = (await t.call('GET', `/api/events/cases/${c.number}`, t.as.operator!)).json();
    expect(late.clock.state).toBe('warning');
    const warned = (await t.call('GET', '/api/events/cases?clock=warning', t.as.operator!)).json();
    expect(warned.items.map((i: { number: string }) => i.number)).toContain(c.number);
    clock = new Date('2026-02-25T17:31:00+08:00');
    const overdue = (await t.call('GET', '/api/events/cases?clock=overdue', t.as.operator!)).json();
    expect(overdue.items.map((i: { number: string }) => i.number)).toContain(c.number);
  });

  it('counts hours on the calendar, holidays or not', async () => {
    clock = new Date('2026-10-01T22:00:00+08:00');
    const c = await t.receive({ ...body, categoryCode: 'water.flood', content: '小区门口积水很深' });
    expect(c.dueAt).toBe('2026-10-02T02:00:00+08:00');
  });

  it('moves the due time by an approved extension and by a suspension', async () => {
    clock = new Date('2026-09-30T10:00:00+08:00');
    const c = await t.receive(body);
    // 3 working days after Wed 30 Sep: the National Day holiday runs 1–7 Oct, so Thu 8, Fri 9, Sat 10 (make-up).
    expect(c.dueAt).toBe('2026-10-10T10:00:00+08:00');
    await t.act(c.number, t.as.cgj!, { action: 'accept' });
    await t.act(c.number, t.as.cgj!, { action: 'request_extension', limit: '2wd', reason: '需协调供电部门' });
    const extended = await t.act(c.number, t.as.operator!, { action: 'decide_extension', approve: true });
    // Two more working days after Sat 10 Oct: Mon 12, Tue 13.
    expect(extended.dueAt).toBe('2026-10-13T10:00:00+08:00');
    await t.act(c.number, t.as.operator!, { action: 'suspend', reason: '等待法院裁定' });
    clock = new Date('2026-10-02T10:00:00+08:00');
    const resumed = await t.act(c.number, t.as.operator!, { action: 'resume' });
    expect(resumed.status).toBe('accepted');
    expect(resumed.dueAt).toBe('2026-10-15T10:00:00+08:00');
  });
});
