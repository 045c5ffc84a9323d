import { addMessages } from '../../../core/messages.ts';

// Errors of case time limits and times, in zh-CN and en (registered once, at import), in the events namespace.
addMessages('events', {
  invalid_time_limit: {
    'zh-CN': '办理时限“{limit}”无效',
    en: 'The time limit "{limit}" is invalid',
  },
  not_a_time_limit: {
    'zh-CN': '应为小时数或工作日数，如 4h、24h、3wd',
    en: 'must be hours or working days, such as 4h, 24h or 3wd',
  },
  invalid_time: { 'zh-CN': '时间格式有误', en: 'The time is invalid' },
  not_an_iso_time: {
    'zh-CN': '应为 ISO 8601 时间，如 2026-02-13T17:30:00+08:00',
    en: 'must be an ISO 8601 time such as 2026-02-13T17:30:00+08:00',
  },
});
