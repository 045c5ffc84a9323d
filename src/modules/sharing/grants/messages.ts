import { addMessages } from '../../../core/messages.ts';

// Errors of grants and their credentials, in zh-CN and en (registered once, at import).
addMessages('sharing', {
  grants_all_for_center: {
    'zh-CN': '只有数据专员和管理员可以查看全部授权',
    en: 'Only data stewards and administrators see all grants',
  },
  not_grant_party: {
    'zh-CN': '只能查看本部门获得或本部门资源上的授权',
    en: 'You may only see grants your department holds or gave',
  },
  not_grant_revoker: {
    'zh-CN': '只有数据资源中心或资源提供部门可以撤销授权',
    en: 'Only the center or the providing department may revoke a grant',
  },
  not_grant_consumer: {
    'zh-CN': '只有获得授权的部门或数据资源中心可以管理调用凭证',
    en: 'Only the department holding the grant or the center may manage its credentials',
  },
  grant_already_revoked: { 'zh-CN': '授权 {id} 已撤销', en: 'Grant {id} is already revoked' },
  grant_not_live: {
    'zh-CN': '授权 {id} 当前为 {status}，不能创建调用凭证',
    en: 'Grant {id} is {status}; no credential can be created for it',
  },
  credential_already_revoked: {
    'zh-CN': '凭证 {keyId} 已撤销',
    en: 'Credential {keyId} is already revoked',
  },
  limits_empty: {
    'zh-CN': '请至少修改频率限制或每日配额之一',
    en: 'Change the rate limit or the daily quota, or both',
  },
});
