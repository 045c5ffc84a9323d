import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, databaseKinds, login, startTestPlatform } from '../../../../test/databases.ts';
import { XLSX_TYPE } from './contract.ts';

type Headers = { cookie: string };

/** Loads a workbook the API sent. */
async function workbookOf(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as any);
  return workbook;
}

/** The Excel row of the resource with `code` in 资源目录, and the column of a header. */
function find(
  workbook: ExcelJS.Workbook,
  sheetName: string,
  header: string,
  match: (row: ExcelJS.Row) => boolean,
) {
  const sheet = workbook.getWorksheet(sheetName)!;
  let col = 0;
  sheet.getRow(1).eachCell((cell, c) => {
    if (cell.value === header) col = c;
  });
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row, n) => {
    if (n > 1 && !found && match(row)) found = row;
  });
  if (!col || !found) throw new Error(`no ${header} cell for the row wanted in ${sheetName}`);
  return found.getCell(col);
}
const byCode = (code: string) => (row: ExcelJS.Row) => row.getCell(1).value === code;

describe.each(databaseKinds)('catalog import and export on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  let admin: Headers;
  let gafjUser: Headers;
  let leader: Headers;
  beforeAll(async () => {
    p = await startTestPlatform(kind);
    admin = await login(p.app, 'admin', ADMIN_PASSWORD);
    const gafj = (await p.modules.org.service.findDepartmentByCode('GAFJ'))!.id;
    for (const [username, roles, departmentId] of [
      ['gafj1', ['department_user'], gafj],
      ['leader1', ['leader'], null],
    ] as const) {
      const res = await p.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin,
        payload: { username, displayName: username, departmentId, roles, password: 'Exch#2026x' },
      });
      expect(res.statusCode).toBe(201);
    }
    gafjUser = await login(p.app, 'gafj1', 'Exch#2026x');
    leader = await login(p.app, 'leader1', 'Exch#2026x');
  });
  afterAll(() => p?.close());

  const get = (url: string, headers: Headers = admin) => p.app.inject({ method: 'GET', url, headers });
  const exportXlsx = async (query = '') => {
    const res = await get(`/api/catalog/export.xlsx${query}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    return workbookOf(res.rawPayload);
  };
  const importXlsx = async (workbook: ExcelJS.Workbook, query = '', headers: Headers = admin) =>
    p.app.inject({
      method: 'POST',
      url: `/api/catalog/import.xlsx${query}`,
      headers: { ...headers, 'content-type': XLSX_TYPE },
      payload: Buffer.from(await workbook.xlsx.writeBuffer()),
    });
  const importJsonld = (doc: unknown, query = '') =>
    p.app.inject({
      method: 'POST',
      url: `/api/catalog/import.jsonld${query}`,
      headers: { ...admin, 'content-type': 'application/ld+json' },
      payload: JSON.stringify(doc),
    });
  const resource = async (code: string) =>
    (await get(`/api/catalog/resources/${encodeURIComponent(code)}`)).json();
  const catalogState = async () => {
    const all = await p.modules.catalog.service.listAll({ actor: null, ip: null, requestId: null }, {});
    return all.map((r) => `${r.code}@${r.version}`);
  };
  const imports = async () =>
    (await get('/api/audit?action=catalog.import&pageSize=50')).json().items as {
      outcome: string;
      detail: Record<string, unknown>;
    }[];

  it('round-trips the demo catalog through XLSX with every resource unchanged', async () => {
    const before = await catalogState();
    const workbook = await exportXlsx();
    expect(workbook.getWorksheet('资源目录')!.actualRowCount).toBe(before.length + 1);
    expect(find(workbook, '资源目录', '更新周期', byCode('101001/000001')).value).toBe('每日');
    expect(find(workbook, '资源目录', '共享类型', byCode('101001/000001')).value).toBe('有条件共享');
    const res = await importXlsx(workbook);
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json();
    expect(result).toMatchObject({ saved: true, created: [], updated: [], errors: [] });
    expect(result.unchanged).toHaveLength(before.length);
    expect(await catalogState()).toEqual(before);
    expect((await imports())[0]).toMatchObject({
      outcome: 'ok',
      detail: { source: 'xlsx', created: 0, updated: 0, unchanged: before.length },
    });
  });

  it('saves exactly the edited resource as a new version', async () => {
    const workbook = await exportXlsx();
    find(workbook, '资源目录', '更新周期', byCode('102001/000001')).value = '每周';
    const res = await importXlsx(workbook);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().updated).toEqual(['102001/000001']);
    const legalPerson = await resource('legal_person');
    expect(legalPerson).toMatchObject({ version: 2, updateCycle: 'weekly' });
    const versions = (await get('/api/catalog/resources/legal_person/versions')).json();
    expect(versions[0]).toMatchObject({ version: 2, changedBy: 'admin', changeNote: '批量导入（XLSX）' });
    expect((await resource('population')).version).toBe(1);
  });

  it('creates resources from rows without a code, linking items by resource name', async () => {
    const workbook = await exportXlsx('?departmentId=999999');
    expect(workbook.getWorksheet('资源目录')!.actualRowCount).toBe(1);
    workbook
      .getWorksheet('资源目录')!
      .addRow([
        '',
        'jyj_school_bus',
        '校车备案信息',
        '部门',
        '301020',
        'JYJ',
        '校车及驾驶员备案',
        '电子表格',
        '有条件共享',
        '教育、交通部门监管使用',
        '',
        '不开放',
        '',
        '每月',
        '2024/5/1',
        '',
        '校车、安全',
        'plate',
      ]);
    const items = workbook.getWorksheet('数据项')!;
    items.addRow(['', '校车备案信息', 'plate', '车牌号', '字符串', '是', '否']);
    items.addRow(['', '校车备案信息', 'seats', '座位数', '整数', '否', '否', '', '', 5, 60]);
    const res = await importXlsx(workbook);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().created).toEqual(['301020/000001']);
    expect(await resource('jyj_school_bus')).toMatchObject({
      code: '301020/000001',
      publishDate: '2024-05-01',
      keywords: ['校车', '安全'],
      items: [
        { code: 'plate', type: 'string', required: true, personal: false },
        { code: 'seats', type: 'integer', validator: { min: 5, max: 60 } },
      ],
    });
  });

  it('refuses a workbook with bad rows, naming sheet, row and column, and saves nothing', async () => {
    const before = await catalogState();
    const workbook = await exportXlsx();
    find(workbook, '资源目录', '共享条件', byCode('101001/000001')).value = null;
    find(workbook, '资源目录', '更新周期', byCode('101001/000001')).value = '每月'; // valid, must not be saved
    const legalPerson = find(workbook, '资源目录', '提供部门', byCode('102001/000001'));
    legalPerson.value = 'NOPE';
    const badType = find(workbook, '数据项', '类型', (row) => row.getCell(3).value === 'component_code');
    badType.value = '文本';
    const res = await importXlsx(workbook);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body).toMatchObject({ code: 'import_failed', saved: false });
    const populationRow = find(workbook, '资源目录', '资源代码', byCode('101001/000001')).row;
    expect(body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          sheet: '资源目录',
          row: Number(populationRow),
          field: '共享条件',
          reason: 'share_condition_required',
          message: '有条件共享的资源须写明共享条件',
        }),
        expect.objectContaining({
          sheet: '资源目录',
          row: Number(legalPerson.row),
          field: '提供部门',
          reason: 'unknown_department_code',
        }),
        expect.objectContaining({
          sheet: '数据项',
          row: Number(badType.row),
          field: '类型',
          reason: 'unknown_label',
        }),
      ]),
    );
    expect(body.errors).toHaveLength(3);
    expect(body.detail).toContain('导入未保存');
    expect(body.detail).toContain(
      `“资源目录”第 ${populationRow} 行“共享条件”: 有条件共享的资源须写明共享条件`,
    );
    expect(await catalogState()).toEqual(before);
    expect((await imports())[0]).toMatchObject({ outcome: 'failed', detail: { errors: 3 } });
    // The audit entries of the rolled-back writes left no gap in the chain.
    expect((await p.modules.audit.service.verify()).ok).toBe(true);
  });

  it("words a bad number in the catalog's own text, not another module's use of the same code", async () => {
    const workbook = await exportXlsx();
    const seats = find(workbook, '数据项', '最大长度', (row) => row.getCell(3).value === 'component_code');
    seats.value = '十二';
    const res = await importXlsx(workbook);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.errors).toEqual([
      expect.objectContaining({ field: '最大长度', reason: 'not_a_number', message: '“十二”不是数字' }),
    ]);
    expect(body.detail).toContain('“十二”不是数字');
  });

  it('reports what a dry run would do and saves nothing', async () => {
    const before = await catalogState();
    const auditBefore = (await imports()).length;
    const workbook = await exportXlsx();
    find(workbook, '资源目录', '资源摘要', byCode('103001/000001')).value = '城市部件（井盖、路灯等）';
    const res = await importXlsx(workbook, '?dryRun=true');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: true, saved: false, updated: ['103001/000001'], created: [] });
    expect(await catalogState()).toEqual(before);
    expect((await resource('component')).summary).not.toBe('城市部件（井盖、路灯等）');
    expect(await imports()).toHaveLength(auditBefore);
  });

  it("refuses a department user's import of another department's resource, saving none of it", async () => {
    const before = await catalogState();
    const workbook = await exportXlsx();
    find(workbook, '资源目录', '资源摘要', byCode('301001/000001')).value = '户籍人口（公安分局维护）';
    const population = find(workbook, '资源目录', '资源摘要', byCode('101001/000001'));
    population.value = '改别人的资源';
    const res = await importXlsx(workbook, '', gafjUser);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      expect.objectContaining({
        sheet: '资源目录',
        row: Number(population.row),
        field: '提供部门',
        reason: 'not_your_resource',
      }),
    ]);
    expect(await catalogState()).toEqual(before);
    // Its own resource alone goes through; the other departments' unchanged rows are no obstacle.
    population.value = (await resource('population')).summary;
    const own = await importXlsx(workbook, '', gafjUser);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().updated).toEqual(['301001/000001']);
  });

  it('lets leaders export but not import, and refuses a body that is no workbook', async () => {
    expect((await get('/api/catalog/export.xlsx', leader)).statusCode).toBe(200);
    expect((await get('/api/catalog/catalog.jsonld', leader)).statusCode).toBe(200);
    expect((await importXlsx(await exportXlsx(), '', leader)).statusCode).toBe(403);
    const junk = await p.app.inject({
      method: 'POST',
      url: '/api/catalog/import.xlsx',
      headers: { ...admin, 'content-type': XLSX_TYPE },
      payload: Buffer.from('not a zip'),
    });
    expect(junk.statusCode).toBe(400);
    expect(junk.json().code).toBe('not_a_workbook');
  });

  it('offers a template with the guide, the code table and dropdowns', async () => {
    const res = await get('/api/catalog/template.xlsx', gafjUser);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const workbook = await workbookOf(res.rawPayload);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['资源目录', '数据项', '填写说明', '代码表']);
    const sheet = workbook.getWorksheet('资源目录')!;
    expect(sheet.actualRowCount).toBe(1);
    const validations = (sheet as any).dataValidations.model as Record<string, ExcelJS.DataValidation>;
    // 资源分类 is column D, 更新周期 column N; 提供部门 (F) lists the department codes.
    expect(validations.D2).toMatchObject({ type: 'list', formulae: [expect.stringMatching(/^'代码表'!\$/)] });
    expect(validations.N300).toMatchObject({ type: 'list' });
    expect(validations.F2).toMatchObject({ type: 'list' });
    expect(validations.C2).toBeUndefined();
    const codes = workbook.getWorksheet('代码表')!;
    const column = (header: string) => {
      const col = codes.getRow(1).values as unknown[];
      return (codes.getColumn(col.indexOf(header)).values as unknown[]).slice(2);
    };
    expect(column('更新周期')).toEqual(['实时', '每日', '每周', '每月', '每季度', '每半年', '每年']);
    expect(column('提供部门')).toContain('GAFJ');
    const items = (workbook.getWorksheet('数据项') as any).dataValidations.model;
    expect(items.E2).toMatchObject({ type: 'list' }); // 类型
    expect(items.F2).toMatchObject({ type: 'list' }); // 必填
  });

  it('exports DCAT-AP with EU frequencies and access rights, and round-trips it', async () => {
    const res = await get('/api/catalog/catalog.jsonld');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/ld+json');
    const doc = res.json();
    expect(doc['@type']).toBe('dcat:Catalog');
    expect(doc['@context']).toMatchObject({
      dcat: 'http://www.w3.org/ns/dcat#',
      onecity: expect.any(String),
    });
    const dataset = (code: string) => doc['dcat:dataset'].find((d: any) => d['dct:identifier'] === code);
    const eu = 'http://publications.europa.eu/resource/authority/';
    const expected = {
      '101001/000001': ['DAILY', 'RESTRICTED'], // population: daily, shared on conditions
      '102001/000001': ['WEEKLY', 'RESTRICTED'], // legal_person: edited to weekly above
      '103001/000001': ['MONTHLY', 'PUBLIC'], // component: open
      '104001/000001': ['CONT', 'RESTRICTED'], // license: real time
      '301004/000001': ['DAILY', 'NON_PUBLIC'], // wjj_birth: not shared
    };
    for (const [code, [frequency, access]] of Object.entries(expected)) {
      expect(dataset(code), code).toMatchObject({
        'dct:accrualPeriodicity': { '@id': `${eu}frequency/${frequency}` },
        'dct:accessRights': { '@id': `${eu}access-right/${access}` },
      });
    }
    expect(dataset('101001/000001')).toMatchObject({
      'dct:title': { '@value': '人口基础信息', '@language': 'zh' },
      'dct:publisher': {
        '@type': 'foaf:Agent',
        'dct:identifier': 'SJZX',
        'foaf:name': { '@value': '数据资源中心' },
      },
      'dcat:theme': { 'skos:notation': '101001' },
      'dcat:distribution': [{ 'dct:format': { 'skos:notation': 'database' } }],
    });
    expect(dataset('101001/000001')['onecity:items'][0]).toMatchObject({ code: 'id_number', personal: true });

    const before = await catalogState();
    const back = await importJsonld(doc);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ saved: true, created: [], updated: [], errors: [] });
    expect(back.json().unchanged).toHaveLength(before.length);
    expect(await catalogState()).toEqual(before);
  });

  it('imports DCAT-AP changes and reports bad datasets by index and property', async () => {
    const doc = (await get('/api/catalog/catalog.jsonld')).json();
    const index = doc['dcat:dataset'].findIndex((d: any) => d['dct:identifier'] === '205001/000001');
    const water = doc['dcat:dataset'][index];
    water['dct:accrualPeriodicity'] = {
      '@id': 'http://publications.europa.eu/resource/authority/frequency/HOURLY',
    };
    doc['dcat:dataset'][0]['dct:title'] = '';
    const before = await catalogState();
    const bad = await importJsonld(doc);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      expect.objectContaining({ dataset: 0, field: 'dct:title', reason: 'required' }),
      expect.objectContaining({ dataset: index, field: 'dct:accrualPeriodicity', reason: 'unknown_label' }),
    ]);
    expect(bad.json()).toMatchObject({ code: 'import_failed', saved: false, params: { count: 2 } });
    expect(bad.json().detail).toContain('dataset[0] 的 dct:title: 必填');
    expect(await catalogState()).toEqual(before);

    doc['dcat:dataset'][0]['dct:title'] = { '@value': '人口基础信息', '@language': 'zh' };
    water['dct:accrualPeriodicity'] = {
      '@id': 'http://publications.europa.eu/resource/authority/frequency/ANNUAL_2',
    };
    const good = await importJsonld(doc, '?dryRun=false');
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json().updated).toEqual(['205001/000001']);
    expect(await resource('slj_water_level')).toMatchObject({ updateCycle: 'half_yearly', version: 2 });
  });

  it("refuses a department user's import that opens a resource or unmarks a personal item, naming the cells", async () => {
    // The center marks 户号 personal; the department's workbook takes the mark off and registers an open resource.
    const {
      code: _c,
      id: _i,
      providerDepartmentName: _p,
      version: _v,
      createdAt: _ca,
      updatedAt: _u,
      canEdit: _e,
      ...fields
    } = await resource('gafj_household');
    const marked = await p.app.inject({
      method: 'PUT',
      url: '/api/catalog/resources/gafj_household',
      headers: admin,
      payload: {
        ...fields,
        items: fields.items.map((i: { code: string }) =>
          i.code === 'household_id' ? { ...i, personal: true } : i,
        ),
      },
    });
    expect(marked.statusCode, marked.body).toBe(200);
    const before = await catalogState();
    const workbook = await exportXlsx();
    const flag = find(
      workbook,
      '数据项',
      '个人信息',
      (row) => row.getCell(1).value === '301001/000001' && row.getCell(3).value === 'household_id',
    );
    expect(flag.value).toBe('是');
    flag.value = '否';
    const opened = workbook
      .getWorksheet('资源目录')!
      .addRow([
        '',
        'gafj_open_bus',
        '公安校车',
        '部门',
        '301020',
        'GAFJ',
        '校车',
        '电子表格',
        '无条件共享',
        '',
        '',
        '开放',
        '',
        '每月',
        '',
        '',
        '',
        'plate',
      ]);
    workbook.getWorksheet('数据项')!.addRow(['', '公安校车', 'plate', '车牌号', '字符串', '是', '否']);
    const res = await importXlsx(workbook, '', gafjUser);
    expect(res.statusCode).toBe(400);
    const where = (e: { sheet: string; row: number; field: string; reason: string }) =>
      `${e.sheet}:${e.row}:${e.field}:${e.reason}`;
    expect(res.json().errors.map(where).sort()).toEqual(
      [
        `数据项:${flag.row}:个人信息:unflag_needs_review`,
        `资源目录:${opened.number}:开放类型:opening_needs_review`,
      ].sort(),
    );
    expect(await catalogState()).toEqual(before);
    // The center may make both changes (a dry run here, so the catalog stays as the other tests know it).
    const reviewed = await importXlsx(workbook, '?dryRun=true');
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json()).toMatchObject({
      updated: ['301001/000001'],
      created: [expect.stringMatching(/^301020\//)],
    });
  });
});
