import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, databaseKinds, login, startTestPlatform } from '../../../test/databases.ts';
import { seedDepartments } from './departments-seed.ts';

describe.each(databaseKinds)('departments and divisions on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  let admin: { cookie: string };
  beforeAll(async () => {
    p = await startTestPlatform(kind);
    admin = await login(p.app, 'admin', ADMIN_PASSWORD);
  });
  afterAll(() => p?.close());

  const call = (method: string, url: string, payload?: unknown, headers = admin) =>
    p.app.inject({ method: method as 'GET', url, headers, payload: payload as object });

  it('loads Wangcheng: 16 subdistricts/towns with their communities, and the seed departments', async () => {
    const subdistricts = (await call('GET', '/api/divisions?level=subdistrict')).json();
    expect(subdistricts).toHaveLength(16);
    expect(subdistricts.map((s: { name: string }) => s.name)).toEqual(
      expect.arrayContaining(['高塘岭街道', '乔口镇', '白箬铺镇']),
    );
    const communities = (await call('GET', '/api/divisions?parent=430112001')).json();
    expect(communities.length).toBeGreaterThan(10);
    expect(communities.every((c: { code: string }) => c.code.startsWith('430112001'))).toBe(true);
    const overview = (await call('GET', '/api/overview')).json();
    expect(overview).toMatchObject({ subdistricts: 16, departments: seedDepartments.length + 16 });
    expect(overview.communities).toBeGreaterThanOrEqual(107);
    const offices = (await call('GET', '/api/departments?kind=subdistrict&pageSize=100')).json();
    expect(offices.total).toBe(16);
    expect(offices.items.find((d: { code: string }) => d.code === '430112107').name).toBe('乔口镇人民政府');
  });

  it('serves the district outline with subdistrict centres for maps', async () => {
    const map = (await call('GET', '/api/divisions/map')).json();
    expect(map.outline.properties.adcode).toBe('430112');
    expect(map.outline.geometry.coordinates[0].length).toBeGreaterThan(100);
    expect(map.subdistricts).toHaveLength(16);
    expect(
      map.subdistricts.every(
        (s: { lng: number; lat: number }) => s.lng > 112.6 && s.lng < 113.1 && s.lat > 28.1 && s.lat < 28.6,
      ),
    ).toBe(true);
  });

  it('lets a screen account (the operations center’s wall) draw the district, and read nothing else here', async () => {
    const created = await call('POST', '/api/users', {
      username: 'wall1',
      displayName: '大屏',
      departmentId: null,
      roles: ['screen'],
      password: 'Wall#Screen2026',
    });
    expect(created.statusCode, created.body).toBe(201);
    const wall = await login(p.app, 'wall1', 'Wall#Screen2026');
    expect((await call('GET', '/api/divisions/map', undefined, wall)).statusCode).toBe(200);
    const boundaries = await call('GET', '/api/org/boundaries?level=subdistrict', undefined, wall);
    expect(boundaries.statusCode).toBe(200);
    expect(boundaries.json().features).toHaveLength(16);
    expect((await call('GET', '/api/divisions', undefined, wall)).statusCode).toBe(403);
    expect((await call('GET', '/api/departments', undefined, wall)).statusCode).toBe(403);
    expect((await call('GET', '/api/org/places/resolve?address=郭亮中路', undefined, wall)).statusCode).toBe(
      403,
    );
  });

  it('re-seeding keeps edits and adds nothing twice', async () => {
    const mzj = (await call('GET', '/api/departments?q=MZJ')).json().items[0];
    expect(
      (await call('PATCH', `/api/departments/${mzj.id}`, { name: '区民政局', contact: '王科长' })).statusCode,
    ).toBe(200);
    await p.modules.org.service.seed();
    const after = (await call('GET', '/api/departments?pageSize=500')).json();
    expect(after.total).toBe(seedDepartments.length + 16);
    expect(after.items.find((d: { code: string }) => d.code === 'MZJ')).toMatchObject({
      name: '区民政局',
      contact: '王科长',
    });
  });

  it('creates, edits, filters and deactivates departments with validation naming the field', async () => {
    const created = await call('POST', '/api/departments', {
      code: 'TJJ',
      name: '统计局',
      kind: 'department',
      phone: '0731-88001234',
    });
    expect(created.statusCode).toBe(201);
    const bad = await call('POST', '/api/departments', { code: 'bad code', name: '', kind: 'agency' }, {
      ...admin,
      'accept-language': 'en',
    } as typeof admin);
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['code', 'kind', 'name']);
    expect(bad.json().detail).toMatch(/name: is required/);
    const dup = await call('POST', '/api/departments', { code: 'TJJ', name: '统计局2', kind: 'department' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().detail).toBe('编码 TJJ 已存在');
    const noDivision = await call('POST', '/api/departments', {
      code: 'XX1',
      name: '某街道',
      kind: 'subdistrict',
      divisionCode: '430112999',
    });
    expect(noDivision.json()).toMatchObject({
      code: 'unknown_division',
      errors: [{ field: 'divisionCode' }],
    });

    const id = created.json().id;
    expect((await call('PATCH', `/api/departments/${id}`, { active: false })).json().active).toBe(false);
    const active = (await call('GET', '/api/departments?active=true&pageSize=500')).json();
    expect(active.items.some((d: { code: string }) => d.code === 'TJJ')).toBe(false);
    const page2 = (await call('GET', '/api/departments?pageSize=10&page=2&sort=code')).json();
    expect(page2.items).toHaveLength(10);
    const codes = page2.items.map((d: { code: string }) => d.code);
    expect(codes).toEqual([...codes].sort());
    // Page 2 is the second ten of the whole list, and its total counts the whole list.
    const firstTwenty = (await call('GET', '/api/departments?pageSize=20&sort=code')).json();
    expect(codes).toEqual(firstTwenty.items.slice(10).map((d: { code: string }) => d.code));
    expect(page2.total).toBe(firstTwenty.total);
    expect((await call('PATCH', '/api/departments/99999', { name: 'x' })).statusCode).toBe(404);
  });

  it('looks every department up by id, code and name, retired ones too', async () => {
    const directory = await p.modules.org.service.departmentDirectory();
    const all = (await call('GET', '/api/departments?pageSize=500')).json();
    expect(directory.all.map((d) => d.code)).toEqual(all.items.map((d: { code: string }) => d.code));
    const tjj = directory.byCode.get('TJJ')!;
    expect(tjj).toMatchObject({ name: '统计局', active: false });
    expect(directory.byId.get(tjj.id)).toBe(tjj);
    expect(directory.byName.get('区民政局')?.code).toBe('MZJ');
    expect(directory.byCode.get('NOPE')).toBeUndefined();
  });

  it('lets only admins edit departments', async () => {
    await call('POST', '/api/users', {
      username: 'steward1',
      displayName: '专员',
      departmentId: 1,
      roles: ['steward'],
      password: 'Stew@rd2026',
    });
    const steward = await login(p.app, 'steward1', 'Stew@rd2026');
    expect((await call('GET', '/api/departments', undefined, steward)).statusCode).toBe(200);
    expect(
      (await call('POST', '/api/departments', { code: 'NOPE', name: 'x', kind: 'department' }, steward))
        .statusCode,
    ).toBe(403);
    expect((await call('GET', '/api/departments?q=NOPE')).json().total).toBe(0);
  });
});
