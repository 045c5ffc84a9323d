import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, startTestPlatform } from '../../../test/databases.ts';
import { creditCodeCheck, idNumberCheck } from '../../core/cn-codes.ts';
import { systemCtx } from '../../core/context.ts';

// Everything here is asked anonymously (no cookie): the portal, downloads, DCAT-AP and CKAN are public.

type Row = Record<string, string>;

const credit = (first17: string) => first17 + creditCodeCheck(first17);

/** 2,500 city components: more than two pages of the streamed reads (1,000 rows a page). */
const components: Row[] = Array.from({ length: 2500 }, (_, i) => ({
  component_code: `43011201010${String(i).padStart(5, '0')}`,
  class: '公用设施',
  subclass: i % 2 ? '上水井盖' : '路灯',
  lng: (112.8 + (i % 100) / 1000).toFixed(3),
  lat: (28.3 + (i % 50) / 1000).toFixed(3),
  owner_department: '望城区城管局',
  status: '完好',
  subdistrict: '高塘岭街道',
}));

/** Schools with text a CSV writer must quote, and one that a spreadsheet would run as a formula. */
const schools: Row[] = [
  {
    school_code: 'S001',
    name: '望城区第一中学',
    level: '高中',
    address: '高塘岭街道, 郭亮路 1 号',
    subdistrict: '高塘岭街道',
    students: '2400',
  },
  {
    school_code: 'S002',
    name: '“金星”小学 "实验校"',
    level: '小学',
    address: '第一行\n第二行',
    subdistrict: '金山桥街道',
    students: '860',
  },
  {
    school_code: 'S003',
    name: '=HYPERLINK("http://evil")',
    level: '幼儿园',
    address: '',
    subdistrict: '乌山街道',
    students: '0',
  },
];

/** Construction sites; `builder_credit_code` is made personal behind the catalog's back further down. */
const sites: Row[] = [
  {
    project_code: 'P001',
    name: '滨水新城安置房',
    builder_credit_code: credit('91430112MA4L0RH7X'),
    started_on: '2025-03-01',
    subdistrict: '高塘岭街道',
    lng: '112.82',
    lat: '28.35',
  },
  {
    project_code: 'P002',
    name: '月亮岛学校扩建',
    builder_credit_code: credit('91430112MA4L0RH8X'),
    started_on: '2025-05-20',
    subdistrict: '月亮岛街道',
    lng: '112.90',
    lat: '28.30',
  },
];

/** A household row: a closed resource with personal items, loaded, so it has data and must still stay hidden. */
const household = {
  id_number: `43011219900101123${idNumberCheck('43011219900101123')}`,
  name: '张三',
  sex: '男',
  birth_date: '1990-01-01',
  address: '高塘岭街道郭亮路 8 号',
  subdistrict: '高塘岭街道',
};

