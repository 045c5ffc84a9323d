import { addMessages } from '../../../core/messages.ts';

// Emergency mode's errors and field reasons, in the 'ioc' namespace.
addMessages('ioc', {
  incident_open: {
    'zh-CN': '大屏已处于战时状态（“{title}”），请先恢复平时',
    en: 'The screen is in emergency mode already ("{title}"); return it to routine first',
  },
  incident_ended: { 'zh-CN': '该事件已于 {endedAt} 结束', en: 'This incident ended at {endedAt}' },
  incident_outside_district: { 'zh-CN': '事发地点不在本区范围内', en: 'The place is outside the district' },
  incident_unknown_case: { 'zh-CN': '工单 {number} 不存在', en: 'Case {number} does not exist' },
  incident_unknown_alarm: { 'zh-CN': '告警 {id} 不存在', en: 'Alarm {id} does not exist' },
});
