import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { updateCycles } from '../contract.ts';
import { readDcatCatalog } from './dcat-read.ts';
import { frequencyCodes } from './dcat-write.ts';
import {
  classificationLabels,
  codeOfLabel,
  formatLabels,
  itemTypeLabels,
  openTypeLabels,
  shareTypeLabels,
  updateCycleLabels,
} from './labels.ts';
import { readCatalogWorkbook } from './xlsx-read.ts';
import { writeCatalogWorkbook } from './xlsx-write.ts';

const departments = [
  { id: 1, code: 'SJZX', name: '数据资源中心', active: true },
  { id: 7, code: 'JYJ', name: '教育局', active: true },
];

/** The empty template with rows added to its two sheets, as a department would fill it in. */
async function filledTemplate(resourceRows: unknown[][], itemRows: unknown[][]) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await writeCatalogWorkbook([], departments)) as any);
  for (const row of resourceRows) workbook.getWorksheet('资源目录')!.addRow(row);
  for (const row of itemRows) workbook.getWorksheet('数据项')!.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const schoolBus = [
  '',
  '',
  '校车备案信息',
  '部门',
  301020,
  'jyj',
  '校车及驾驶员备案',
  '电子表格',
  '无条件共享',
  '',
  '',
  '不开放',
  '',
  '每月',
  new Date(Date.UTC(2024, 4, 1)),
  '',
  '',
  'plate',
];

describe('catalog labels', () => {
  it('maps every code to a distinct label and back', () => {
    for (const labels of [
      classificationLabels,
      formatLabels,
      shareTypeLabels,
      openTypeLabels,
      updateCycleLabels,
      itemTypeLabels,
    ] as Record<string, string>[]) {
      expect(new Set(Object.values(labels)).size).toBe(Object.keys(labels).length);
      for (const [code, label] of Object.entries(labels)) expect(codeOfLabel(labels, label)).toBe(code);
    }
    expect(codeOfLabel(updateCycleLabels, '每两周')).toBeUndefined();
  });

  it('gives every update cycle its own EU frequency', () => {
    expect(new Set(updateCycles.map((c) => frequencyCodes[c])).size).toBe(updateCycles.length);
  });
});

describe('reading the catalog workbook', () => {
  it('reads typed numbers, Excel dates and department codes in any case', async () => {
    const file = await filledTemplate(
      [schoolBus],
      [['', '校车备案信息', 'plate', '车牌号', '字符串', '是', '']],
    );
    const batch = await readCatalogWorkbook(file, departments);
    expect(batch.problems).toEqual([]);
    expect(batch.candidates[0]).toMatchObject({
      code: null,
      input: {
        classCode: '301020',
        providerDepartmentId: 7,
        publishDate: '2024-05-01',
        items: [{ code: 'plate', required: true, personal: false }],
      },
    });
  });

  it('names the sheet, row and column of each problem, once', async () => {
    const file = await filledTemplate(
      [schoolBus, ['', '', '另一个资源', '专题', '30102', 'XYZ', '摘要', '电子表格', '无条件共享']],
      [
        ['', '校车备案信息', 'plate', '车牌号', '字符串', '也许'],
        ['', '不存在的资源', 'x', '某项', '字符串'],
      ],
    );
    const { problems, candidates } = await readCatalogWorkbook(file, departments);
    expect(candidates).toEqual([]);
    const brief = problems.map((p) => `${p.sheet}!${p.row} ${p.field} ${p.reason}`);
    expect(brief.sort()).toEqual(
      [
        '数据项!2 必填 unknown_label',
        '数据项!3 资源名称 unlinked_item',
        '资源目录!3 资源分类 unknown_label',
        '资源目录!3 分类编码 invalid_class_code',
        '资源目录!3 提供部门 unknown_department_code',
        '资源目录!2 主键 key_item_not_required', // follows from 必填 not being 是
        '资源目录!3 开放类型 required',
        '资源目录!3 更新周期 required',
        '资源目录!3 主键 required',
        '资源目录!3 数据项 no_items',
      ].sort(),
    );
  });

  it('refuses a workbook that lacks a column rather than blanking that field', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('资源目录').addRow(['资源代码', '资源名称']);
    workbook.addWorksheet('数据项');
    const { problems } = await readCatalogWorkbook(
      Buffer.from(await workbook.xlsx.writeBuffer()),
      departments,
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ sheet: '资源目录', row: 1, field: '分类编码', reason: 'missing_column' }),
    );
    expect(problems).toContainEqual(expect.objectContaining({ sheet: '数据项', reason: 'missing_column' }));
  });
});

describe('reading a DCAT-AP catalog', () => {
  const dataset = {
    'dct:identifier': '301010/000001',
    'dct:title': [
      { '@value': 'School register', '@language': 'en' },
      { '@value': '学校名录', '@language': 'zh' },
    ],
    'dct:description': '辖区学校',
    'dct:publisher': { 'foaf:name': '教育局' },
    'dct:accrualPeriodicity': { '@id': 'http://publications.europa.eu/resource/authority/frequency/ANNUAL' },
    'dct:accessRights': { '@id': 'http://publications.europa.eu/resource/authority/access-right/PUBLIC' },
    'dcat:theme': { 'skos:notation': '301010' },
    'dcat:distribution': { 'dct:format': { 'skos:notation': 'spreadsheet' } },
    'onecity:keyItems': { '@list': ['school_code'] },
    'onecity:items': [{ code: 'school_code', name: '学校标识码', type: 'string', required: true }],
  };

  it('reads a plain DCAT-AP dataset, taking share and open types from its access right', () => {
    const { candidates, problems } = readDcatCatalog({ 'dcat:dataset': dataset }, departments);
    expect(problems).toEqual([]);
    expect(candidates[0]).toMatchObject({
      code: '301010/000001',
      input: {
        name: '学校名录',
        classification: 'department',
        providerDepartmentId: 7,
        updateCycle: 'yearly',
        shareType: 'unconditional',
        openType: 'open',
        keyItems: ['school_code'],
      },
    });
  });

  it('names the dataset and property of each problem', () => {
    const { problems } = readDcatCatalog(
      {
        'dcat:dataset': [
          dataset,
          { ...dataset, 'dct:publisher': { 'dct:identifier': 'NOPE' }, 'onecity:items': [{ code: 'X' }] },
        ],
      },
      departments,
    );
    expect(problems.map((p) => `${p.dataset} ${p.field} ${p.reason}`)).toEqual([
      '1 dct:publisher unknown_department_code',
      '1 onecity:items[0].code invalid_item_code',
      '1 onecity:items[0].name required',
      '1 onecity:items[0].type required',
    ]);
  });
});
