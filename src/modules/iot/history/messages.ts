import { addMessages } from '../../../core/messages.ts';

// The history import's errors and field reasons (namespace 'iot'). The readings' reasons are the write path's
// (wrong_type, out_of_range, old_ts, future_ts, unknown_key), worded in protocol/messages.ts.
addMessages('iot', {
  history_reading_invalid: {
    'zh-CN': '设备 {device} 在 {ts} 的历史读数有误',
    en: 'The past reading of device {device} at {ts} is not valid',
  },
  history_alarm_invalid: {
    'zh-CN': '设备 {device} 的历史告警有误',
    en: 'A past alarm of device {device} is not valid',
  },
  not_a_rule_of_the_device: { 'zh-CN': '不是该设备的告警规则', en: 'is not a rule of the device' },
  not_raised: { 'zh-CN': '该读数不会触发此规则', en: 'would not raise this rule' },
  out_of_order: { 'zh-CN': '时间先后有误', en: 'is out of time order' },
  future: { 'zh-CN': '不能晚于当前时间', en: 'must not be in the future' },
  rule_opens_no_case: { 'zh-CN': '该规则不生成工单', en: 'the rule opens no case' },
  not_reached: { 'zh-CN': '工单尚未到达此环节', en: 'the case has not reached this step' },
});
