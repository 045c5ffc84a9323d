// The catalog's code lists, free of zod so the console can import them without bundling the contract.

/** 资源分类: 基础 / 主题 / 部门 信息资源类, coded 1 / 2 / 3 as the first digit of the classification code. */
export const classifications = ['base', 'theme', 'department'] as const;
export const classificationDigit = { base: '1', theme: '2', department: '3' } as const;

/** 资源格式 (编制指南 list). */
export const formats = [
  'file',
  'spreadsheet',
  'database',
  'image',
  'stream',
  'self_describing',
  'api',
] as const;
export const shareTypes = ['unconditional', 'conditional', 'none'] as const;
export const openTypes = ['open', 'conditional', 'closed'] as const;
export const updateCycles = [
  'realtime',
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'half_yearly',
  'yearly',
] as const;
export const itemTypes = [
  'string',
  'integer',
  'decimal',
  'date',
  'datetime',
  'boolean',
  'enum',
  'id_number',
  'credit_code',
  'phone',
] as const;
