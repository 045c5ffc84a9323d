import { addMessages } from '../../../core/messages.ts';

// The time-series reads' errors and field reasons, in zh-CN and en, in the iot namespace.
addMessages('iot', {
  bad_timeseries_query: { 'zh-CN': '时间序列查询有误', en: 'The time-series query is not valid' },
  unknown_keys: {
    'zh-CN': '该设备类型没有这些指标：{keys}',
    en: "The device's profile has no keys {keys}",
  },
  after_to: { 'zh-CN': '不能晚于结束时间', en: 'must not be after the end time' },
});
