import ExcelJS from 'exceljs';
import { InputError } from '../../../core/errors.ts';
import { checkDraft, type Draft, type ImportCandidate, type ImportProblem } from './import-draft.ts';
import type { ImportBatch } from './import-resources.ts';
import {
  type Column,
  classificationLabels,
  codeOfLabel,
  formatLabels,
  headerOfField,
  ITEM_SHEET,
  itemColumns,
  itemTypeLabels,
  openTypeLabels,
  RESOURCE_SHEET,
  resourceColumns,
  shareTypeLabels,
  updateCycleLabels,
  yesNoLabels,
} from './labels.ts';
import type { DepartmentRef } from './xlsx-write.ts';

/** One filled row of a sheet: its Excel row number and each column's value by header. */
type SheetRow = { row: number; values: Map<string, ExcelJS.CellValue> };

/** The text a person sees in a cell, whatever Excel stored (rich text, formula result, hyperlink, date). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

// Lists may be separated the way people type them; enum values only by |, as they may contain other marks.
const splitList = (text: string) => text.split(/[|、,，;；\n]+/).flatMap((s) => (s.trim() ? [s.trim()] : []));
const splitEnum = (text: string) => text.split(/[|\n]+/).flatMap((s) => (s.trim() ? [s.trim()] : []));

/** A date typed as 2024-05-01, 2024/5/1, 2024.5.1 or 2024年5月1日, as YYYY-MM-DD; undefined when it is none. */
function parseDate(text: string): string | undefined {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

/**
 * The text of a date cell. A date typed into a cell formatted as text stays text; one Excel stored as a
 * date serial number under the text format (the template's) reads as a number of days since 1899-12-30.
 */
function dateText(raw: ExcelJS.CellValue, text: string) {
  if (typeof raw !== 'number') return text;
  return new Date(Date.UTC(1899, 11, 30) + Math.floor(raw) * 86_400_000).toISOString().slice(0, 10);
}

const headerText = (value: ExcelJS.CellValue) => cellText(value).replace(/[*＊\s]/g, '');

/** The filled rows of a sheet by header; reports a missing sheet or column (and then returns nothing). */
function readSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: readonly Column[],
  problems: ImportProblem[],
) {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) {
    problems.push({ sheet: name, row: 1, field: '', reason: 'missing_sheet', params: { sheet: name } });
    return undefined;
  }
  const positions = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const header = headerText(cell.value);
    if (!positions.has(header)) positions.set(header, col);
  });
  // Every column is needed: a missing one would silently blank that field of every resource updated.
  const missing = columns.filter((c) => !positions.has(c.header));
  for (const c of missing)
    problems.push({
      sheet: name,
      row: 1,
      field: c.header,
      reason: 'missing_column',
      params: { column: c.header },
    });
  if (missing.length) return undefined;
  const rows: SheetRow[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const values = new Map(columns.map((c) => [c.header, row.getCell(positions.get(c.header)!).value]));
    if ([...values.values()].some((v) => cellText(v).trim())) rows.push({ row: rowNumber, values });
  });
  return rows;
}

/** Reads one sheet row into contract fields; problems with single cells are added to `problems`. */
function rowReader(sheet: string, r: SheetRow, problems: ImportProblem[]) {
  const text = (header: string) => cellText(r.values.get(header) ?? null).trim();
  const problem = (field: string, reason: string, params?: Record<string, unknown>) =>
    problems.push({ sheet, row: r.row, field, reason, params });
  return {
    text,
    problem,
    /** The cell's text, or undefined when empty (so the contract reports it as required). */
    optional: (header: string) => text(header) || undefined,
    /** The code of the label in the cell. */
    choice<K extends string>(header: string, labels: Record<K, string>): K | undefined {
      const value = text(header);
      if (!value) return undefined;
      const code = codeOfLabel(labels, value);
      if (!code) problem(header, 'unknown_label', { value, values: Object.values(labels).join('、') });
      return code;
    },
    number(header: string): number | undefined {
      const raw = r.values.get(header);
      if (typeof raw === 'number') return raw;
      const value = text(header);
      if (!value) return undefined;
      if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
      problem(header, 'not_a_number', { value });
      return undefined;
    },
  };
}

/** A data item from a 数据项 row. */
function readItem(r: SheetRow, problems: ImportProblem[]): Draft {
  const read = rowReader(ITEM_SHEET, r, problems);
  const validator = Object.fromEntries(
    Object.entries({
      enum: read.text('枚举值') ? splitEnum(read.text('枚举值')) : undefined,
      pattern: read.optional('正则'),
      min: read.number('最小值'),
      max: read.number('最大值'),
      maxLength: read.number('最大长度'),
    }).filter(([, v]) => v !== undefined),
  );
  const flag = (header: string) => read.choice(header, yesNoLabels) === 'true';
  return {
    code: read.optional('数据项编码'),
    name: read.optional('数据项名称'),
    type: read.choice('类型', itemTypeLabels),
    required: flag('必填'),
    personal: flag('个人信息'),
    ...(Object.keys(validator).length ? { validator } : {}),
    ...(read.text('说明') ? { description: read.text('说明') } : {}),
    ...(read.text('同义词') ? { synonyms: splitList(read.text('同义词')) } : {}),
  };
}

