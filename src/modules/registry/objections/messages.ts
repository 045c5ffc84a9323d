import { addMessages } from '../../../core/messages.ts';

// Error codes and field reasons of the objection (数据纠错) API.
addMessages('registry', {
  unknown_registry: { 'zh-CN': '基础库 {registry} 不存在', en: 'There is no registry {registry}' },
  objection_not_open: {
    'zh-CN': '只能答复待处理的纠错，该纠错当前为 {status}',
    en: 'Only an open objection can be answered; this one is {status}',
  },
  objection_not_answered: {
    'zh-CN': '只能关闭已采纳或已驳回的纠错，该纠错当前为 {status}',
    en: 'Only an accepted or rejected objection can be closed; this one is {status}',
  },
  not_objection_source: {
    'zh-CN': '只有数据来源部门或数据专员可以答复该纠错',
    en: 'Only the source department or a data steward may answer this objection',
  },
  not_objection_raiser: {
    'zh-CN': '只有提出纠错的部门或数据专员可以关闭该纠错',
    en: 'Only the raising department or a data steward may close this objection',
  },
  not_objection_party: {
    'zh-CN': '只能查看本部门提出或分派给本部门的纠错',
    en: 'You may only see objections your department raised or was sent',
  },
  objections_all_for_stewards: {
    'zh-CN': '只有数据专员和管理员可以查看全部纠错',
    en: 'Only data stewards and administrators see all objections',
  },
  no_department: {
    'zh-CN': '您的账号不属于任何部门',
    en: 'Your account belongs to no department',
  },
  not_own_entity: {
    'zh-CN': '只能对本人或本人担任法定代表人的企业的信息提出纠错',
    en: 'You may object only to your own entries or those of companies you represent',
  },
  key_or_ref: { 'zh-CN': '须且只能提供 key 或 ref 之一', en: 'give exactly one of key and ref' },
});
