import { describe, expect, it } from 'vitest';
import type { Resource } from '../../catalog/index.ts';
import { demoResources } from '../../catalog/index.ts';
import { scanCsv } from '../readers/csv-parser.ts';
import { hashText, rowHash } from './row-hash.ts';
import { createRowProcessor } from './row-processor.ts';

const demo = demoResources.find((r) => r.alias === 'population')!;

const population: Resource = {
  id: 1,
  code: 'x',
  alias: demo.alias,
  name: demo.name,
  classification: demo.classification,
  classCode: demo.classCode,
  providerDepartmentId: 1,
  providerDepartmentName: '区数据资源中心',
  summary: demo.summary,
  format: demo.format,
  items: demo.items,
  keyItems: demo.keyItems,
  shareType: demo.shareType,
  shareCondition: demo.shareCondition ?? null,
  shareBasis: demo.shareBasis ?? null,
  openType: demo.openType,
  openCondition: demo.openCondition ?? null,
  updateCycle: demo.updateCycle,
  publishDate: null,
  relatedCodes: [],
  keywords: demo.keywords ?? [],
  version: 1,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
};

// The population items, in catalog order.
const ITEMS = [
  'id_number',
  'name',
  'sex',
  'birth_date',
  'ethnicity',
  'address',
  'phone',
  'subdistrict',
  'community',
  'marital_status',
  'household_id',
];

const HEADERS = ['公民身份号码', '姓名', '性别', '出生日期', '手机', '住址', '婚姻状况', '备注'];
const MAPPING: Record<string, string | null> = {
  公民身份号码: 'id_number',
  姓名: 'name',
  性别: 'sex',
  出生日期: 'birth_date',
  手机: 'phone',
  住址: 'address',
  婚姻状况: 'marital_status',
  备注: null,
};

const processorFor = () => createRowProcessor(population, HEADERS, MAPPING, 1);

/** The standardized values of a row, in item order, from values given by item code. */
function valuesOf(byCode: Record<string, string>): (string | null)[] {
  return ITEMS.map((code) => byCode[code] ?? null);
}

// The CSV's value columns: the items the file supplies, in the file's order.
const COLUMNS = ['id_number', 'name', 'sex', 'birth_date', 'phone', 'address', 'marital_status'];

/** Values in item order as the CSV's value columns (null as empty). */
const csvValues = (values: (string | null)[]) => COLUMNS.map((code) => values[ITEMS.indexOf(code)] ?? '');

/** Processes rows, with the CSV as text. */
function processText(
  processor: ReturnType<typeof createRowProcessor>,
  rows: string[][],
  withRowNumber: boolean,
) {
  const out = processor.process(rows, withRowNumber);
  return { ...out, csv: out.csv.toString() };
}

/** The hash the processor gives a row of standardized values. */
const hashOf = (values: (string | null)[]) => rowHash(values);

const ZHANG = ['430102199001011238', '张三', '男', '1990-01-01', '13800138000', '长沙市岳麓区', '已婚', ''];
const ZHANG_VALUES = valuesOf({
  id_number: '430102199001011238',
  name: '张三',
  sex: '男',
  birth_date: '1990-01-01',
  phone: '13800138000',
  address: '长沙市岳麓区',
  marital_status: '已婚',
});
const WANG = ['430102199001051248', '王五', '女', '1990/1/5', '0731 88001234', '', '', '备注'];
const WANG_VALUES = valuesOf({
  id_number: '430102199001051248',
  name: '王五',
  sex: '女',
  birth_date: '1990-01-05',
  phone: '0731-88001234',
});