/** A resource from a 资源目录 row, without its items. */
function readResource(
  r: SheetRow,
  departments: Pick<DepartmentRef, 'id' | 'code' | 'name'>[],
  problems: ImportProblem[],
): Draft {
  const read = rowReader(RESOURCE_SHEET, r, problems);
  const provider = read.text('提供部门');
  const department = provider
    ? (departments.find((d) => d.code === provider.toUpperCase()) ??
      departments.find((d) => d.name === provider))
    : undefined;
  if (provider && !department) read.problem('提供部门', 'unknown_department_code', { value: provider });
  const date = read.text('发布日期');
  const publishDate = date ? parseDate(dateText(r.values.get('发布日期') ?? null, date)) : null;
  if (publishDate === undefined) read.problem('发布日期', 'invalid_date', { value: date });
  return {
    alias: read.text('别名') || null,
    name: read.optional('资源名称'),
    classification: read.choice('资源分类', classificationLabels),
    classCode: read.optional('分类编码'),
    providerDepartmentId: department?.id,
    summary: read.optional('资源摘要'),
    format: read.choice('资源格式', formatLabels),
    shareType: read.choice('共享类型', shareTypeLabels),
    shareCondition: read.text('共享条件') || null,
    shareBasis: read.text('不予共享依据') || null,
    openType: read.choice('开放类型', openTypeLabels),
    openCondition: read.text('开放条件') || null,
    updateCycle: read.choice('更新周期', updateCycleLabels),
    publishDate: publishDate ?? null,
    relatedCodes: splitList(read.text('关联资源')),
    keywords: splitList(read.text('关键词')),
    keyItems: splitList(read.text('主键')),
  };
}

const samePlace = (a: ImportProblem, b: ImportProblem) =>
  a.sheet === b.sheet && a.row === b.row && a.field === b.field;

/** Reads the catalog workbook: each 资源目录 row with the 数据项 rows linked to it by code or name. */
export async function readCatalogWorkbook(
  file: Buffer,
  departments: Pick<DepartmentRef, 'id' | 'code' | 'name'>[],
): Promise<ImportBatch> {
  const workbook = new ExcelJS.Workbook();
  try {
    // Validations are the template's own dropdowns; skipping them also avoids expanding whole-column ranges.
    await workbook.xlsx.load(file as any, { ignoreNodes: ['dataValidations'] });
  } catch {
    throw new InputError('not_a_workbook', 'The file is not an XLSX workbook');
  }
  const problems: ImportProblem[] = [];
  const resourceRows = readSheet(workbook, RESOURCE_SHEET, resourceColumns, problems);
  const itemRows = readSheet(workbook, ITEM_SHEET, itemColumns, problems);
  if (!resourceRows || !itemRows) return { source: 'xlsx', candidates: [], problems };

  const cell = (r: SheetRow, header: string) => cellText(r.values.get(header) ?? null).trim();
  const byCode = new Map<string, number>();
  const byName = new Map<string, number[]>();
  resourceRows.forEach((r, i) => {
    if (cell(r, '资源代码')) byCode.set(cell(r, '资源代码'), i);
    byName.set(cell(r, '资源名称'), [...(byName.get(cell(r, '资源名称')) ?? []), i]);
  });

  // Each resource's items, in sheet order, with the problems found reading them.
  const linked = resourceRows.map(() => ({
    rows: [] as number[],
    items: [] as Draft[],
    problems: [] as ImportProblem[],
  }));
  for (const r of itemRows) {
    const code = cell(r, '资源代码');
    const name = cell(r, '资源名称');
    const owners = code ? [byCode.get(code)].filter((i) => i !== undefined) : (byName.get(name) ?? []);
    if (owners.length !== 1) {
      const field = code ? '资源代码' : '资源名称';
      const reason = !code && !name ? 'required' : owners.length ? 'ambiguous_item_link' : 'unlinked_item';
      problems.push({ sheet: ITEM_SHEET, row: r.row, field, reason, params: { value: code || name } });
      continue;
    }
    const owner = linked[owners[0]!]!;
    owner.rows.push(r.row);
    owner.items.push(readItem(r, owner.problems));
  }

  const candidates: ImportCandidate[] = [];
  resourceRows.forEach((r, i) => {
    const { rows, items, problems: itemProblems } = linked[i]!;
    const readProblems = [...itemProblems];
    const draft = { ...readResource(r, departments, readProblems), items };
    const locate = (field: string) => {
      const { sheet, header } = headerOfField(field);
      const row = sheet === ITEM_SHEET ? (rows[Number(field.split('.')[1])] ?? r.row) : r.row;
      return { sheet, row, field: header };
    };
    const checked = checkDraft(draft, locate);
    // A cell that could not be read is reported once, not again as missing.
    problems.push(
      ...readProblems,
      ...checked.problems.filter((p) => !readProblems.some((q) => samePlace(p, q))),
    );
    if (checked.input && !readProblems.length)
      candidates.push({ code: cell(r, '资源代码') || null, input: checked.input, locate });
  });
  return { source: 'xlsx', candidates, problems };
}
