import './media/messages.ts';
import { addMessages } from '../../core/messages.ts';
import './keys/messages.ts';
import './open311/messages.ts';
import './clock/messages.ts';
import './warnings/messages.ts';
import './import/messages.ts';
import './stats/messages.ts';

// The case pipeline's errors and field reasons, in zh-CN and en (registered once, at import).
addMessages('events', {
  unknown_category: { 'zh-CN': '没有事件类别 {code}', en: 'There is no category {code}' },
  duplicate_category: { 'zh-CN': '事件类别 {code} 已存在', en: 'Category {code} already exists' },
  category_code_format: {
    'zh-CN': '类别编码由小写字母、数字、下划线和点组成，如 city.road',
    en: 'use lower-case letters, digits, _ and dots, e.g. city.road',
  },
  time_limit_format: {
    'zh-CN': '时限写作“小时数h”或“工作日数wd”，如 4h、3wd',
    en: 'write hours as 4h or working days as 3wd',
  },
  phone_format: { 'zh-CN': '电话号码格式不对', en: 'not a phone number' },
  rule_too_wide: {
    'zh-CN': '派单规则至少指定类别或街道之一',
    en: 'A dispatch rule names a category, a subdistrict or both',
  },
  point_incomplete: { 'zh-CN': '经度和纬度须同时提供', en: 'Give both longitude and latitude' },
  merge_target_closed: {
    'zh-CN': '工单 {number} 已办结，不能并案',
    en: 'Case {number} is closed; it cannot take more',
  },
  bad_merge_target: { 'zh-CN': '请并入另一件未办结的工单', en: 'Merge into another open case' },
  action_field_required: { 'zh-CN': '此操作须填写该项', en: 'This action needs this field' },
  same_department: { 'zh-CN': '工单已在该部门', en: 'The case is already with that department' },
  desk_only: { 'zh-CN': '只有中心受理席可以执行此操作', en: "Only the center's desk may do this" },
  not_lead_department: { 'zh-CN': '只有主办部门可以执行此操作', en: 'Only the lead department may do this' },
  wrong_status: {
    'zh-CN': '工单当前状态（{status}）不能执行此操作（{action}）',
    en: 'A case that is {status} cannot take the action {action}',
  },
  no_extension_request: { 'zh-CN': '没有待审批的延期申请', en: 'No extension is asked for' },
  extension_pending: { 'zh-CN': '已有待审批的延期申请', en: 'An extension is already asked for' },
  case_changed: {
    'zh-CN': '工单 {number} 刚被他人办理，请刷新后重试',
    en: 'Case {number} was changed meanwhile; reload it',
  },
  contact_hidden: {
    'zh-CN': '只有受理席和主办部门可以查看诉求人联系方式',
    en: "Only the desk and the lead department see the reporter's contact",
  },
  no_cases: { 'zh-CN': '您的账号没有可查看的工单', en: 'Your account sees no cases' },
  not_rateable: {
    'zh-CN': '诉求 {number} 还没有答复，答复后才能评价',
    en: 'Report {number} has no reply yet; rate it once it is answered',
  },
  already_rated: {
    'zh-CN': '您已评价过诉求 {number} 的答复',
    en: 'You have rated the reply to report {number} already',
  },
});
