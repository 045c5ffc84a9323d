import ExcelJS from 'exceljs';
import type { Resource } from '../contract.ts';
import {
  CODES_SHEET,
  type Column,
  GUIDE_SHEET,
  ITEM_SHEET,
  itemColumns,
  RESOURCE_SHEET,
  resourceColumns,
  yesNoLabels,
} from './labels.ts';

/** A department as the catalog sheet names it: by code, with its name in the code table. */
export type DepartmentRef = { id: number; code: string; name: string; active: boolean };

// What each column wants, for the 填写说明 sheet.
const guide: Record<string, string> = {
  资源代码: '系统分配，新增资源留空；填写已有代码则更新该资源（生成新版本）',
  别名: '可选，小写字母开头的英文标识，如 population；无代码时按别名匹配已有资源',
  资源名称: '必填，100 字以内',
  资源分类: '必填，下拉选择：基础 / 主题 / 部门',
  分类编码:
    '必填，类(1位)+项(2位)+目(3位)[+细目(3位)]，首位与资源分类一致（基础 1、主题 2、部门 3），如 101001',
  提供部门: '必填，部门代码（见“代码表”）',
  资源摘要: '必填，2000 字以内',
  资源格式: '必填，下拉选择',
  共享类型: '必填，下拉选择',
  共享条件: '有条件共享时必填',
  不予共享依据: '不予共享时必填（法律法规或政策依据）',
  开放类型: '必填，下拉选择；不予共享的资源只能“不开放”',
  开放条件: '有条件开放时必填',
  更新周期: '必填，下拉选择',
  发布日期: '可选，格式 2024-05-01',
  关联资源: '可选，关联资源的代码，多个用 | 分隔',
  关键词: '可选，多个用 | 或 、分隔',
  主键: '必填，数据项编码，多个用 | 分隔；主键数据项须为必填',
  '数据项.资源代码': '数据项所属资源的代码；新增资源留空，改填“资源名称”',
  '数据项.资源名称': '资源代码为空时，按资源名称对应到“资源目录”中的一行',
  数据项编码: '必填，小写字母开头，字母、数字、下划线，如 id_number；同一资源内不重复',
  数据项名称: '必填，60 字以内',
  类型: '必填，下拉选择；枚举型须填写枚举值',
  必填: '是 / 否，默认否',
  个人信息: '是 / 否，默认否；开放资源不能含个人信息数据项',
  枚举值: '枚举型数据项的取值，用 | 分隔，如 男|女',
  正则: '可选，取值须匹配的正则表达式',
  最小值: '可选，数值型数据项的下限',
  最大值: '可选，数值型数据项的上限',
  最大长度: '可选，字符串最大长度',
  说明: '可选，500 字以内',
  同义词: '可选，数据归集时识别列名用，多个用 | 或 、分隔',
};

/** The cell value of a contract field, as the sheet shows it. */
function cellValue(column: Column, value: unknown): ExcelJS.CellValue {
  if (value === undefined || value === null) return null;
  if (column.labels) return column.labels[String(value)] ?? String(value);
  if (Array.isArray(value)) return value.length ? value.join('|') : null;
  return value as ExcelJS.CellValue;
}

/** Adds a sheet with its header row styled, frozen and filtered, and each column's width. */
function addSheet(workbook: ExcelJS.Workbook, name: string, columns: readonly Column[]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.field, width: c.width }));
  // Codes typed into a text column stay text (101001 would otherwise become a number).
  for (const [i, c] of columns.entries()) {
    if (!c.labels && !c.numeric) sheet.getColumn(i + 1).numFmt = '@';
  }
  const header = sheet.getRow(1);
  header.font = { bold: true };
  columns.forEach((c, i) => {
    header.getCell(i + 1).fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: c.required ? 'FFFCE4D6' : 'FFDDEBF7' },
    };
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

/**
 * Writes the lists the dropdowns draw from (one column each) and returns, per header, the range to
 * validate against. A sheet range has no 255-character limit, unlike a list typed into the validation.
 */
