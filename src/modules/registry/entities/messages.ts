import { addMessages } from '../../../core/messages.ts';

// Error codes and field reasons of the registry read API.
addMessages('registry', {
  not_applicable: { 'zh-CN': '{registry} 没有这个筛选条件', en: 'is not a filter of {registry}' },
  masked_filter: {
    'zh-CN': '不能按脱敏显示的数据项筛选：{items}（请按街道筛选）',
    en: 'Cannot filter on items you see masked: {items} (filter by subdistrict instead)',
  },
  masked_item: {
    'zh-CN': '您看到的该数据项已脱敏，按其筛选需有查看原值的权限',
    en: 'is shown to you masked; filtering on it needs the right to see it raw',
  },
});
