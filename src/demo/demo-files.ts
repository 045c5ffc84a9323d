/**
 * Writing the departments' files as they deliver them: 公安's household export as GBK CSV with Windows line ends,
 * 民政's marriage registrations and 教育局's school list as XLSX workbooks, 市场监管's entities, 城管's components,
 * 水利局's water levels and 住建局's construction sites as UTF-8 CSV. Columns a department's system has and the
 * catalog does not (登记机关, 测站名称, 施工单位) are kept, as in a real delivery: ingest leaves them out.
 * Headers are the catalog items' names or synonyms, so ingest maps every column by itself. Rows are written
 * in chunks as they are made: nothing holds a whole file.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/** What a departmental file is: the resource it feeds, who delivers it, its name, columns and encoding. */
export type DemoFileSpec = {
  alias:
    | 'gafj_household'
    | 'mzj_marriage'
    | 'scjgj_entities'
    | 'component'
    | 'jyj_schools'
    | 'slj_water_level'
    | 'zjj_construction_sites';
  department: 'GAFJ' | 'MZJ' | 'SCJGJ' | 'CGJ' | 'JYJ' | 'SLJ' | 'ZJJ';
  fileName: string;
  format: 'csv' | 'xlsx';
  encoding: 'gbk' | 'utf-8' | null;
  headers: string[];
};

/** The files of the demo district, in the order they are loaded. */
export const demoFileSpecs = {
  household: {
    alias: 'gafj_household',
    department: 'GAFJ',
    fileName: 'gafj-household.csv',
    format: 'csv',
    encoding: 'gbk',
    headers: [
      '公民身份号码',
      '姓名',
      '性别',
      '出生日期',
      '民族',
      '住址',
      '联系电话',
      '所属街道',
      '所属社区',
      '户号',
    ],
  },
  marriage: {
    alias: 'mzj_marriage',
    department: 'MZJ',
    fileName: 'mzj-marriage.xlsx',
    format: 'xlsx',
    encoding: null,
    // 登记类型 and 登记机关 are the registry system's own columns: no data item, so ingest leaves them out.
    headers: ['当事人身份证号', '当事人姓名', '登记类型', '婚姻状况', '登记日期', '联系电话', '登记机关'],
  },
  entities: {
    alias: 'scjgj_entities',
    department: 'SCJGJ',
    fileName: 'scjgj-entities.csv',
    format: 'csv',
    encoding: 'utf-8',
    headers: [
      '统一社会信用代码',
      '主体名称',
      '主体类型',
      '法定代表人',
      '法定代表人身份证号',
      '成立日期',
      '注册资本（万元）',
      '登记状态',
      '住所',
      '行业',
    ],
  },
  components: {
    alias: 'component',
    department: 'CGJ',
    fileName: 'cgj-components.csv',
    format: 'csv',
    encoding: 'utf-8',
    headers: ['部件编码', '大类', '小类', '经度', '纬度', '权属单位', '状态', '所属街道'],
  },
  schools: {
    alias: 'jyj_schools',
    department: 'JYJ',
    fileName: 'jyj-schools.xlsx',
    format: 'xlsx',
    encoding: null,
    headers: ['学校标识码', '学校名称', '学段', '办学性质', '地址', '所属街道', '在校学生数'],
  },
  waterLevels: {
    alias: 'slj_water_level',
    department: 'SLJ',
    fileName: 'slj-water-levels.csv',
    format: 'csv',
    encoding: 'utf-8',
    headers: ['测站编码', '测站名称', '所在河湖', '观测时间', '水位（米）', '警戒水位（米）'],
  },
  constructionSites: {
    alias: 'zjj_construction_sites',
    department: 'ZJJ',
    fileName: 'zjj-construction-sites.csv',
    format: 'csv',
    encoding: 'utf-8',
    headers: [
      '项目编号',
      '项目名称',
      '施工单位',
      '施工单位信用代码',
      '项目地址',
      '所属街道',
      '开工日期',
      '项目状态',
      '经度',
      '纬度',
    ],
  },
} as const satisfies Record<string, DemoFileSpec>;

