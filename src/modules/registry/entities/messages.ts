import { addMessages } from '../../../core/messages.ts';

// Error codes and field reasons of the registry read, conflict and precedence API.
addMessages('registry', {
  not_applicable: { 'zh-CN': '{registry} 没有这个筛选条件', en: 'is not a filter of {registry}' },
  not_a_candidate: {
    'zh-CN': '不是各来源给出的候选值之一',
    en: 'is not one of the values the sources offered',
  },
  conflict_not_open: { 'zh-CN': '冲突 {id} 已不是待处理状态', en: 'Conflict {id} is no longer open' },
  not_a_source: { 'zh-CN': '{source} 不是 {registry} 的数据来源', en: '{source} does not feed {registry}' },
  duplicate_source: { 'zh-CN': '来源 {source} 重复', en: 'lists {source} twice' },
  unknown_registry_item: {
    'zh-CN': '{code} 不是该基础库可设置优先级的数据项',
    en: '{code} is not an item whose precedence can be set',
  },
});
