import { addMessages } from '../../../core/messages.ts';

// The alarms area's errors (namespace 'iot').
addMessages('iot', {
  alarm_already_acknowledged: { 'zh-CN': '该告警已确认', en: 'The alarm is already acknowledged' },
  alarm_already_cleared: { 'zh-CN': '该告警已清除', en: 'The alarm is already cleared' },
  alarm_other_department: {
    'zh-CN': '只能处理本部门设备的告警',
    en: "You may only handle the alarms of your own department's devices",
  },
});
