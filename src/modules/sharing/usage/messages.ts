import { addMessages } from '../../../core/messages.ts';

// Errors of the usage statistics, in zh-CN and en (registered once, at import).
addMessages('sharing', {
  history_call_invalid: { 'zh-CN': '历史调用记录有误', en: 'A past call is not valid' },
  outside_grant_period: { 'zh-CN': '不在授权有效期内', en: 'is outside the period of the grant' },
  unknown_resource_ref: { 'zh-CN': '资源 {resource} 不存在', en: 'Resource {resource} does not exist' },
});
