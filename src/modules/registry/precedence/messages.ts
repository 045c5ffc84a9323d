import { addMessages } from '../../../core/messages.ts';

// Error codes and field reasons of the precedence API.
addMessages('registry', {
  not_a_source: { 'zh-CN': '{source} 不是 {registry} 的数据来源', en: '{source} does not feed {registry}' },
  duplicate_source: { 'zh-CN': '来源 {source} 重复', en: 'lists {source} twice' },
  unknown_registry_item: {
    'zh-CN': '{code} 不是该基础库可设置优先级的数据项',
    en: '{code} is not an item whose precedence can be set',
  },
});
