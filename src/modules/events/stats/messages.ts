import { addMessages } from '../../../core/messages.ts';

// The statistics' errors and field reasons, in zh-CN and en (registered once, at import), in the events namespace.
addMessages('events', {
  bad_range: { 'zh-CN': '开始日期晚于结束日期', en: 'The range ends before it starts' },
  after_to: { 'zh-CN': '不能晚于结束日期', en: 'must not be after the end date' },
  range_too_long: {
    'zh-CN': '时间范围过长（最多 {maximum} 天）',
    en: 'The range is too long (at most {maximum} days)',
  },
  other_department_statistics: {
    'zh-CN': '只能查看本部门的统计',
    en: "You may see your own department's figures only",
  },
});
