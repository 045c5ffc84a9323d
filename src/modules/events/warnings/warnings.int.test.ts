import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { eventsPlatform } from '../cases/case-test-kit.ts';

describe.each(databaseKinds)('early warnings and the category admin (%s)', (kind) => {
  let t: Awaited<ReturnType<typeof eventsPlatform>>;
  beforeAll(async () => {
    t = await eventsPlatform(kind);
  });
  afterAll(() => t?.p.close());

  const garbage = (i: number) => ({
    content: `小区门口垃圾堆放无人清运（第${i}次反映）`,
    address: `望城区高塘岭街道郭亮中路${i}号`,
    categoryCode: 'city.garbage',
    // About 50 m apart, along a street.
    lng: 112.8 + i * 0.0005,
    lat: 28.35,
  });
  const warnings = async () => {
    const res = await t.call('GET', '/api/events/warnings', t.as.operator!);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('raises one warning for 5 close cases of one category in 7 days, none for 4', async () => {
    const numbers = [];
    for (let i = 1; i <= 4; i++) numbers.push((await t.receive(garbage(i))).number);
    // Another category at the same place does not make up the fifth.
    await t.receive({ ...garbage(5), categoryCode: 'env.noise', content: '夜间噪声' });
    expect((await warnings()).items).toEqual([]);
    numbers.push((await t.receive(garbage(5))).number);
    const list = await warnings();
    expect(list.rule).toEqual({ minCases: 5, radiusMetres: 500, days: 7 });
    expect(list.items).toHaveLength(1);
    const [w] = list.items;
    expect(w).toMatchObject({ categoryCode: 'city.garbage', categoryName: '垃圾清运与乱堆放' });
    expect(w.cases.map((c: { number: string }) => c.number)).toEqual(numbers);
    expect(w.cases[0]).toMatchObject({ content: garbage(1).content, address: garbage(1).address });
    expect(w.cases[0].receivedAt).toMatch(/\+08:00$/);
    // A stricter rule asked for: no cluster of 6.
    expect((await t.call('GET', '/api/events/warnings?minCases=6', t.as.leader!)).json().items).toEqual([]);
  });

  it('is for the center and leaders only', async () => {
    expect((await t.call('GET', '/api/events/warnings', t.as.cgj!)).statusCode).toBe(403);
    expect((await t.call('GET', '/api/events/warnings', t.as.inspector!)).statusCode).toBe(403);
    expect((await t.call('GET', '/api/events/warnings', null)).statusCode).toBe(401);
    expect((await t.call('GET', '/api/events/warnings?days=0', t.as.operator!)).statusCode).toBe(400);
  });

  it('lets the center add and edit categories; refuses departments and a bad time limit', async () => {
    const body = { code: 'city.test_sign', name: '测试类别', departmentId: t.ids.CGJ, timeLimit: '2wd' };
    const created = await t.call('POST', '/api/events/categories', t.as.admin!, body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ code: 'city.test_sign', departmentName: '城管局', active: true });
    const edited = await t.call('PATCH', '/api/events/categories/city.test_sign', t.as.admin!, {
      name: '测试类别二',
      timeLimit: '8h',
      active: false,
    });
    expect(edited.json()).toMatchObject({ name: '测试类别二', timeLimit: '8h', active: false });
    expect(
      (await t.call('POST', '/api/events/categories', t.as.cgj!, { ...body, code: 'x.y' })).statusCode,
    ).toBe(403);
    expect(
      (await t.call('PATCH', '/api/events/categories/city.road', t.as.cgj!, { name: '改名' })).statusCode,
    ).toBe(403);
    const bad = await t.call('PATCH', '/api/events/categories/city.road', t.as.admin!, {
      timeLimit: '3 days',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('timeLimit');
    // Dispatch rules: add, list, remove.
    const rule = await t.call('PUT', '/api/events/dispatch-rules', t.as.admin!, {
      categoryCode: 'city.garbage',
      subdistrictCode: t.subdistrictOffice.divisionCode,
      departmentId: t.subdistrictOffice.id,
    });
    expect(rule.statusCode, rule.body).toBe(200);
    expect((await t.call('PUT', '/api/events/dispatch-rules', t.as.cgj!, rule.json())).statusCode).toBe(403);
    const rules = (await t.call('GET', '/api/events/dispatch-rules', t.as.admin!)).json();
    expect(rules.items.map((r: { id: number }) => r.id)).toContain(rule.json().id);
    expect(
      (await t.call('DELETE', `/api/events/dispatch-rules/${rule.json().id}`, t.as.admin!)).statusCode,
    ).toBe(204);
  });
});