function addCodeSheet(workbook: ExcelJS.Workbook, departments: DepartmentRef[]) {
  const sheet = workbook.addWorksheet(CODES_SHEET);
  const lists: [string, string[]][] = [
    ['提供部门', departments.map((d) => d.code)],
    ['部门名称', departments.map((d) => (d.active ? d.name : `${d.name}（已停用）`))],
  ];
  for (const c of [...resourceColumns, ...itemColumns] as Column[]) {
    if (c.labels && c.labels !== yesNoLabels) lists.push([c.header, Object.values(c.labels)]);
  }
  lists.push(['是/否', Object.values(yesNoLabels)]);
  const ranges = new Map<string, string>();
  lists.forEach(([title, values], i) => {
    const column = sheet.getColumn(i + 1);
    column.width = title === '部门名称' ? 24 : 14;
    column.values = [title, ...values];
    const letter = column.letter;
    ranges.set(title, `'${CODES_SHEET}'!$${letter}$2:$${letter}$${Math.max(values.length, 1) + 1}`);
  });
  sheet.getRow(1).font = { bold: true };
  return ranges;
}

type RangeValidations = { add(range: string, validation: ExcelJS.DataValidation): void };

/** Adds dropdowns to the choice columns of a sheet, for rows 2 to `lastRow`. */
function addDropdowns(
  sheet: ExcelJS.Worksheet,
  columns: readonly Column[],
  ranges: Map<string, string>,
  lastRow: number,
) {
  columns.forEach((c, i) => {
    const range = c.labels === yesNoLabels ? ranges.get('是/否') : ranges.get(c.header);
    if (!range) return;
    const letter = sheet.getColumn(i + 1).letter;
    // exceljs supports validations on ranges (one entry, not one per cell) but its types omit the API.
    const validations = (sheet as unknown as { dataValidations: RangeValidations }).dataValidations;
    validations.add(`${letter}2:${letter}${lastRow}`, {
      type: 'list',
      // Blank is fine while filling in; the import reports required cells left empty, by row.
      allowBlank: true,
      formulae: [range],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: c.header,
      error: `请从下拉列表中选择${c.header}`,
    });
  });
}

function addGuideSheet(workbook: ExcelJS.Workbook) {
  const sheet = workbook.addWorksheet(GUIDE_SHEET);
  sheet.columns = [
    { header: '工作表', width: 10 },
    { header: '列', width: 14 },
    { header: '必填', width: 8 },
    { header: '填写说明', width: 90 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const c of resourceColumns as readonly Column[])
    sheet.addRow([RESOURCE_SHEET, c.header, c.required ? '是' : '', guide[c.header] ?? '']);
  for (const c of itemColumns as readonly Column[])
    sheet.addRow([
      ITEM_SHEET,
      c.header,
      c.required ? '是' : '',
      guide[`${ITEM_SHEET}.${c.header}`] ?? guide[c.header] ?? '',
    ]);
  sheet.addRow([]);
  sheet.addRow(['', '', '', '每个资源在“资源目录”占一行，其数据项在“数据项”中各占一行。橙色表头为必填列。']);
  sheet.addRow(['', '', '', '导入时整张表先全部校验，有任何错误则不保存任何内容，并逐行列出错误。']);
}

/** The catalog workbook departments fill in: resources, their items, the guide and the code table. */
export async function writeCatalogWorkbook(resources: Resource[], departments: DepartmentRef[]) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'OneCity';
  const codeOf = new Map(departments.map((d) => [d.id, d.code]));
  const resourceSheet = addSheet(workbook, RESOURCE_SHEET, resourceColumns);
  const itemSheet = addSheet(workbook, ITEM_SHEET, itemColumns);
  addGuideSheet(workbook);
  const ranges = addCodeSheet(workbook, departments);
  for (const r of resources) {
    const fields: Record<string, unknown> = {
      ...r,
      providerDepartmentId: codeOf.get(r.providerDepartmentId) ?? String(r.providerDepartmentId),
    };
    resourceSheet.addRow(resourceColumns.map((c) => cellValue(c, fields[c.field])));
    for (const item of r.items) {
      const itemFields: Record<string, unknown> = {
        ...item,
        resourceCode: r.code,
        resourceName: r.name,
        required: String(!!item.required),
        personal: String(!!item.personal),
        ...Object.fromEntries(Object.entries(item.validator ?? {}).map(([k, v]) => [`validator.${k}`, v])),
      };
      itemSheet.addRow(itemColumns.map((c) => cellValue(c, itemFields[c.field])));
    }
  }
  addDropdowns(resourceSheet, resourceColumns, ranges, resourceSheet.rowCount + 500);
  addDropdowns(itemSheet, itemColumns, ranges, itemSheet.rowCount + 2000);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
