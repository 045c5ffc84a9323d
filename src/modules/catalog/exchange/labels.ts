import type {
  classifications,
  formats,
  itemTypes,
  openTypes,
  shareTypes,
  updateCycles,
} from '../contract.ts';

// The Chinese words departments read and type in the catalog sheet, for each of the contract's codes.
// This is the one table both export and import use, so a label written out always reads back.

type Labels<T extends readonly string[]> = Record<T[number], string>;

export const classificationLabels: Labels<typeof classifications> = {
  base: '基础',
  theme: '主题',
  department: '部门',
};
export const formatLabels: Labels<typeof formats> = {
  file: '电子文件',
  spreadsheet: '电子表格',
  database: '数据库',
  image: '图形图像',
  stream: '流媒体',
  self_describing: '自描述格式',
  api: '服务接口',
};
export const shareTypeLabels: Labels<typeof shareTypes> = {
  unconditional: '无条件共享',
  conditional: '有条件共享',
  none: '不予共享',
};
export const openTypeLabels: Labels<typeof openTypes> = {
  open: '开放',
  conditional: '有条件开放',
  closed: '不开放',
};
export const updateCycleLabels: Labels<typeof updateCycles> = {
  realtime: '实时',
  daily: '每日',
  weekly: '每周',
  monthly: '每月',
  quarterly: '每季度',
  half_yearly: '每半年',
  yearly: '每年',
};
export const itemTypeLabels: Labels<typeof itemTypes> = {
  string: '字符串',
  integer: '整数',
  decimal: '小数',
  date: '日期',
  datetime: '日期时间',
  boolean: '布尔',
  enum: '枚举',
  id_number: '身份证号',
  credit_code: '统一社会信用代码',
  phone: '电话',
};
export const yesNoLabels = { true: '是', false: '否' } as const;

/** The code whose label is `label` (the code itself is accepted too), or undefined. */
export function codeOfLabel<K extends string>(labels: Record<K, string>, label: string): K | undefined {
  const entries = Object.entries(labels) as [K, string][];
  return entries.find(([, l]) => l === label)?.[0] ?? entries.find(([code]) => code === label)?.[0];
}

/** The labels of a table, in order, for dropdowns and messages. */
export function labelList(labels: Record<string, string>): string[] {
  return Object.values(labels);
}

/** Columns of the 资源目录 sheet: header, the contract field it fills, and the labels when it is a choice. */
export const resourceColumns = [
  { header: '资源代码', field: 'code', width: 16 },
  { header: '别名', field: 'alias', width: 16 },
  { header: '资源名称', field: 'name', width: 24, required: true },
  { header: '资源分类', field: 'classification', width: 10, required: true, labels: classificationLabels },
  { header: '分类编码', field: 'classCode', width: 12, required: true },
  { header: '提供部门', field: 'providerDepartmentId', width: 12, required: true },
  { header: '资源摘要', field: 'summary', width: 40, required: true },
  { header: '资源格式', field: 'format', width: 12, required: true, labels: formatLabels },
  { header: '共享类型', field: 'shareType', width: 12, required: true, labels: shareTypeLabels },
  { header: '共享条件', field: 'shareCondition', width: 24 },
  { header: '不予共享依据', field: 'shareBasis', width: 24 },
  { header: '开放类型', field: 'openType', width: 12, required: true, labels: openTypeLabels },
  { header: '开放条件', field: 'openCondition', width: 24 },
  { header: '更新周期', field: 'updateCycle', width: 10, required: true, labels: updateCycleLabels },
  { header: '发布日期', field: 'publishDate', width: 12 },
  { header: '关联资源', field: 'relatedCodes', width: 20 },
  { header: '关键词', field: 'keywords', width: 20 },
  { header: '主键', field: 'keyItems', width: 16, required: true },
] as const satisfies readonly Column[];

/** Columns of the 数据项 sheet; 资源代码 or 资源名称 links an item to its resource row. */
export const itemColumns = [
  { header: '资源代码', field: 'resourceCode', width: 16 },
  { header: '资源名称', field: 'resourceName', width: 24 },
  { header: '数据项编码', field: 'code', width: 18, required: true },
  { header: '数据项名称', field: 'name', width: 20, required: true },
  { header: '类型', field: 'type', width: 14, required: true, labels: itemTypeLabels },
  { header: '必填', field: 'required', width: 8, labels: yesNoLabels },
  { header: '个人信息', field: 'personal', width: 10, labels: yesNoLabels },
  { header: '枚举值', field: 'validator.enum', width: 24 },
  { header: '正则', field: 'validator.pattern', width: 20 },
  { header: '最小值', field: 'validator.min', width: 10, numeric: true },
  { header: '最大值', field: 'validator.max', width: 10, numeric: true },
  { header: '最大长度', field: 'validator.maxLength', width: 10, numeric: true },
  { header: '说明', field: 'description', width: 30 },
  { header: '同义词', field: 'synonyms', width: 24 },
] as const satisfies readonly Column[];

/** One column of a catalog sheet. */
export type Column = {
  header: string;
  field: string;
  width: number;
  required?: boolean;
  /** Choices: the column holds one of these labels. */
  labels?: Record<string, string>;
  /** The column holds a number; every other free column is text. */
  numeric?: boolean;
};

export const RESOURCE_SHEET = '资源目录';
export const ITEM_SHEET = '数据项';
export const GUIDE_SHEET = '填写说明';
export const CODES_SHEET = '代码表';

/** The header of the column that holds a contract field (items.N.x → the 数据项 column of x). */
export function headerOfField(field: string): { sheet: string; header: string } {
  const item = /^items\.\d+\.(.+)$/.exec(field);
  if (item) {
    const rest = item[1]!;
    const column = itemColumns.find((c) => rest === c.field || rest.startsWith(`${c.field}.`));
    const byPrefix = column ?? itemColumns.find((c) => c.field.startsWith(`${rest}.`));
    return { sheet: ITEM_SHEET, header: byPrefix?.header ?? '数据项编码' };
  }
  const top = field.split('.')[0]!;
  if (top === 'items') return { sheet: RESOURCE_SHEET, header: ITEM_SHEET };
  const column = resourceColumns.find((c) => c.field === top);
  return { sheet: RESOURCE_SHEET, header: column?.header ?? '资源名称' };
}
