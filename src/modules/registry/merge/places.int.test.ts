import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, databaseKinds, login, startTestPlatform } from '../../../../test/databases.ts';
import { creditCodeCheck, idNumberCheck } from '../../../core/cn-codes.ts';
import { systemCtx } from '../../../core/context.ts';

const credit = (first17: string) => first17 + creditCodeCheck(first17);
const A = credit('91430112MA4PLACE1');
const B = credit('91430112MA4PLACE2');
const C = credit('91430112MA4PLACE3');
const PERSON = `43011219900101771${idNumberCheck('43011219900101771')}`;

describe.each(databaseKinds)('registry subdistricts from addresses on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  let admin: { cookie: string };
  const ctx = systemCtx('test');
  beforeAll(async () => {
    p = await startTestPlatform(kind);
    admin = await login(p.app, 'admin', ADMIN_PASSWORD);
  });
  afterAll(() => p?.close());

  async function deliver(resource: string, records: Record<string, unknown>[]) {
    const batch = await p.modules.ingest.service.ingestRecords(ctx, resource, records);
    await p.modules.ingest.service.idle();
    expect(batch.rejected).toBe(0);
    return batch;
  }
  const values = async (registry: string, key: string) =>
    (await p.modules.registry.service.get(registry, key)).values;

  it('fills a legal person’s subdistrict from its address, and counts it by subdistrict', async () => {
    await deliver('scjgj_entities', [
      {
        统一社会信用代码: A,
        主体名称: '望城甲有限公司',
        登记状态: '存续',
        住所: '湖南省长沙市望城区高塘岭街道郭亮中路123号',
      },
      {
        统一社会信用代码: B,
        主体名称: '望城乙有限公司',
        登记状态: '存续',
        住所: '长沙市望城区金山桥街道金桥路8号',
      },
      { 统一社会信用代码: C, 主体名称: '外地丙有限公司', 登记状态: '存续', 住所: '长沙市岳麓区麓山南路1号' },
    ]);
    expect(await values('legal_person', A)).toMatchObject({ subdistrict: '高塘岭街道' });
    expect(await values('legal_person', B)).toMatchObject({ subdistrict: '金山桥街道' });
    expect(await values('legal_person', C)).not.toHaveProperty('subdistrict');
    // The source's own record keeps what the source said.
    const a = await p.modules.registry.service.get('legal_person', A);
    expect(a.sources[0]!.values).not.toHaveProperty('subdistrict');
    const stats = (
      await p.app.inject({ method: 'GET', url: '/api/registry/legal_person/statistics', headers: admin })
    ).json();
    expect(stats.bySubdistrict).toEqual(
      expect.arrayContaining([
        { subdistrict: '高塘岭街道', count: 1 },
        { subdistrict: '金山桥街道', count: 1 },
      ]),
    );
    const filtered = await p.app.inject({
      method: 'GET',
      url: `/api/registry/legal_person/entities?subdistrict=${encodeURIComponent('高塘岭街道')}`,
      headers: admin,
    });
    expect(filtered.json().items.map((e: { key: string }) => e.key)).toEqual([A]);
  });

  it('delivering the same records again changes nothing', async () => {
    const before = (await p.modules.registry.service.get('legal_person', A)).history.length;
    await deliver('scjgj_entities', [
      {
        统一社会信用代码: A,
        主体名称: '望城甲有限公司',
        登记状态: '存续',
        住所: '湖南省长沙市望城区高塘岭街道郭亮中路123号',
      },
    ]);
    expect((await p.modules.registry.service.get('legal_person', A)).history.length).toBe(before);
  });

  it('keeps a subdistrict a source gave, and fills one through the general merge of several sources', async () => {
    await deliver('legal_person', [
      {
        统一社会信用代码: B,
        单位名称: '望城乙有限公司',
        住所: '长沙市望城区金山桥街道金桥路8号',
        所属街道: '白沙洲街道',
      },
      { 统一社会信用代码: A, 单位名称: '望城甲有限公司', 行业: '批发和零售业' },
    ]);
    expect(await values('legal_person', B)).toMatchObject({ subdistrict: '白沙洲街道' });
    expect(await values('legal_person', A)).toMatchObject({
      subdistrict: '高塘岭街道',
      industry: '批发和零售业',
    });
  });

  it('fills entities merged before, at start, and teaches the gazetteer the places sources gave', async () => {
    await deliver('gafj_household', [
      { 公民身份号码: PERSON, 姓名: '王五', 性别: '男', 住址: '望城区乌山街道东马路9号' },
    ]);
    expect(await values('population', PERSON)).toMatchObject({ subdistrict: '乌山街道' });
    await p.database.rawTransaction((tx) =>
      tx.query(`update registry.entities set values = values - 'subdistrict' where key = $1`, [PERSON]),
    );
    expect(await values('population', PERSON)).not.toHaveProperty('subdistrict');
    await p.modules.registry.service.catchUp();
    expect(await values('population', PERSON)).toMatchObject({ subdistrict: '乌山街道' });
    // B's source said 白沙洲街道 for 金桥路8号: the gazetteer now places that address there.
    expect(await p.modules.org.service.places.resolveAddress('望城区金桥路8号')).toMatchObject({
      subdistrictName: '白沙洲街道',
      precision: 'address',
    });
  });

  it('counts licenses by their holder’s subdistrict', async () => {
    await deliver('license', [
      {
        证照标识: '1.2.156.3005.2.11430112MB1234567X.0001',
        持证主体代码: A,
        持证主体代码类型: '001',
        证照类型代码: '11100000000000001',
        颁证单位代码: credit('11430112MB1234567'),
        颁证日期: '2024-01-02',
      },
    ]);
    const stats = (
      await p.app.inject({ method: 'GET', url: '/api/registry/license/statistics', headers: admin })
    ).json();
    expect(stats.bySubdistrict).toEqual([{ subdistrict: '高塘岭街道', count: 1 }]);
  });
});