/** A CSV field, quoted when it holds a delimiter, a quote or a line end. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A CSV file written in chunks of about a megabyte, in UTF-8 or GBK. */
export function createCsvWriter(file: string, headers: readonly string[], encoding: 'utf-8' | 'gbk') {
  const out = fs.createWriteStream(file);
  // 公安's system runs on Windows: GBK with CRLF line ends, as its exports come.
  const eol = encoding === 'gbk' ? '\r\n' : '\n';
  let chunk = headers.map(csvField).join(',') + eol;
  let rows = 0;
  async function flush() {
    const bytes = encoding === 'gbk' ? iconv.encode(chunk, 'gbk') : Buffer.from(chunk, 'utf8');
    chunk = '';
    if (!out.write(bytes)) await once(out, 'drain');
  }
  return {
    /** Adds one row (null is an empty cell). */
    async row(values: readonly (string | null)[]) {
      chunk += values.map((v) => (v === null ? '' : csvField(v))).join(',') + eol;
      rows++;
      if (chunk.length >= 1 << 20) await flush();
    },
    /** Writes what is left and closes the file; returns the number of rows written. */
    async close() {
      await flush();
      out.end();
      await once(out, 'finish');
      return rows;
    },
  };
}

/**
 * An XLSX workbook of one sheet by `author` (a department), streamed; a Date cell is shown as a date
 * (yyyy-mm-dd), as 民政's export does.
 */
export function createXlsxWriter(
  file: string,
  sheet: string,
  headers: readonly string[],
  createdAt: Date,
  author: string,
) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: true,
    useSharedStrings: false,
  });
  // Set after construction (the typings lack these options): the workbook's own dates, for the same bytes.
  Object.assign(workbook, {
    created: createdAt,
    modified: createdAt,
    creator: author,
    lastModifiedBy: author,
  });
  const worksheet = workbook.addWorksheet(sheet);
  worksheet.addRow([...headers]).commit();
  // Two style objects shared by every cell: the writer caches a style by its object, where a style per cell
  // would be worked out again for each (most of the writing time).
  const textStyle = {};
  const dateStyle = { numFmt: 'yyyy-mm-dd' };
  let rows = 0;
  return {
    /** Adds one row; text cells stay text (an ID number must not become a number), numbers are number cells. */
    row(values: readonly (string | number | Date | null)[]) {
      const row = worksheet.addRow([...values]);
      for (let i = 0; i < values.length; i++)
        row.getCell(i + 1).style = values[i] instanceof Date ? dateStyle : textStyle;
      row.commit();
      rows++;
    },
    /** Finishes the workbook (its zip entries dated `createdAt`, so the same rows give the same bytes). */
    async close() {
      await worksheet.commit();
      await workbook.commit();
      await setZipEntryTimes(file, createdAt);
      return rows;
    },
  };
}

/**
 * Sets every entry's modification time in a zip file. The zip library stamps entries with the time of
 * writing, which would make the same workbook differ from one run to the next; the DOS date and time sit at
 * fixed places in each local header and central directory entry.
 */
export async function setZipEntryTimes(file: string, at: Date) {
  const time = (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1);
  const date = ((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate();
  const handle = await fs.promises.open(file, 'r+');
  try {
    const { size } = await handle.stat();
    // The end-of-central-directory record: the last 22 bytes (the workbook has no zip comment).
    const end = Buffer.alloc(22);
    await handle.read(end, 0, 22, size - 22);
    if (end.readUInt32LE(0) !== 0x06054b50) throw new Error(`${file}: no zip directory at its end`);
    const entries = end.readUInt16LE(10);
    const directory = Buffer.alloc(end.readUInt32LE(12));
    const directoryAt = end.readUInt32LE(16);
    await handle.read(directory, 0, directory.length, directoryAt);
    const stamp = Buffer.alloc(4);
    stamp.writeUInt16LE(time, 0);
    stamp.writeUInt16LE(date, 2);
    let offset = 0;
    for (let i = 0; i < entries; i++) {
      if (directory.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${file}: bad zip directory entry`);
      stamp.copy(directory, offset + 12);
      await handle.write(stamp, 0, 4, directory.readUInt32LE(offset + 42) + 10);
      offset +=
        46 +
        directory.readUInt16LE(offset + 28) +
        directory.readUInt16LE(offset + 30) +
        directory.readUInt16LE(offset + 32);
    }
    await handle.write(directory, 0, directory.length, directoryAt);
  } finally {
    await handle.close();
  }
}
