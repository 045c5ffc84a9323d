import { addMessages } from '../../../core/messages.ts';

// Refusals of the sharing API (共享接口) and the field reasons of a refused query. A refusal says what is wrong with
// the request or the credential, never anything about the data.
addMessages('sharing', {
  no_credential: {
    'zh-CN': '缺少有效的接口凭证：请在 Authorization 头中以 Bearer <keyId>.<secret> 提供',
    en: 'No valid API credential: send Authorization: Bearer <keyId>.<secret>',
  },
  bad_signature: { 'zh-CN': '接口凭证的密钥不正确', en: 'The secret of the API credential is wrong' },
  revoked: { 'zh-CN': '接口凭证已被吊销', en: 'The API credential has been revoked' },
  expired_credential: {
    'zh-CN': '接口凭证已轮换且已过期，请改用新凭证',
    en: 'The API credential was rotated and has expired; use the new one',
  },
  grant_revoked: { 'zh-CN': '共享授权已被撤销', en: 'The sharing grant has been revoked' },
  grant_expired: {
    'zh-CN': '共享授权不在有效期内',
    en: 'The sharing grant is not valid at this time (expired or not yet valid)',
  },
  no_grant: {
    'zh-CN': '该凭证没有此资源的共享授权',
    en: 'This credential has no sharing grant for this resource',
  },
  item_not_granted: {
    'zh-CN': '请求了未获授权的数据项：{items}',
    en: 'Data items not granted were asked for: {items}',
  },
  rate_limited: {
    'zh-CN': '调用过于频繁：每分钟最多 {limit} 次，请 {retryAfter} 秒后再试',
    en: 'Too many calls: at most {limit} a minute; try again in {retryAfter} s',
  },
  over_quota: {
    'zh-CN': '已用完今日调用配额（{limit} 次），配额于北京时间零点重置',
    en: "Today's quota of {limit} calls is used up; it resets at midnight (Beijing time)",
  },
  bad_filter: { 'zh-CN': '查询条件有误', en: 'The query is invalid' },
  bad_cursor: {
    'zh-CN': 'since 游标无效：请使用上次响应返回的 next 值',
    en: 'The since cursor is invalid: pass the next value of a previous answer',
  },
  log_unavailable: {
    'zh-CN': '调用日志暂时无法写入，本次调用未返回数据，请稍后重试',
    en: 'The call log cannot be written just now, so no data was served; try again shortly',
  },
  masked_filter: {
    'zh-CN': '不能按脱敏提供的数据项筛选：{items}（需授权提供原值）',
    en: 'Cannot filter on items served masked: {items} (filtering needs the raw value granted)',
  },
  // Field reasons of a refused query.
  masked_item: {
    'zh-CN': '该数据项按授权脱敏提供，按其筛选需授权提供原值',
    en: 'is served masked under this grant; filtering on it needs the raw value granted',
  },
  invalid_text: {
    'zh-CN': '含有无法处理的字符（控制字符、NUL 或无效的 UTF-8）',
    en: 'contains characters that cannot be processed (control characters, NUL or invalid UTF-8)',
  },
  not_an_item: { 'zh-CN': '不是该资源的数据项', en: 'is not a data item of this resource' },
  not_granted: { 'zh-CN': '未获授权', en: 'is not granted' },
  repeated: { 'zh-CN': '只能出现一次', en: 'may appear only once' },
  not_a_number: {
    'zh-CN': '应为 {minimum} 至 {maximum} 的整数',
    en: 'must be a whole number from {minimum} to {maximum}',
  },
});