describe('createRowProcessor: counts', () => {
  it('counts accepted and rejected rows, and rejected rows by reason', () => {
    const processor = processorFor();
    processText(
      processor,
      [
        ZHANG,
        ['430102199001011239', '李四', '男', '', '', '', '', ''], // check character wrong
        ['11010519491231002X', '', '女', '1949-12-31', '', '', '', ''], // name missing
        WANG,
        ['43010219900101123', '赵六', '', '', '', '', '', ''], // 17 characters
      ],
      false,
    );
    expect(processor.stats).toEqual({
      total: 5,
      accepted: 2,
      rejected: 3,
      duplicates: 0,
      warnings: 0,
      rejectedByReason: { id_number_checksum: 1, missing_required: 1, id_number_format: 1 },
    });
  });

  it('rejects a row without its key column value', () => {
    const processor = processorFor();
    processText(processor, [['', '张三', '', '', '', '', '', '']], false);
    expect(processor.stats.rejectedByReason).toEqual({ missing_required: 1 });
    expect(processor.issues).toEqual([
      {
        row: 1,
        kind: 'rejected',
        reasons: ['missing_required'],
        fields: [{ reason: 'missing_required', item: 'id_number', column: '公民身份号码' }],
        raw: {
          公民身份号码: '',
          姓名: '张三',
          性别: '',
          出生日期: '',
          手机: '',
          住址: '',
          婚姻状况: '',
          备注: '',
        },
      },
    ]);
  });

  it('writes only the items the file supplies (the others load as null)', () => {
    const processor = createRowProcessor(
      population,
      ['身份证号', '姓名'],
      { 身份证号: 'id_number', 姓名: 'name' },
      1,
    );
    const { csv } = processText(processor, [['430102199001011238', '张三']], false);
    expect(processor.stats.accepted).toBe(1);
    const values = valuesOf({ id_number: '430102199001011238', name: '张三' });
    expect(processor.columns).toEqual(['id_number', 'name']);
    expect(csv).toBe(`430102199001011238,${hashOf(values)},1,430102199001011238,张三\n`);
  });
});

describe('createRowProcessor: rejected rows', () => {
  it('keeps the 1-based data row number across calls and the raw values by header', () => {
    const processor = processorFor();
    processText(
      processor,
      [ZHANG, ['430102199001011239', ' 李四 ', '男', '1990-1-1', '', '', '', '备注一']],
      false,
    );
    processText(processor, [WANG, ['110105194912310021', '钱七']], false);
    expect(processor.issues).toEqual([
      {
        row: 2,
        kind: 'rejected',
        reasons: ['id_number_checksum'],
        fields: [{ reason: 'id_number_checksum', item: 'id_number', column: '公民身份号码' }],
        raw: {
          公民身份号码: '430102199001011239',
          姓名: ' 李四 ',
          性别: '男',
          出生日期: '1990-1-1',
          手机: '',
          住址: '',
          婚姻状况: '',
          备注: '备注一',
        },
      },
      {
        row: 4,
        kind: 'rejected',
        reasons: ['id_number_checksum'],
        fields: [{ reason: 'id_number_checksum', item: 'id_number', column: '公民身份号码' }],
        raw: {
          公民身份号码: '110105194912310021',
          姓名: '钱七',
          性别: '',
          出生日期: '',
          手机: '',
          住址: '',
          婚姻状况: '',
          备注: '',
        },
      },
    ]);
  });

  it('lists each reason of a row once, in item order, and counts each once', () => {
    const processor = processorFor();
    processText(
      processor,
      [
        ['430102199001011238', '张三', '未知', '1990-02-30', '12345', '', '同居', ''],
        ['430102199001011239', '', '男', '', '', '', '', ''],
      ],
      false,
    );
    expect(processor.issues.map((i) => [i.row, i.kind, i.reasons])).toEqual([
      [1, 'rejected', ['value_invalid', 'date_invalid']],
      [2, 'rejected', ['id_number_checksum', 'missing_required']],
    ]);
    expect(processor.stats.rejectedByReason).toEqual({
      value_invalid: 1,
      date_invalid: 1,
      id_number_checksum: 1,
      missing_required: 1,
    });
    expect(processor.stats.rejected).toBe(2);
  });

  it('adds up reasons over rows and calls', () => {
    const processor = processorFor();
    processText(processor, [['430102199001011239', '甲', '', '', '', '', '', '']], false);
    processText(
      processor,
      [
        ['430102199001011239', '乙', '', '', '', '', '', ''],
        ['430102199001011238', '丙', '', '', '', '', '离异', ''],
      ],
      false,
    );
    expect(processor.stats.rejectedByReason).toEqual({ id_number_checksum: 2, value_invalid: 1 });
  });

  it('writes no CSV for rejected rows', () => {
    const processor = processorFor();
    expect(processText(processor, [['430102199001011239', '李四', '', '', '', '', '', '']], false)).toEqual({
      csv: '',
      laterVersions: [],
    });
  });
});

