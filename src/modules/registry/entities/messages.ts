import { addMessages } from '../../../core/messages.ts';

// Error codes and field reasons of the registry read API.
addMessages('registry', {
  not_applicable: { 'zh-CN': '{registry} 没有这个筛选条件', en: 'is not a filter of {registry}' },
});
