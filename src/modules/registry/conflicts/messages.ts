import { addMessages } from '../../../core/messages.ts';

// Error codes and field reasons of the conflict API.
addMessages('registry', {
  not_a_candidate: {
    'zh-CN': '不是各来源给出的候选值之一',
    en: 'is not one of the values the sources offered',
  },
  value_or_candidate: {
    'zh-CN': '须给出候选值或候选序号之一（不能同时给出）',
    en: 'give either a value or a candidate number, not both',
  },
  conflict_not_open: { 'zh-CN': '冲突 {id} 已不是待处理状态', en: 'Conflict {id} is no longer open' },
});