describe('createRowProcessor: duplicates', () => {
  it('counts an exact duplicate and writes it once', () => {
    const processor = processorFor();
    const { csv, laterVersions } = processText(processor, [ZHANG, WANG, [...ZHANG]], false);
    expect(processor.stats).toMatchObject({ total: 3, accepted: 3, rejected: 0, duplicates: 1, warnings: 0 });
    expect(csv.split('\n')).toEqual([
      `430102199001011238,${hashOf(ZHANG_VALUES)},1,${csvValues(ZHANG_VALUES).join(',')}`,
      `430102199001051248,${hashOf(WANG_VALUES)},1,${csvValues(WANG_VALUES).join(',')}`,
      '',
    ]);
    expect(laterVersions).toEqual([]);
    expect(processor.issues).toEqual([]);
    expect(processor.seen.size).toBe(2);
  });

  it('counts a row that only differs before standardizing as an exact duplicate', () => {
    const processor = processorFor();
    const { csv } = processText(
      processor,
      [
        ZHANG,
        [
          '４３０１０２１９９００１０１１２３８',
          ' 张三 ',
          '男',
          '1990年1月1日',
          '138 0013 8000',
          '长沙市岳麓区',
          '已婚',
          '另一个备注',
        ],
      ],
      false,
    );
    expect(processor.stats.duplicates).toBe(1);
    expect(processor.issues).toEqual([]);
    expect(csv.split('\n').length).toBe(2);
  });

  it('finds an exact duplicate in a later call', () => {
    const processor = processorFor();
    processText(processor, [ZHANG], false);
    expect(processText(processor, [ZHANG], false)).toEqual({ csv: '', laterVersions: [] });
    expect(processor.stats.duplicates).toBe(1);
  });

  it('flags a later row with the same key and other values, and returns it as a later version', () => {
    const processor = processorFor();
    const moved = [...ZHANG];
    moved[5] = '长沙市天心区';
    const { csv, laterVersions } = processText(processor, [ZHANG, moved], false);
    const movedValues = [...ZHANG_VALUES];
    movedValues[ITEMS.indexOf('address')] = '长沙市天心区';

    expect(processor.stats).toMatchObject({ total: 2, accepted: 2, duplicates: 1, warnings: 1 });
    expect(processor.issues).toEqual([
      {
        row: 2,
        kind: 'warning',
        reasons: ['duplicate_key'],
        fields: [{ reason: 'duplicate_key', item: 'id_number', column: '公民身份号码' }],
        raw: {
          公民身份号码: '430102199001011238',
          姓名: '张三',
          性别: '男',
          出生日期: '1990-01-01',
          手机: '13800138000',
          住址: '长沙市天心区',
          婚姻状况: '已婚',
          备注: '',
        },
      },
    ]);
    expect(csv).toBe(`430102199001011238,${hashOf(ZHANG_VALUES)},1,${csvValues(ZHANG_VALUES).join(',')}\n`);
    expect(laterVersions).toEqual([
      ['430102199001011238', String(hashOf(movedValues)), '1', ...csvValues(movedValues)],
    ]);
    expect(processor.seen.get(rowHash(['430102199001011238']))).toBe(hashOf(movedValues));
  });

  it('writes a later version as CSV, after its row number, when rows are numbered', () => {
    const processor = processorFor();
    const moved = [...ZHANG];
    moved[5] = '长沙市天心区';
    const movedValues = [...ZHANG_VALUES];
    movedValues[ITEMS.indexOf('address')] = '长沙市天心区';
    const { csv, laterVersions } = processText(processor, [ZHANG, WANG, moved], true);
    expect(laterVersions).toEqual([]);
    expect(csv.split('\n')).toEqual([
      `1,430102199001011238,${hashOf(ZHANG_VALUES)},1,${csvValues(ZHANG_VALUES).join(',')}`,
      `2,430102199001051248,${hashOf(WANG_VALUES)},1,${csvValues(WANG_VALUES).join(',')}`,
      `3,430102199001011238,${hashOf(movedValues)},1,${csvValues(movedValues).join(',')}`,
      '',
    ]);
    expect(processor.stats).toMatchObject({ duplicates: 1, warnings: 1 });
  });

  it('flags a key that goes back to an earlier version', () => {
    const processor = processorFor();
    const moved = [...ZHANG];
    moved[5] = '长沙市天心区';
    const { laterVersions } = processText(processor, [ZHANG, moved, [...ZHANG]], false);
    expect(processor.stats).toMatchObject({ duplicates: 2, warnings: 2 });
    expect(processor.issues.map((i) => [i.row, i.reasons])).toEqual([
      [2, ['duplicate_key']],
      [3, ['duplicate_key']],
    ]);
    expect(laterVersions.map((v) => v[3 + COLUMNS.indexOf('address')])).toEqual([
      '长沙市天心区',
      '长沙市岳麓区',
    ]);
  });

  it('does not count a rejected row with a known key as a duplicate', () => {
    const processor = processorFor();
    processText(processor, [ZHANG, ['430102199001011238', '', '', '', '', '', '', '']], false);
    expect(processor.stats).toMatchObject({ accepted: 1, rejected: 1, duplicates: 0, warnings: 0 });
  });
});

