import { addMessages } from '../../../core/messages.ts';

// The history import's errors and the reasons it sets rows aside, in zh-CN and en.
addMessages('events', {
  import_columns_missing: {
    'zh-CN': '文件缺少必需的列：{columns}（现有列：{headers}）',
    en: 'The file has no column for {columns} (its columns: {headers})',
  },
  invalid_number: { 'zh-CN': '工单编号不能含空格，且不超过 40 个字符', en: 'not a case number' },
  unreadable_time: {
    'zh-CN': '不是可识别的时间，如 2024-03-05 14:22',
    en: 'not a time, e.g. 2024-03-05 14:22',
  },
  in_future: { 'zh-CN': '受理时间晚于现在', en: 'received in the future' },
  before_received: { 'zh-CN': '办结时间早于受理时间', en: 'closed before it was received' },
  unknown_channel: { 'zh-CN': '不认识的来源渠道', en: 'not a channel we know' },
  unknown_status: { 'zh-CN': '不认识的办理状态', en: 'not a status we know' },
  unknown_satisfaction: {
    'zh-CN': '满意度应为满意、基本满意或不满意',
    en: 'satisfied, basically satisfied or unsatisfied',
  },
  duplicate_number: { 'zh-CN': '文件中已有相同编号的工单', en: 'the file has this number already' },
  text_too_long: { 'zh-CN': '内容过长', en: 'too long' },
  control_character: { 'zh-CN': '含有控制字符', en: 'holds a control character' },
});