describe.each(databaseKinds)('open data on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  const ctx = systemCtx('test');
  // The platform's clock; a test holds it still where a minute ending mid-test would flush the download tally.
  let heldAt: Date | null = null;

  const get = (url: string) => p.app.inject({ method: 'GET', url });
  const json = async (url: string) => {
    const res = await get(url);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json();
  };
  const deliver = async (resource: string, records: Record<string, string>[]) => {
    const batch = await p.modules.ingest.service.ingestRecords(ctx, resource, records);
    await p.modules.ingest.service.idle();
    return batch;
  };
  const names = (page: { items: { name: string }[] }) => page.items.map((i) => i.name).sort();
  const downloadAudit = async () =>
    (
      await p.modules.audit.service.list(ctx, {
        action: 'opendata.download',
        page: 1,
        pageSize: 100,
        sort: 'newest',
      })
    ).items;

  beforeAll(async () => {
    p = await startTestPlatform(kind, {}, () => heldAt ?? new Date());
    expect((await deliver('component', components)).rejected).toBe(0);
    expect((await deliver('jyj_schools', schools)).rejected).toBe(0);
    expect((await deliver('zjj_construction_sites', sites)).rejected).toBe(0);
    expect((await deliver('gafj_household', [household])).rejected).toBe(0);
  });
  afterAll(() => p?.close());

  it('lists only open resources that have data, with their size', async () => {
    const page = await json('/api/open/resources');
    expect(names(page)).toEqual(['component', 'jyj_schools', 'zjj_construction_sites']);
    expect(page.total).toBe(3);
    const component = page.items.find((i: { name: string }) => i.name === 'component');
    expect(component).toMatchObject({
      title: '城市部件信息',
      rowCount: 2500,
      updateCycle: 'monthly',
      provider: { name: expect.any(String) },
    });
    expect(Date.parse(component.dataUpdatedAt)).not.toBeNaN();
    // Open but never loaded (water levels) and loaded but closed (households) are not there.
    expect(JSON.stringify(page)).not.toContain('slj_water_level');
    expect(JSON.stringify(page)).not.toContain('gafj_household');
  });

  it('searches by Chinese text and pinyin initials, filters, sorts and pages', async () => {
    expect(names(await json(`/api/open/resources?q=${encodeURIComponent('部件')}`))).toEqual(['component']);
    expect(names(await json('/api/open/resources?q=xxml'))).toEqual(['jyj_schools']); // 学校名录
    expect(names(await json('/api/open/resources?q=XXML'))).toEqual(['jyj_schools']);
    expect((await json('/api/open/resources?q=nothing-like-this')).total).toBe(0);
    expect(names(await json('/api/open/resources?updateCycle=weekly'))).toEqual(['zjj_construction_sites']);
    expect(names(await json('/api/open/resources?classification=base'))).toEqual(['component']);
    const cgj = (await p.modules.org.service.findDepartmentByCode('CGJ'))!.id;
    expect(names(await json(`/api/open/resources?departmentId=${cgj}`))).toEqual(['component']);

    const bySize = await json('/api/open/resources?sort=rows');
    expect(bySize.items.map((i: { rowCount: number }) => i.rowCount)).toEqual([2500, 3, 2]);
    const byName = await json('/api/open/resources?sort=name');
    // Pinyin order: 城市 (cheng), 学校 (xue), 在建 (zai).
    expect(byName.items.map((i: { title: string }) => i.title)).toEqual([
      '城市部件信息',
      '学校名录',
      '在建工地信息',
    ]);
    const second = await json('/api/open/resources?sort=name&pageSize=1&page=2');
    expect(second).toMatchObject({ total: 3, items: [{ name: 'jyj_schools' }] });
    expect((await get('/api/open/resources?pageSize=1000')).statusCode).toBe(400);
    expect((await get('/api/open/resources?updateCycle=hourly')).statusCode).toBe(400);

    const providers = await json('/api/open/providers');
    expect(providers).toHaveLength(3);
    expect(providers.every((d: { count: number }) => d.count === 1)).toBe(true);
  });

  it('describes a dataset with its items, cycle, provider, size and links', async () => {
    const d = await json('/api/open/resources/jyj_schools');
    expect(d).toMatchObject({
      name: 'jyj_schools',
      title: '学校名录',
      updateCycle: 'yearly',
      rowCount: 3,
      downloads: { csv: 0, xlsx: 0, json: 0 },
      links: { csv: '/api/open/resources/jyj_schools/data.csv' },
    });
    expect(d.items.map((i: { code: string }) => i.code)).toEqual([
      'school_code',
      'name',
      'level',
      'address',
      'subdistrict',
      'students',
    ]);
    expect(d.items[0]).toMatchObject({ key: true, name: '学校标识码' });
    // The same dataset by its catalog code, and by the code as a URL-safe name.
    const code = d.code as string;
    expect((await json(`/api/open/resources/${encodeURIComponent(code)}`)).name).toBe('jyj_schools');
    expect((await json(`/api/open/resources/${code.replace('/', '-')}`)).name).toBe('jyj_schools');
  });

  it('previews the first 20 rows in key order', async () => {
    const preview = await json('/api/open/resources/component/preview');
    expect(preview.total).toBe(2500);
    expect(preview.rows).toHaveLength(20);
    expect(preview.rows.map((r: Row) => r.component_code)).toEqual(
      components.slice(0, 20).map((c) => c.component_code),
    );
    expect(preview.rows[3]).toEqual(components[3]);
    expect(preview.columns[0]).toEqual({ code: 'component_code', name: '部件编码' });
  });

  it('downloads CSV with a BOM and a Chinese file name, parsing back to the loaded rows', async () => {
    heldAt = new Date();
    const before = (await downloadAudit()).length;
    const res = await get('/api/open/resources/component/data.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="component-\d{8}\.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toMatch(/^城市部件信息-\d{8}\.csv$/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, ...rows] = parse(res.body, { bom: true }) as string[][];
    expect(header).toEqual([
      '部件编码',
      '大类',
      '小类',
      '经度',
      '纬度',
      '权属单位',
      '状态',
      '所属街道（镇）',
    ]);
    expect(rows).toEqual(components.map((c) => Object.values(c)));

    // Quotes, commas and line breaks survive; a formula is defused with an apostrophe.
    const csv = parse((await get('/api/open/resources/jyj_schools/data.csv')).body, {
      bom: true,
      columns: true,
    }) as Row[];
    expect(csv.map((r) => r.学校名称)).toEqual([schools[0]!.name, schools[1]!.name, `'${schools[2]!.name}`]);
    expect(csv[1]!.地址).toBe('第一行\n第二行');
    expect(csv[0]!.地址).toBe(schools[0]!.address);

    // A HEAD (link checkers, harvesters) answers with the file's headers and is not counted.
    const head = await p.app.inject({ method: 'HEAD', url: '/api/open/resources/component/data.csv' });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-disposition']).toBe(disposition);
    expect(head.body).toBe('');
    expect(
      (await p.app.inject({ method: 'HEAD', url: '/api/open/resources/gafj_household/data.csv' })).statusCode,
    ).toBe(404);

    // Each download is counted on the dataset at once; anonymous ones reach the audit log tallied per address
    // and minute (download-audit.int.test.ts), here written on demand as at shutdown.
    expect((await json('/api/open/resources/component')).downloads).toEqual({ csv: 1, xlsx: 0, json: 0 });
    expect((await downloadAudit()).length).toBe(before);
    await p.modules.opendata.service.flushDownloads(true);
    const entries = await downloadAudit();
    expect(entries.length).toBe(before + 2); // component's and jyj_schools'
    const code = (await json('/api/open/resources/component')).code;
    expect(entries.find((e) => e.targetId === code)).toMatchObject({
      actorName: 'anonymous',
      targetType: 'download.csv',
      detail: { format: 'csv', count: 1 },
    });
    expect((await json('/api/open/resources/component')).downloads).toEqual({ csv: 1, xlsx: 0, json: 0 });
    heldAt = null;
  });

  it('downloads XLSX and JSON that read back to the same rows', async () => {
    const xlsx = await get('/api/open/resources/component/data.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as any);
    const sheet = workbook.worksheets[0]!;
    const read: string[][] = [];
    sheet.eachRow((row) => {
      read.push(
        (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))),
      );
    });
    expect(read[0]).toEqual([
      '部件编码',
      '大类',
      '小类',
      '经度',
      '纬度',
      '权属单位',
      '状态',
      '所属街道（镇）',
    ]);
    expect(read.slice(1)).toEqual(components.map((c) => Object.values(c)));
    // Numbers of decimal items are number cells when they read back the same (112.801), else text (112.800).
    expect(sheet.getRow(3).getCell(4).value).toBe(112.801);
    expect(sheet.getRow(2).getCell(4).value).toBe('112.800');
    expect(typeof sheet.getRow(3).getCell(1).value).toBe('string');

    const res = await get('/api/open/resources/jyj_schools/data.json');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    // Values are as stored: the formula-like name unchanged, the empty address as null (or empty).
    const rows = res.json() as Record<string, string | null>[];
    expect(rows.map((r) => ({ ...r, address: r.address ?? '' }))).toEqual(schools);
    expect((await json('/api/open/resources/component/data.json')).length).toBe(2500);
    expect((await json('/api/open/resources/jyj_schools')).downloads).toEqual({ csv: 1, xlsx: 0, json: 1 });
  });

  it('answers 404 on every public route for a resource that is not open or has no data', async () => {
    const household = await p.modules.catalog.service.get(ctx, 'gafj_household');
    const before = (await downloadAudit()).length;
    for (const name of [
      'gafj_household',
      household.code,
      household.code.replace('/', '-'),
      'slj_water_level',
      'no_such_thing',
    ]) {
      const id = encodeURIComponent(name);
      for (const path of ['', '/preview', '/data.csv', '/data.xlsx', '/data.json']) {
        const res = await get(`/api/open/resources/${id}${path}`);
        expect(res.statusCode, `${name}${path}`).toBe(404);
        expect(res.json().code).toBe('open_dataset_not_found');
        expect(res.body).not.toContain('张三');
      }
      const ckan = await get(`/open/api/3/action/package_show?id=${id}`);
      expect(ckan.statusCode).toBe(404);
      expect(ckan.json()).toMatchObject({
        success: false,
        error: { __type: 'Not Found Error', message: 'Not found' },
      });
    }
    // The same message whether the dataset is missing or closed: nothing tells them apart.
    const closed = await p.app.inject({
      method: 'GET',
      url: '/api/open/resources/gafj_household',
      headers: { 'accept-language': 'en' },
    });
    expect(closed.json().detail).toBe('Open dataset gafj_household does not exist or is not open');
    expect((await get('/api/open/resources/gafj_household')).json().detail).toBe(
      '开放数据集 gafj_household 不存在或未开放',
    );
    expect((await downloadAudit()).length).toBe(before);
    const list = await json('/open/api/3/action/package_list');
    expect(list.result).not.toContain('gafj_household');
    const jsonld = (await get('/open/catalog.jsonld')).body;
    expect(jsonld).not.toContain(household.code);
    expect(jsonld).not.toContain('slj_water_level');
  });

  it('publishes the open catalog as DCAT-AP JSON-LD with a distribution per format', async () => {
    const res = await get('/open/catalog.jsonld');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
    const doc = JSON.parse(res.body);
    expect(doc['@type']).toBe('dcat:Catalog');
    expect(doc['@context'].dcat).toBe('http://www.w3.org/ns/dcat#');
    const datasets = doc['dcat:dataset'] as Record<string, any>[];
    expect(datasets.map((d) => d['@type'])).toEqual(['dcat:Dataset', 'dcat:Dataset', 'dcat:Dataset']);
    const component = datasets.find((d) => d['adms:identifier']?.['skos:notation'] === 'component')!;
    expect(component['dct:title']['@value']).toBe('城市部件信息');
    expect(component['dcat:landingPage']['@id']).toMatch(/\/open\/component$/);
    const distributions = component['dcat:distribution'] as Record<string, any>[];
    expect(distributions.map((d) => d['dcat:mediaType']['@id'])).toEqual([
      'http://www.iana.org/assignments/media-types/text/csv',
      'http://www.iana.org/assignments/media-types/application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'http://www.iana.org/assignments/media-types/application/json',
    ]);
    // Each downloadURL answers with the file.
    for (const d of distributions) {
      const url = new URL(d['dcat:downloadURL']['@id']);
      expect((await get(url.pathname)).statusCode).toBe(200);
    }
  });

  it('answers the CKAN Action API subset in CKAN envelopes', async () => {
    const list = await json('/open/api/3/action/package_list');
    expect(list).toMatchObject({
      success: true,
      result: ['component', 'jyj_schools', 'zjj_construction_sites'],
    });
    expect(list.help).toMatch(/\/open\/api\/3\/action\/help_show\?name=package_list$/);
    expect((await json('/open/api/3/action/package_list?limit=1&offset=1')).result).toEqual(['jyj_schools']);

    const show = (await json('/open/api/3/action/package_show?id=component')).result;
    expect(show).toMatchObject({
      name: 'component',
      title: '城市部件信息',
      notes: expect.stringContaining('井盖'),
      organization: { name: 'cgj', title: expect.any(String) },
      tags: expect.arrayContaining([expect.objectContaining({ name: '井盖' })]),
      num_resources: 3,
    });
    expect(show.metadata_modified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?$/);
    expect(show.resources.map((r: { format: string }) => r.format)).toEqual(['CSV', 'XLSX', 'JSON']);
    expect(show.resources[0].url).toMatch(/\/api\/open\/resources\/component\/data\.csv$/);
    expect(show.extras).toContainEqual({ key: 'row_count', value: '2500' });
    // By id (the catalog code) too, and through POST with a JSON body as ckanapi sends it.
    expect(
      (await json(`/open/api/3/action/package_show?id=${encodeURIComponent(show.id)}`)).result.name,
    ).toBe('component');
    const posted = await p.app.inject({
      method: 'POST',
      url: '/open/api/3/action/package_show',
      payload: { id: 'jyj_schools' },
    });
    expect(posted.json()).toMatchObject({ success: true, result: { name: 'jyj_schools' } });

    const search = async (query: string) => (await json(`/open/api/3/action/package_search?${query}`)).result;
    expect((await search('')).count).toBe(3);
    expect((await search('q=*:*&rows=2')).results).toHaveLength(2);
    expect((await search('q=xxml')).results.map((r: { name: string }) => r.name)).toEqual(['jyj_schools']);
    expect((await search('fq=organization:cgj')).results.map((r: { name: string }) => r.name)).toEqual([
      'component',
    ]);
    expect((await search('fq=%2Borganization:cgj%20%2Bres_format:csv')).count).toBe(1);
    expect((await search('q=name:jyj_schools')).count).toBe(1);
    expect((await search(`fq=tags:${encodeURIComponent('"井盖"')}`)).count).toBe(1);
    expect((await search('fq=metadata_modified:[2000-01-01T00:00:00Z TO *]')).count).toBe(3);
    expect((await search('fq=metadata_modified:[2999-01-01T00:00:00Z TO *]')).count).toBe(0);
    const paged = await search('sort=name%20desc&rows=1&start=1');
    expect(paged).toMatchObject({ count: 3, results: [{ name: 'jyj_schools' }] });

    const error = async (url: string, status: number) => {
      const res = await get(url);
      expect(res.statusCode, url).toBe(status);
      expect(res.json().success).toBe(false);
      return res.json().error;
    };
    expect(await error('/open/api/3/action/package_show', 409)).toEqual({
      __type: 'Validation Error',
      id: ['Missing value'],
    });
    expect(await error('/open/api/3/action/package_search?rows=ten', 409)).toEqual({
      __type: 'Validation Error',
      rows: ['Invalid integer'],
    });
    expect((await error('/open/api/3/action/package_search?fq=secret_field:x', 400)).__type).toBe(
      'Search Query Error',
    );
    expect((await error('/open/api/3/action/package_search?fq=name:a%20OR%20name:b', 400)).__type).toBe(
      'Search Query Error',
    );
    expect((await error('/open/api/3/action/package_search?sort=owner%20asc', 400)).__type).toBe(
      'Search Query Error',
    );
    expect(await error('/open/api/3/action/user_list', 400)).toEqual({
      __type: 'Bad Request',
      message: 'Bad request - Action name not known: user_list',
    });
  });

  it('never publishes a personal item, even when the catalog lets one through', async () => {
    // Behind the catalog's back (its rules refuse personal items in open resources): mark an item personal.
    await p.database.db.execute(
      sql`update catalog.resources set items = (
            select jsonb_agg(case when i->>'code' = 'builder_credit_code'
                                  then jsonb_set(i, '{personal}', 'true') else i end)
            from jsonb_array_elements(items) i)
          where alias = 'zjj_construction_sites'`,
    );
    const secret = sites[0]!.builder_credit_code!;
    const bodies = await Promise.all(
      [
        '/api/open/resources/zjj_construction_sites',
        '/api/open/resources/zjj_construction_sites/preview',
        '/api/open/resources/zjj_construction_sites/data.csv',
        '/api/open/resources/zjj_construction_sites/data.json',
        '/open/catalog.jsonld',
        '/open/api/3/action/package_show?id=zjj_construction_sites',
        '/open/api/3/action/package_search?q=zjgd',
      ].map(async (url) => {
        const res = await get(url);
        expect(res.statusCode, url).toBe(200);
        return [url, res.body] as const;
      }),
    );
    for (const [url, body] of bodies) {
      expect(body, url).not.toContain(secret);
      expect(body, url).not.toContain('builder_credit_code');
      expect(body, url).not.toContain('施工单位信用代码');
    }
    // The other items are still there, so the check above is not passing on an empty answer.
    const preview = await json('/api/open/resources/zjj_construction_sites/preview');
    expect(preview.rows[0]).toMatchObject({
      project_code: 'P001',
      name: '滨水新城安置房',
      started_on: '2025-03-01',
      subdistrict: '高塘岭街道',
      lng: '112.82',
      lat: '28.35',
    });
    const xlsx = await get('/api/open/resources/zjj_construction_sites/data.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as any);
    const cells: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => {
      row.eachCell((cell) => {
        cells.push(String(cell.value));
      });
    });
    expect(cells).toContain('滨水新城安置房');
    expect(cells).not.toContain(secret);
    expect(cells).not.toContain('施工单位信用代码');
  });

  it('never publishes an item of a personal kind, even when its flag says it is not personal', async () => {
    // Behind the catalog's back (it flags such items itself): a phone-typed item and one labelled as a
    // person's name, both with personal:false, in an open resource.
    await p.database.db.execute(
      sql`update catalog.resources set items = (
            select jsonb_agg(case i->>'code'
                               when 'subdistrict' then i || '{"type": "phone", "personal": false}'
                               when 'started_on' then i || '{"name": "负责人姓名", "personal": false}'
                               else i end)
            from jsonb_array_elements(items) i)
          where alias = 'zjj_construction_sites'`,
    );
    const download = await get('/api/open/resources/zjj_construction_sites/data.csv');
    expect(download.statusCode).toBe(200);
    const csv = download.body;
    const dataset = await json('/api/open/resources/zjj_construction_sites');
    const preview = await json('/api/open/resources/zjj_construction_sites/preview');
    for (const [url, body] of [
      ['data.csv', csv],
      ['dataset', JSON.stringify(dataset)],
      ['preview', JSON.stringify(preview)],
    ]) {
      for (const hidden of ['subdistrict', '高塘岭街道', 'started_on', '2025-03-01', '负责人姓名'])
        expect(body, `${url} ${hidden}`).not.toContain(hidden);
    }
    expect(preview.rows[0]).toMatchObject({ project_code: 'P001', name: '滨水新城安置房' });
  });
});