describe('createRowProcessor: warnings', () => {
  it('keeps a row with an upgraded 15-digit ID number and flags it', () => {
    const processor = processorFor();
    const { csv } = processText(processor, [['430102900101123', '张三', '男', '', '', '', '', '']], false);
    expect(processor.stats).toMatchObject({ accepted: 1, warnings: 1 });
    expect(processor.issues.map((i) => [i.row, i.kind, i.reasons])).toEqual([
      [1, 'warning', ['id_number_upgraded']],
    ]);
    expect(csv.startsWith('430102199001011238,')).toBe(true);
  });

  it('flags birth date and sex that disagree with the ID number', () => {
    const processor = processorFor();
    processText(
      processor,
      [
        ['430102199001011238', '张三', '女', '1990-01-02', '', '', '', ''],
        ['430102199001051248', '王五', '女', '1990-01-05', '', '', '', ''],
        ['11010519491231002X', '李四', '男', '', '', '', '', ''],
      ],
      false,
    );
    expect(processor.stats).toMatchObject({ accepted: 3, warnings: 2 });
    expect(processor.issues.map((i) => [i.row, i.kind, i.reasons])).toEqual([
      [1, 'warning', ['birth_date_mismatch', 'sex_mismatch']],
      [3, 'warning', ['sex_mismatch']],
    ]);
  });

  it('puts standardizing warnings first, then consistency, then duplicate_key', () => {
    const processor = processorFor();
    processText(
      processor,
      [
        ['430102900101123', '张三', '男', '', '', '', '', ''],
        ['430102900101123', '张三', '男', '32874', '', '', '', ''],
        ['430102199001011238', '张三', '男', '33239', '', '', '', ''],
      ],
      false,
    );
    expect(processor.issues.map((i) => [i.row, i.reasons])).toEqual([
      [1, ['id_number_upgraded']],
      [2, ['id_number_upgraded', 'excel_serial_date', 'duplicate_key']],
      [3, ['excel_serial_date', 'birth_date_mismatch', 'duplicate_key']],
    ]);
    expect(processor.stats.warnings).toBe(3);
  });

  it('counts a flagged exact duplicate once as a duplicate and writes nothing for it', () => {
    const processor = processorFor();
    const upgraded = ['430102900101123', '张三', '男', '', '', '', '', ''];
    const first = processText(processor, [upgraded], false);
    const second = processText(processor, [[...upgraded]], false);
    expect(first.csv.split('\n').length).toBe(2);
    expect(second).toEqual({ csv: '', laterVersions: [] });
    expect(processor.stats).toMatchObject({ accepted: 2, duplicates: 1, warnings: 2 });
  });

  // The contract: Excel numbers that lost digits are detected. The value is always rejected
  // (4.3E+17 is not an ID number), so the finding must reach the row's issue or nobody sees it.
  it('reports excel_lost_digits for an ID number Excel wrote in scientific notation', () => {
    const processor = processorFor();
    processText(processor, [['4.30102199001011E+17', '张三', '男', '', '', '', '', '']], false);
    expect(processor.stats.rejected).toBe(1);
    const reasons = processor.issues.filter((i) => i.row === 1).flatMap((i) => i.reasons);
    expect(reasons).toContain('excel_lost_digits');
    // Rejected for what it is, not as a malformed ID number.
    expect(reasons).toContain('id_number_as_number');
    expect(processor.stats.rejectedByReason).toEqual({ id_number_as_number: 1 });
  });
});

