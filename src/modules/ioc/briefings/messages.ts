import { addMessages } from '../../../core/messages.ts';

// The briefings' errors and field reasons (the period's shape, period_format, is the module's).
addMessages('ioc', {
  briefing_no_such_week: {
    'zh-CN': '{year} 年只有 {weeks} 周',
    en: '{year} has only {weeks} weeks',
  },
  briefing_period_not_over: {
    'zh-CN': '该期尚未结束（至 {to}），结束后才能生成简报',
    en: 'The period runs until {to}; its briefing can be made once it is over',
  },
  briefing_period_not_started: {
    'zh-CN': '该期尚未开始（自 {from}）',
    en: 'The period starts on {from}',
  },
});
