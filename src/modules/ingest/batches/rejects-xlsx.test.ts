import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { DataItem } from '../../catalog/index.ts';
import { rejectsWorkbook } from './rejects-xlsx.ts';

const items = [
  { code: 'id_number', name: '公民身份号码' },
  { code: 'name', name: '姓名' },
] as DataItem[];

/** The sheet's rows as arrays of cell values. */
async function rowsOf(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('rejectsWorkbook', () => {
  // "2023" is a column name JavaScript objects put first, whatever the order they were built in.
  const headers = ['身份证号', '备注', '2023'];
  const rejected = [
    {
      row: 4,
      reasons: ['id_number_checksum', 'missing_required'],
      fields: [
        { reason: 'id_number_checksum', item: 'id_number', column: '身份证号' },
        { reason: 'missing_required', item: 'name', column: null },
      ],
      raw: { '2023': '是', 备注: 'x', 身份证号: '430102199001011239' },
    },
  ];

  it('puts the columns in the file’s order, with the columns at fault beside the reasons', async () => {
    const rows = await rowsOf(await rejectsWorkbook(rejected, { headers, items }, 'zh-CN'));
    expect(rows).toEqual([
      ['行号', '原因', '问题列', '身份证号', '备注', '2023'],
      [4, '身份证号校验码错误；必填项为空', '身份证号；姓名（无对应列）', '430102199001011239', 'x', '是'],
    ]);
  });

  it('speaks English when asked', async () => {
    const rows = await rowsOf(await rejectsWorkbook(rejected, { headers, items }, 'en'));
    expect(rows[0]!.slice(0, 3)).toEqual(['Row', 'Reasons', 'Columns']);
    expect(rows[1]![2]).toBe('身份证号; 姓名 (no column)');
  });
});