describe('createRowProcessor: quality', () => {
  it('counts filled and valid values per item, rejected rows included', () => {
    const processor = processorFor();
    processText(
      processor,
      [
        ZHANG,
        WANG,
        ['430102199001011239', '李四', '未知', '1990-02-30', '', '', '', ''],
        ['', '', '', '', '', '', '', ''],
      ],
      false,
    );
    const byCode = Object.fromEntries(processor.quality.map((q) => [q.code, [q.filled, q.valid]]));
    expect(byCode).toEqual({
      id_number: [3, 2],
      name: [3, 3],
      sex: [3, 2],
      birth_date: [3, 2],
      ethnicity: [0, 0],
      address: [1, 1],
      phone: [2, 2],
      subdistrict: [0, 0],
      community: [0, 0],
      marital_status: [1, 1],
      household_id: [0, 0],
    });
    expect(processor.quality[0]).toEqual({
      code: 'id_number',
      name: '公民身份号码',
      supplied: true,
      filled: 3,
      valid: 2,
    });
  });
});

describe('createRowProcessor: CSV output', () => {
  it('quotes values with commas, quotes and line breaks, and leaves nulls unquoted and empty', () => {
    const processor = processorFor();
    const { csv } = processText(
      processor,
      [['430102199001011238', '张"三"', '男', '', '', '长沙市,岳麓区\n麓山路', '', '']],
      true,
    );
    const values = valuesOf({
      id_number: '430102199001011238',
      name: '张"三"',
      sex: '男',
      address: '长沙市,岳麓区\n麓山路',
    });
    expect(csv).toBe(
      `1,430102199001011238,${hashOf(values)},1,430102199001011238,"张""三""",男,,,"长沙市,岳麓区\n麓山路",\n`,
    );
  });

  it('quotes a value with a carriage return', () => {
    const processor = processorFor();
    const { csv } = processText(
      processor,
      [['430102199001011238', '张三', '', '', '', 'a\rb', '', '']],
      false,
    );
    expect(csv).toContain(',"a\rb",');
  });

  it('writes the batch id given', () => {
    const processor = createRowProcessor(population, HEADERS, MAPPING, 42);
    const { csv } = processText(processor, [ZHANG], false);
    expect(csv).toBe(`430102199001011238,${hashOf(ZHANG_VALUES)},42,${csvValues(ZHANG_VALUES).join(',')}\n`);
  });

  it('numbers rows across calls when rows are numbered', () => {
    const processor = processorFor();
    processText(processor, [['430102199001011239', '李四', '', '', '', '', '', '']], true);
    const { csv } = processText(processor, [ZHANG], true);
    expect(csv.startsWith(`2,430102199001011238,${hashOf(ZHANG_VALUES)},1,`)).toBe(true);
  });
});

describe('rowHash', () => {
  it('is a stable non-negative 53-bit integer', () => {
    const h = rowHash(['430102199001011238', '张三']);
    expect(h).toBe(rowHash(['430102199001011238', '张三']));
    expect(Number.isSafeInteger(h)).toBe(true);
    expect(h).toBeGreaterThanOrEqual(0);
  });

  it('tells rows apart, including values moved across a boundary', () => {
    expect(rowHash(['430102199001011238', '张三'])).not.toBe(rowHash(['430102199001011238', '张四']));
    expect(rowHash(['ab', 'c'])).not.toBe(rowHash(['a', 'bc']));
    expect(rowHash(['a', null])).not.toBe(rowHash([null, 'a']));
    expect(rowHash(['a'])).not.toBe(rowHash(['a', null]));
  });

  it('prints a hash as String() does', () => {
    for (const h of [0, 7, 99_999_999, 100_000_000, 100_000_007, 2 ** 53 - 1, rowHash(['张三'])])
      expect(hashText(h)).toBe(String(h));
  });

  it('hashes null and empty text alike (they load alike)', () => {
    expect(rowHash([null, 'a'])).toBe(rowHash(['', 'a']));
  });
});

