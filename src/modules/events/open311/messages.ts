import { addMessages } from '../../../core/messages.ts';

// Open311's texts in the events namespace: errors name the spec's fields, notices tell the client what happens next.
addMessages('events', {
  open311_location_required: {
    'zh-CN': '请提供位置：lat 和 long，或 address_string，或 address_id',
    en: 'Give a location: lat and long, address_string or address_id',
  },
  open311_required: { 'zh-CN': '缺少 {field}', en: '{field} is required' },
  open311_unknown_service: { 'zh-CN': '没有服务类型 {code}', en: 'There is no service {code}' },
  open311_notice: {
    'zh-CN': '已派{department}办理，办理时限{limit}',
    en: 'Sent to {department}; to be handled within {limit}',
  },
  open311_notice_waiting: { 'zh-CN': '已受理，等待分派', en: 'Received; waiting to be dispatched' },
  open311_hours: { 'zh-CN': '{n}小时', en: '{n} hours' },
  open311_working_days: { 'zh-CN': '{n}个工作日', en: '{n} working days' },
  open311_invalid: { 'zh-CN': '{field} 无效', en: '{field} is invalid' },
});
