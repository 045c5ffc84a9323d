/** Messages shown to people for the stable error codes, in zh-CN and en. */

export type Lang = 'zh-CN' | 'en';

export type Template = { 'zh-CN': string; en: string };

const messages: Record<string, Template> = {
  unauthenticated: { 'zh-CN': '请先登录', en: 'Sign in first' },
  session_expired: { 'zh-CN': '会话已过期，请重新登录', en: 'Your session has expired; sign in again' },
  // One answer for an unknown name, a wrong password and a lockout, so no one learns which names exist.
  bad_credentials: {
    'zh-CN': '用户名或密码错误；同一地址连续失败多次后将暂停登录一段时间',
    en: 'Wrong user name or password; after repeated failures, sign-in from this address pauses for a while',
  },
  bad_token: { 'zh-CN': 'API 令牌无效或已过期', en: 'The API token is invalid or expired' },
  account_locked: {
    'zh-CN': '登录失败次数过多，账号已锁定至 {until}',
    en: 'Too many failed sign-ins; the account is locked until {until}',
  },
  account_disabled: { 'zh-CN': '账号已停用', en: 'This account is disabled' },
  forbidden: { 'zh-CN': '您没有执行此操作的权限', en: 'You may not do this' },
  not_found: { 'zh-CN': '未找到 {what} {key}', en: '{what} {key} not found' },
  invalid_input: { 'zh-CN': '输入有误', en: 'The input is invalid' },
  wrong_password: { 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
  weak_password: {
    'zh-CN': '密码至少 8 位，且包含大写字母、小写字母、数字、符号中的三类',
    en: 'A password needs at least 8 characters from three of: upper case, lower case, digits, symbols',
  },
  same_password: {
    'zh-CN': '新密码不能与当前密码相同',
    en: 'The new password must differ from the current one',
  },
  duplicate_username: { 'zh-CN': '用户名 {username} 已存在', en: 'User name {username} is taken' },
  duplicate_code: { 'zh-CN': '编码 {code} 已存在', en: 'Code {code} is already used' },
  department_in_use: {
    'zh-CN': '部门 {code} 仍有 {users} 个用户，不能删除',
    en: 'Department {code} still has {users} users and cannot be deleted',
  },
  unknown_department: { 'zh-CN': '部门 {department} 不存在', en: 'Department {department} does not exist' },
  unknown_division: { 'zh-CN': '行政区划 {division} 不存在', en: 'Division {division} does not exist' },
  last_admin: {
    'zh-CN': '不能移除最后一个有效的管理员',
    en: 'The last active administrator cannot be removed',
  },
  internal: { 'zh-CN': '服务器内部错误', en: 'Internal server error' },
  bad_request: { 'zh-CN': '请求无法处理', en: 'The request cannot be processed' },
  malformed_json: { 'zh-CN': '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  request_body_too_large: { 'zh-CN': '请求体过大', en: 'The request body is too large' },
  unsupported_media_type: { 'zh-CN': '不支持该内容类型', en: 'This content type is not supported' },
  query_too_long: {
    'zh-CN': '查询字符串过长，不能超过 {maximum} 个字符',
    en: 'The query string is too long; at most {maximum} characters',
  },
  cross_site_request: {
    'zh-CN': '拒绝来自其他网站的修改请求，请在本系统页面中操作',
    en: 'Changes sent from another site are refused; use this system’s own pages',
  },
  raw_reason_required: {
    'zh-CN': '查看未脱敏的个人信息须填写查看理由',
    en: 'Say why you need to see the personal data unmasked',
  },
  // Where a bad field of an uploaded file is, and how many more problems a summary leaves out.
  field_in_sheet_row: { 'zh-CN': '“{sheet}”第 {row} 行“{field}”', en: '{sheet} row {row}, {field}' },
  field_in_row: { 'zh-CN': '第 {row} 行“{field}”', en: 'row {row}, {field}' },
  field_in_dataset: { 'zh-CN': 'dataset[{dataset}] 的 {field}', en: 'dataset[{dataset}], {field}' },
  more_problems: { 'zh-CN': '另有 {count} 处', en: '{count} more' },
  // Field reasons, used for per-field validation messages.
  required: { 'zh-CN': '必填', en: 'is required' },
  too_short: { 'zh-CN': '长度至少为 {minimum}', en: 'must have at least {minimum} characters' },
  too_long: { 'zh-CN': '长度不能超过 {maximum}', en: 'must have at most {maximum} characters' },
  too_small: { 'zh-CN': '不能小于 {minimum}', en: 'must be at least {minimum}' },
  too_big: { 'zh-CN': '不能大于 {maximum}', en: 'must be at most {maximum}' },
  invalid_type: { 'zh-CN': '类型应为 {expected}', en: 'must be of type {expected}' },
  invalid_format: { 'zh-CN': '格式不正确', en: 'has the wrong format' },
  invalid_value: { 'zh-CN': '取值不在允许范围内：{values}', en: 'must be one of: {values}' },
  unknown_field: { 'zh-CN': '不是可接受的字段', en: 'is not an accepted field' },
  invalid: { 'zh-CN': '取值无效', en: 'is invalid' },
  forbidden_character: {
    'zh-CN': '含有不允许的字符（NUL 或不完整的 Unicode 字符）',
    en: 'holds a character that is not allowed (NUL or a broken Unicode character)',
  },
  not_utf8: { 'zh-CN': '不是有效的 UTF-8 编码', en: 'is not valid UTF-8' },
  // The checks of GB 11643 and GB 32100 (core/cn-codes.ts), which every module that takes these codes uses.
  id_number_format: { 'zh-CN': '身份证号格式错误', en: 'the citizen ID number has the wrong format' },
  id_number_checksum: { 'zh-CN': '身份证号校验码错误', en: 'the citizen ID number check digit is wrong' },
  id_number_date: {
    'zh-CN': '身份证号中的出生日期无效',
    en: 'the birth date in the citizen ID number is not valid',
  },
  credit_code_format: { 'zh-CN': '统一社会信用代码格式错误', en: 'the credit code has the wrong format' },
  credit_code_checksum: {
    'zh-CN': '统一社会信用代码校验码错误',
    en: 'the credit code check character is wrong',
  },
};

// Each module's codes live in its own namespace (named after the module), so two modules may use the same code
// with different texts. A code may not shadow a core code, nor be registered twice in one namespace with
// another text: either stops the process at start, when the module's messages are imported.
const namespaces = new Map<string, Record<string, Template>>();

/** Adds message codes to a module's namespace; throws on a code that clashes with core or the namespace. */
export function addMessages(ns: string, more: Record<string, Template>) {
  const table = namespaces.get(ns) ?? {};
  for (const [code, template] of Object.entries(more)) {
    if (Object.hasOwn(messages, code))
      throw new Error(`Message code "${code}" of namespace "${ns}" shadows a core message code`);
    const known = table[code];
    if (known && (known['zh-CN'] !== template['zh-CN'] || known.en !== template.en))
      throw new Error(`Message code "${code}" is registered twice in namespace "${ns}" with different texts`);
    table[code] = template;
  }
  namespaces.set(ns, table);
}

/** The namespaces that define `code`, for the structure checks and for messages asked without a namespace. */
export function namespacesOf(code: string): string[] {
  return [...namespaces].filter(([, table]) => Object.hasOwn(table, code)).map(([ns]) => ns);
}

/** Finds the template of `code`: in namespace `ns`, then core, then the one namespace that defines it. */
function templateOf(code: string, ns: string | undefined): Template | undefined {
  const own = ns === undefined ? undefined : namespaces.get(ns);
  if (own && Object.hasOwn(own, code)) return own[code];
  if (Object.hasOwn(messages, code)) return messages[code];
  const owners = namespacesOf(code);
  return owners.length === 1 ? namespaces.get(owners[0]!)![code] : undefined;
}

/**
 * Renders the message for `code` in `lang`, filling `{name}` placeholders from params. `ns` is the module
 * asking (a route's module, say): its own text wins over another module's use of the same code.
 */
export function message(
  code: string,
  lang: Lang,
  params: Record<string, unknown> = {},
  ns?: string,
): string | undefined {
  const template = templateOf(code, ns)?.[lang];
  if (!template) return undefined;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => showParam(params[name]));
}

// The district's clock: times in messages are shown as people there read them.
const localTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'short',
  timeStyle: 'short',
});

function showParam(value: unknown): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value))
    return localTime.format(new Date(value));
  return String(value ?? '');
}

/** Picks zh-CN or en from an Accept-Language header; Chinese is the default. */
export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh-CN';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