/** CSV text of rows (fields quoted where CSV needs it). */
function csvText(rows: string[][]): string {
  const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return `${rows.map((r) => r.map(field).join(',')).join('\n')}\n`;
}

/** Everything a processor produced: CSV, later versions, counts, quality, issues. */
async function outcome(rows: string[][], asCsv: boolean, withRowNumber: boolean) {
  const processor = processorFor();
  let csv = '';
  const laterVersions: string[][] = [];
  const take = (out: { csv: Buffer; laterVersions: string[][] }) => {
    csv += out.csv.toString();
    laterVersions.push(...out.laterVersions);
  };
  if (asCsv) {
    async function* text() {
      yield csvText(rows);
    }
    for await (const chunk of scanCsv(text())) take(processor.process(chunk, withRowNumber));
  } else {
    take(processor.process(rows, withRowNumber));
  }
  const { stats, quality, issues, seen } = processor;
  return { csv, laterVersions, stats, quality, issues, keys: seen.size };
}

describe('createRowProcessor: CSV records (the fast path) load exactly as rows of values', () => {
  // Clean rows, and rows with each thing that must leave the fast path.
  const rows: string[][] = [
    ZHANG,
    WANG,
    ['11010519491231002X', '钱七', '女', '1949-12-31', '13912345678', '长沙市开福区', '未婚', ''],
    ['430102199001011239', '李四', '男', '', '', '', '', ''], // bad check character
    ['430102900101123', '赵六', '男', '', '', '', '', ''], // 15 digits, upgraded
    ['110105196001010033', ' 孙八', '', '', '', '', '', ''], // space to trim
    ['110105196001010033', '孙八', '', '', '', '', '', ''], // a later version of the key above
    ['130503670401001', 'ＡＢＣ', '', '', '', '', '', ''], // full-width letters
    ['430102199001011238', '张三', '男', '1990-01-01', '13800138000', '长沙市岳麓区', '已婚', ''], // exact duplicate
    ['430102199001011238', '张三', '女', '1990-01-02', '', '', '', ''], // same key, other values, mismatches
    ['43010219900101130X', '周九', '', '', '', '', '离异', ''], // enum value not in the list
    ['440524198001010013', '吴十', '', '1980/1/1', '+86 138 0013 8000', '"广州",天河', '', ''], // quoted field
    ['440524198001010021', '', '', '', '', '', '', ''], // name missing
    ['44052419800101003X', '郑一', '男', '', '', '', '', '', '多余'], // one field too many
    ['440524198001010048', '王二'], // fields missing
    ['440524198001010064', '\u200b林四', '', '', '', '', '', ''], // zero-width space
    ['440524198001010056', '陈\ufeff三', '', '', '', '', '', ''], // zero-width character
  ];

  for (const withRowNumber of [false, true]) {
    it(`gives the same CSV, counts, quality and issues ${withRowNumber ? 'with' : 'without'} row numbers`, async () => {
      const asRows = await outcome(rows, false, withRowNumber);
      const asCsv = await outcome(rows, true, withRowNumber);
      expect(asCsv).toEqual(asRows);
      expect(asRows.stats.accepted).toBeGreaterThan(3);
      expect(asRows.issues.length).toBeGreaterThan(5);
    });
  }

  it('passes a clean record on as its own text, behind key, hash and batch', async () => {
    const { csv } = await outcome([ZHANG], true, false);
    expect(csv).toBe(`430102199001011238,${hashOf(ZHANG_VALUES)},1,${ZHANG.slice(0, 7).join(',')}\n`);
  });

  it('reads tab-separated records through the full path', async () => {
    const processor = processorFor();
    async function* text() {
      yield `${ZHANG.join('\t')}\n`;
    }
    for await (const chunk of scanCsv(text(), '\t')) processor.process(chunk, false);
    expect(processor.stats.accepted).toBe(1);
    expect(processor.quality.find((q) => q.code === 'address')?.filled).toBe(1);
  });
});
