import { addMessages } from '../../core/messages.ts';

addMessages({
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
  version_conflict: {
    'zh-CN': '资源已被他人修改（当前版本 {version}），请刷新后重试',
    en: 'Someone else changed the resource (now version {version}); reload and try again',
  },
});
