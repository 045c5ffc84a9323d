import { addMessages } from '../../core/messages.ts';

addMessages('catalog', {
  invalid_resource: { 'zh-CN': '资源不符合目录编制规则', en: 'The resource breaks catalog rules' },
  class_code_mismatch: {
    'zh-CN': '分类编码首位应为 {digit}',
    en: 'must start with {digit} for this classification',
  },
  share_condition_required: {
    'zh-CN': '有条件共享的资源须写明共享条件',
    en: 'is required for a conditionally shared resource',
  },
  share_basis_required: {
    'zh-CN': '不予共享的资源须写明法律依据',
    en: 'is required (the legal basis) for a resource not shared',
  },
  open_condition_required: {
    'zh-CN': '有条件开放的资源须写明开放条件',
    en: 'is required for a conditionally open resource',
  },
  open_but_not_shared: { 'zh-CN': '不予共享的资源不能开放', en: 'a resource not shared cannot be open' },
  duplicate_item_code: { 'zh-CN': '数据项编码 {code} 重复', en: 'item code {code} is used twice' },
  enum_values_required: { 'zh-CN': '枚举型数据项须列出取值', en: 'an enum item needs its values' },
  invalid_pattern: { 'zh-CN': '不是有效的正则表达式', en: 'is not a valid regular expression' },
  open_with_personal_item: {
    'zh-CN': '开放资源不能包含个人信息数据项 {code}',
    en: 'an open resource cannot contain the personal item {code}',
  },
  unknown_key_item: {
    'zh-CN': '主键 {code} 不是本资源的数据项',
    en: 'key {code} is not an item of this resource',
  },
  key_item_not_required: { 'zh-CN': '主键数据项 {code} 必须为必填', en: 'key item {code} must be required' },
  duplicate_resource: { 'zh-CN': '资源 {code} 已存在', en: 'Resource {code} already exists' },
  duplicate_alias: { 'zh-CN': '别名 {alias} 已被使用', en: 'Alias {alias} is already used' },
  unknown_provider: {
    'zh-CN': '提供部门 {department} 不存在',
    en: 'Provider department {department} does not exist',
  },
  not_your_resource: {
    'zh-CN': '只能编辑本部门提供的资源',
    en: 'You may only edit resources your department provides',
  },
  needs_center_review: {
    'zh-CN': '此修改须经数据资源中心审核：部门不能自行开放资源或取消数据项的个人信息标记',
    en: 'The data resource center must review this change: a department may not open a resource or unmark a personal item alone',
  },
  opening_needs_review: {
    'zh-CN': '扩大开放（含有条件开放）须经数据资源中心审核',
    en: 'opening the resource (conditionally or fully) needs the data resource center’s review',
  },
  unflag_needs_review: {
    'zh-CN': '取消数据项 {code} 的个人信息标记须经数据资源中心审核',
    en: 'marking item {code} as not personal needs the data resource center’s review',
  },
  version_conflict: {
    'zh-CN': '资源已被他人修改（当前版本 {version}），请刷新后重试',
    en: 'Someone else changed the resource (now version {version}); reload and try again',
  },
  // The note of a resource's first version.
  version_created: { 'zh-CN': '登记', en: 'Registered' },
  // Import and export (XLSX, DCAT-AP).
  import_failed: {
    'zh-CN': '导入未保存：发现 {count} 处错误',
    en: 'Nothing was imported: {count} problems found',
  },
  not_a_workbook: { 'zh-CN': '文件不是 XLSX 工作簿', en: 'The file is not an XLSX workbook' },
  not_a_dcat_catalog: {
    'zh-CN': '文档不是含 dcat:dataset 的 DCAT 目录',
    en: 'The document is not a DCAT catalog with dcat:dataset',
  },
  missing_sheet: { 'zh-CN': '缺少工作表“{sheet}”', en: 'the sheet {sheet} is missing' },
  missing_column: { 'zh-CN': '缺少列“{column}”', en: 'the column {column} is missing' },
  unknown_label: {
    'zh-CN': '“{value}”不是可选值，可选：{values}',
    en: '"{value}" is not one of: {values}',
  },
  unknown_department_code: {
    'zh-CN': '部门“{value}”不存在（填写代码表中的部门代码）',
    en: 'department "{value}" does not exist (use a code from the code table)',
  },
  unknown_resource_code: {
    'zh-CN': '资源代码 {code} 不存在；新增资源请留空',
    en: 'resource code {code} does not exist; leave it empty for a new resource',
  },
  duplicate_row: {
    'zh-CN': '资源 {code} 在文件中出现多次',
    en: 'resource {code} appears more than once in the file',
  },
  unlinked_item: {
    'zh-CN': '找不到“{value}”对应的资源行',
    en: 'no resource row matches "{value}"',
  },
  ambiguous_item_link: {
    'zh-CN': '有多个资源名为“{value}”，请填写资源代码',
    en: 'several resources are named "{value}"; give the resource code',
  },
  not_a_number: { 'zh-CN': '“{value}”不是数字', en: '"{value}" is not a number' },
  invalid_date: { 'zh-CN': '日期格式应为 2024-05-01', en: 'must be a date like 2024-05-01' },
  invalid_alias: {
    'zh-CN': '别名须为小写字母开头的字母、数字、下划线',
    en: 'must be lower-case letters, digits and _, starting with a letter',
  },
  invalid_class_code: {
    'zh-CN': '分类编码应为 类(1位)+项(2位)+目(3位)[+细目(3位)] 数字，如 101001',
    en: 'must be class (1) + item (2) + category (3) [+ subcategory (3)] digits, e.g. 101001',
  },
  invalid_item_code: {
    'zh-CN': '数据项编码须为小写字母开头的字母、数字、下划线',
    en: 'must be lower-case letters, digits and _, starting with a letter',
  },
  no_items: { 'zh-CN': '资源至少要有一个数据项', en: 'a resource needs at least one data item' },
  too_many_values: { 'zh-CN': '最多 {maximum} 项', en: 'must have at most {maximum} entries' },
});
