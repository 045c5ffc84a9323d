import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { iocPlatform } from '../ioc-test-kit.ts';

// A point in 高塘岭街道, and one far outside the district (Beijing).
const SEAT = { lng: 112.82, lat: 28.37 };
const BEIJING = { lng: 116.4, lat: 39.9 };

describe.each(databaseKinds)('facilities (%s)', (kind) => {
  let t: Awaited<ReturnType<typeof iocPlatform>>;
  beforeAll(async () => {
    t = await iocPlatform(kind);
  });
  afterAll(() => t?.p.close());

  const rows = [
    {
      kind: 'school',
      name: '高塘岭街道中心小学',
      address: '长沙市望城区高塘岭街道雷锋大道1号',
      ...SEAT,
      capacity: 1800,
    },
    { kind: 'shelter', name: '望城滨水新城公园应急避难场所', lng: 112.825, lat: 28.372, capacity: 12000 },
    { kind: 'hospital', name: '望城区人民医院', lng: 112.818, lat: 28.366, capacity: 800 },
  ];

  it('imports facilities, places them in their subdistrict, audits each, and changes nothing the second time', async () => {
    const first = await t.call('POST', '/api/ioc/facilities', t.as.steward!, rows);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ created: 3, updated: 0, unchanged: 0 });

    const again = await t.call('POST', '/api/ioc/facilities', t.as.steward!, rows);
    expect(again.json()).toEqual({ created: 0, updated: 0, unchanged: 3 });

    const moved = await t.call('POST', '/api/ioc/facilities', t.as.admin!, [{ ...rows[2], capacity: 900 }]);
    expect(moved.json()).toEqual({ created: 0, updated: 1, unchanged: 0 });

    const list = await t.call('GET', '/api/ioc/facilities', t.as.screen!);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toHaveLength(3);
    const hospital = list.json().items.find((f: { kind: string }) => f.kind === 'hospital');
    expect(hospital).toMatchObject({ name: '望城区人民医院', capacity: 900, address: null });
    expect(hospital.subdistrictCode).toMatch(/^430112/);

    const schools = await t.call('GET', '/api/ioc/facilities?kind=school', t.as.leader!);
    expect(schools.json().items.map((f: { name: string }) => f.name)).toEqual(['高塘岭街道中心小学']);

    const created = await t.call('GET', '/api/audit?action=ioc.facility.create', t.as.admin!);
    expect(created.json().items).toHaveLength(3);
    expect(
      created
        .json()
        .items.map((e: { targetName: string }) => e.targetName)
        .sort(),
    ).toEqual(rows.map((r) => r.name).sort());
    const updated = await t.call('GET', '/api/audit?action=ioc.facility.update', t.as.admin!);
    expect(updated.json().items).toHaveLength(1);
    expect(updated.json().items[0]).toMatchObject({
      targetType: 'ioc_facility',
      targetId: String(hospital.id),
      detail: { capacity: { from: 800, to: 900 } },
    });
  });

  it('names each bad row and field, and writes nothing of a file with one', async () => {
    const res = await t.call('POST', '/api/ioc/facilities', t.as.steward!, [
      { kind: 'park', name: '某公园', ...SEAT },
      { kind: 'shelter', name: '', ...SEAT },
      { kind: 'shelter', name: '北京某广场', ...BEIJING },
      { kind: 'school', name: '新小学', lng: '112.8', lat: 28.37, capacity: -1 },
      'not a row',
      { kind: 'shelter', name: '新广场', ...SEAT },
      { kind: 'shelter', name: '新广场', ...SEAT },
    ]);
    expect(res.statusCode, res.body).toBe(400);
    const problems = res
      .json()
      .errors.map((e: { row: number; field: string; reason: string }) => [e.row, e.field, e.reason]);
    expect(problems).toEqual([
      [1, 'kind', 'invalid_value'],
      [2, 'name', 'required'],
      [3, 'lng', 'facility_outside_district'],
      [4, 'lng', 'facility_not_a_number'],
      [4, 'capacity', 'too_small'],
      [5, '', 'facility_not_a_row'],
      [7, 'name', 'facility_twice'],
    ]);
    // The answer's text names the row and field, in the caller's language.
    expect(res.json().detail).toContain('第 3 行“lng”: 设施位置不在本区范围内');
    const list = await t.call('GET', '/api/ioc/facilities', t.as.admin!);
    expect(list.json().items.map((f: { name: string }) => f.name)).not.toContain('新广场');
  });

  it('lets the screen read facilities, and only the center import them', async () => {
    for (const who of ['leader', 'screen', 'cgj', 'operator'])
      expect((await t.call('POST', '/api/ioc/facilities', t.as[who]!, rows)).statusCode, who).toBe(403);
    for (const who of ['cgj', 'operator'])
      expect((await t.call('GET', '/api/ioc/facilities', t.as[who]!)).statusCode, who).toBe(403);
    expect((await t.call('GET', '/api/ioc/facilities', null)).statusCode).toBe(401);
    expect((await t.call('POST', '/api/ioc/facilities', null, rows)).statusCode).toBe(401);
  });
});
