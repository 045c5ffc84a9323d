import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, databaseKinds, login, startTestPlatform } from '../../../../test/databases.ts';

const GTL = '430112001'; // 高塘岭街道
/** A square in 高塘岭街道's part of the district, as a subdistrict boundary an administrator might upload. */
const square = [
  [
    [112.8, 28.33],
    [112.86, 28.33],
    [112.86, 28.38],
    [112.8, 28.38],
    [112.8, 28.33],
  ],
];

describe.each(databaseKinds)('places on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  let admin: { cookie: string };
  let gafj: { cookie: string };
  beforeAll(async () => {
    p = await startTestPlatform(kind);
    admin = await login(p.app, 'admin', ADMIN_PASSWORD);
    const department = await p.modules.org.service.findDepartmentByCode('GAFJ');
    await p.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: {
        username: 'gafj-places',
        displayName: '公安专员',
        departmentId: department!.id,
        roles: ['department_user'],
        password: 'Gafj#2026x',
      },
    });
    gafj = await login(p.app, 'gafj-places', 'Gafj#2026x');
  });
  afterAll(() => p?.close());

  const call = (method: string, url: string, headers: object | undefined = admin, payload?: unknown) =>
    p.app.inject({
      method: method as 'GET',
      url,
      headers: headers as Record<string, string>,
      payload: payload as object,
    });

  it('resolves addresses and points for staff, and refuses anonymous callers', async () => {
    const address = encodeURIComponent('湖南省长沙市望城区高塘岭街道郭亮中路123号');
    const resolved = await call('GET', `/api/org/places/resolve?address=${address}`, gafj);
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({
      subdistrictCode: GTL,
      subdistrictName: '高塘岭街道',
      precision: 'road',
      approximate: true,
    });
    const { lng, lat } = resolved.json();
    const located = await call('GET', `/api/org/places/locate?lng=${lng}&lat=${lat}`, gafj);
    expect(located.json()).toMatchObject({ subdistrictCode: GTL, approximate: true });
    expect(
      (
        await call('GET', `/api/org/places/resolve?address=${encodeURIComponent('北京市朝阳区建国路88号')}`)
      ).json(),
    ).toBeNull();
    expect((await call('GET', '/api/org/places/locate?lng=116.4&lat=39.9')).json()).toBeNull();
    expect((await call('GET', `/api/org/places/resolve?address=${address}`, {})).statusCode).toBe(401);
    expect((await call('GET', '/api/org/places/locate?lng=abc&lat=28.3')).statusCode).toBe(400);
  });

  it('serves approximate boundaries until real ones are uploaded, then locates by them', async () => {
    const before = (await call('GET', '/api/org/boundaries?level=subdistrict', gafj)).json();
    expect(before.features).toHaveLength(16);
    expect(
      before.features.every((f: { properties: { approximate: boolean } }) => f.properties.approximate),
    ).toBe(true);
    const communities = (await call('GET', `/api/org/boundaries?level=community&parent=${GTL}`, gafj)).json();
    expect(communities.features.length).toBeGreaterThan(10);

    // A point in the square but, by the approximate cells, in another subdistrict.
    const probe = [112.858, 28.332];
    const was = (await call('GET', `/api/org/places/locate?lng=${probe[0]}&lat=${probe[1]}`)).json();
    expect(was.subdistrictCode).not.toBe(GTL);

    const upload = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { XZQMC: '高塘岭街道' },
          geometry: { type: 'Polygon', coordinates: square },
        },
      ],
    };
    expect((await call('PUT', '/api/org/boundaries', gafj, upload)).statusCode).toBe(403);
    expect((await call('PUT', '/api/org/boundaries', {}, upload)).statusCode).toBe(401);
    const stored = await call('PUT', '/api/org/boundaries', admin, upload);
    expect(stored.statusCode).toBe(200);
    expect(stored.json()).toEqual({ subdistricts: 1, communities: 0, codes: [GTL] });

    const now = (await call('GET', `/api/org/places/locate?lng=${probe[0]}&lat=${probe[1]}`)).json();
    expect(now).toMatchObject({ subdistrictCode: GTL, subdistrictName: '高塘岭街道' });
    const after = (await call('GET', '/api/org/boundaries?level=subdistrict')).json();
    const gtl = after.features.find((f: { properties: { code: string } }) => f.properties.code === GTL);
    expect(gtl.properties.approximate).toBe(false);
    expect(gtl.geometry.coordinates).toEqual([square]);
    const audit = (await call('GET', '/api/audit?action=boundaries.upload')).json();
    expect(audit.items[0]).toMatchObject({ action: 'boundaries.upload', targetId: GTL });

    // Removed: back to the approximate cell.
    expect((await call('DELETE', `/api/org/boundaries?code=${GTL}`, gafj)).statusCode).toBe(403);
    expect((await call('DELETE', `/api/org/boundaries?code=${GTL}`)).json()).toEqual({ removed: [GTL] });
    expect(
      (await call('GET', `/api/org/places/locate?lng=${probe[0]}&lat=${probe[1]}`)).json().subdistrictCode,
    ).toBe(was.subdistrictCode);
  });

  it('refuses a bad file naming the feature and the reason, storing nothing', async () => {
    const bad = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: GTL }, geometry: { type: 'Polygon', coordinates: square } },
        {
          type: 'Feature',
          properties: { name: '火星街道' },
          geometry: { type: 'Polygon', coordinates: square },
        },
      ],
    };
    const res = await call('PUT', '/api/org/boundaries', { ...admin, 'accept-language': 'en' }, bad);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('invalid_boundaries');
    expect(JSON.stringify(body)).toContain('features[1]');
    expect(JSON.stringify(body)).toContain('火星街道');
    expect(
      (await call('GET', '/api/org/boundaries'))
        .json()
        .features.every((f: { properties: { approximate: boolean } }) => f.properties.approximate),
    ).toBe(true);
    expect((await call('PUT', '/api/org/boundaries', admin, { type: 'Feature' })).statusCode).toBe(400);
  });

  it('learns addresses and compounds the registries know', async () => {
    const places = p.modules.org.service.places;
    expect(await places.resolveAddress('金山桥街道金科花园3栋')).toMatchObject({ precision: 'subdistrict' });
    const { learned } = await places.learn(
      [
        {
          address: '长沙市望城区金山桥街道金桥社区金科花园1栋',
          subdistrict: '金山桥街道',
          community: '金桥社区',
        },
        { address: '长沙市望城区高塘岭街道望府路8号', subdistrict: '430112001', lng: 112.8301, lat: 28.3512 },
        { address: '长沙市岳麓区麓山南路1号', subdistrict: '高塘岭街道' },
        { address: '某地', subdistrict: '火星街道' },
      ],
      'test',
    );
    expect(learned).toBe(3); // two addresses and a compound
    expect(await places.resolveAddress('金山桥街道金科花园3栋')).toMatchObject({
      precision: 'compound',
      subdistrictName: '金山桥街道',
    });
    expect(await places.resolveAddress('望城区望府路8号201室')).toMatchObject({
      precision: 'address',
      lng: 112.8301,
      lat: 28.3512,
      approximate: false,
    });
  });
});
