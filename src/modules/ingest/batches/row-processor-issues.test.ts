// Where each reason of a rejected or flagged row came from, and which items a file supplied at all.
import { describe, expect, it } from 'vitest';
import type { Resource } from '../../catalog/index.ts';
import { demoResources } from '../../catalog/index.ts';
import { scanCsv } from '../readers/csv-parser.ts';
import { createRowProcessor } from './row-processor.ts';

const demo = demoResources.find((r) => r.alias === 'population')!;
const population = {
  ...demo,
  id: 1,
  code: 'x',
  providerDepartmentId: 1,
  providerDepartmentName: '公安分局',
  version: 1,
} as unknown as Resource;

// 姓名 (required) has no column; 备注 feeds nothing.
const HEADERS = ['身份证号', '性别', '出生日期', '备注'];
const MAPPING = { 身份证号: 'id_number', 性别: 'sex', 出生日期: 'birth_date', 备注: null };
const processorFor = () => createRowProcessor(population, HEADERS, MAPPING, 1);

describe('createRowProcessor: where reasons come from', () => {
  it('names the item and file column of each reason of a rejected row, and the item no column fed', () => {
    const processor = processorFor();
    processor.process([['430102199001011239', '未知', '1990-02-30', '']], false);
    expect(processor.issues).toHaveLength(1);
    expect(processor.issues[0]!.reasons).toEqual([
      'id_number_checksum',
      'missing_required',
      'value_invalid',
      'date_invalid',
    ]);
    expect(processor.issues[0]!.fields).toEqual([
      { reason: 'id_number_checksum', item: 'id_number', column: '身份证号' },
      { reason: 'missing_required', item: 'name', column: null },
      { reason: 'value_invalid', item: 'sex', column: '性别' },
      { reason: 'date_invalid', item: 'birth_date', column: '出生日期' },
    ]);
  });

  it('places a reason met in several columns once per column', () => {
    const processor = createRowProcessor(
      population,
      ['身份证号', '姓名', '住址'],
      { 身份证号: 'id_number', 姓名: 'name', 住址: 'address' },
      1,
    );
    processor.process([['', '', '']], false);
    expect(processor.issues[0]!.reasons).toEqual(['missing_required']);
    expect(processor.issues[0]!.fields).toEqual([
      { reason: 'missing_required', item: 'id_number', column: '身份证号' },
      { reason: 'missing_required', item: 'name', column: '姓名' },
    ]);
  });

  it('places what standardizing noticed, disagreements with the ID number and a repeated key', () => {
    const processor = createRowProcessor(
      population,
      ['身份证号', '姓名', '性别', '出生日期'],
      { 身份证号: 'id_number', 姓名: 'name', 性别: 'sex', 出生日期: 'birth_date' },
      1,
    );
    processor.process(
      [
        ['430112850315001', '杨磊', '男', '1985-03-15'],
        ['430102199001011238', '张三', '女', '1991-01-01'],
        ['430102199001011238', '张三', '男', '1990-01-01'],
      ],
      false,
    );
    expect(processor.issues.map((i) => [i.row, i.kind, i.fields])).toEqual([
      [1, 'warning', [{ reason: 'id_number_upgraded', item: 'id_number', column: '身份证号' }]],
      [
        2,
        'warning',
        [
          { reason: 'birth_date_mismatch', item: 'birth_date', column: '出生日期' },
          { reason: 'birth_date_mismatch', item: 'id_number', column: '身份证号' },
          { reason: 'sex_mismatch', item: 'sex', column: '性别' },
          { reason: 'sex_mismatch', item: 'id_number', column: '身份证号' },
        ],
      ],
      [3, 'warning', [{ reason: 'duplicate_key', item: 'id_number', column: '身份证号' }]],
    ]);
  });

  it('places the reasons of rows read as CSV records (what the loader reads) alike', async () => {
    const processor = processorFor();
    async function* text() {
      yield '430102199001011238,男,1990-01-01,\n430102199001011239,男,1990-01-01,\n';
    }
    for await (const chunk of scanCsv(text())) processor.process(chunk, false);
    expect(processor.issues.map((i) => [i.row, i.fields])).toEqual([
      [1, [{ reason: 'missing_required', item: 'name', column: null }]],
      [
        2,
        [
          { reason: 'id_number_checksum', item: 'id_number', column: '身份证号' },
          { reason: 'missing_required', item: 'name', column: null },
        ],
      ],
    ]);
  });
});

describe('createRowProcessor: items the file supplies', () => {
  it('marks the items no column fed as not supplied, even when the columns it has are empty', () => {
    const processor = processorFor();
    processor.process([['430102199001011238', '', '', '']], false);
    const supplied = Object.fromEntries(processor.quality.map((q) => [q.code, q.supplied]));
    expect(supplied).toEqual({
      id_number: true,
      name: false,
      sex: true,
      birth_date: true,
      ethnicity: false,
      address: false,
      phone: false,
      subdistrict: false,
      community: false,
      marital_status: false,
      household_id: false,
    });
  });
});
