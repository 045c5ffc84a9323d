import { addMessages } from '../../../core/messages.ts';

// Errors of applying and deciding, in zh-CN and en (registered once, at import).
addMessages('sharing', {
  not_shareable: {
    'zh-CN': '该资源为不予共享资源，不能申请。依据：{basis}',
    en: 'This resource is not shared and cannot be applied for. Basis: {basis}',
  },
  no_applicant_department: {
    'zh-CN': '请指定申请部门：您的账号不属于任何部门',
    en: 'Name the applying department: your account belongs to no department',
  },
  not_for_other_department: {
    'zh-CN': '部门用户只能为本部门申请',
    en: 'Department users may only apply for their own department',
  },
  unknown_item: { 'zh-CN': '资源中没有数据项 {code}', en: 'The resource has no data item {code}' },
  raw_not_asked: {
    'zh-CN': '数据项 {code} 不在申请的数据项中',
    en: 'Data item {code} is not among the items asked for',
  },
  raw_not_personal: {
    'zh-CN': '数据项 {code} 不是个人信息项，无需申请原文',
    en: 'Data item {code} is not personal; it is never masked',
  },
  period_order: { 'zh-CN': '截止日期不能早于起始日期', en: 'must not be before the start date' },
  period_past: { 'zh-CN': '截止日期不能早于今天（{today}）', en: 'must not be before today ({today})' },
  period_too_long: {
    'zh-CN': '使用期限最长 3 年（至 {latest}）',
    en: 'the period may last at most 3 years (until {latest})',
  },
  item_widened: {
    'zh-CN': '数据项 {code} 未在上一环节申请或批准，不能扩大范围',
    en: 'Data item {code} was not asked for or approved before; approvals may only narrow',
  },
  filter_widened: {
    'zh-CN': '行过滤条件 {code} 只能保留或增加，不能删除或修改',
    en: 'Row filter condition {code} may only be kept or added, never removed or changed',
  },
  reason_required: { 'zh-CN': '驳回时须说明理由', en: 'A rejection needs a reason' },
  application_not_pending: {
    'zh-CN': '申请 {id} 当前为 {status}，不在该审批环节',
    en: 'Application {id} is {status}; it is not waiting for this decision',
  },
  not_provider_approver: {
    'zh-CN': '只有资源提供部门的用户或管理员可以审批提供方环节',
    en: 'Only users of the providing department or administrators decide the provider stage',
  },
  not_center_approver: {
    'zh-CN': '只有数据资源中心（管理员或数据专员）可以审批中心环节',
    en: 'Only the center (administrators or data stewards) decides the center stage',
  },
  own_application: {
    'zh-CN': '不能审批本人提交的申请（申请与审批须由不同的人完成）',
    en: 'You may not decide an application you made yourself (applying and approving are separate duties)',
  },
  already_decided_earlier_stage: {
    'zh-CN': '您已审批过该申请的上一环节，本环节须由其他人审批',
    en: 'You decided the previous stage of this application; another person must decide this one',
  },
  on_behalf_required: {
    'zh-CN': '您不属于{department}，代其审批须明确确认“代表{department}审批”',
    en: 'You do not belong to {department}: confirm that you decide on its behalf',
  },
  not_on_behalf: {
    'zh-CN': '您以本人身份审批该环节，无需也不能指定代表的部门',
    en: 'You decide this stage as yourself; name no department to act for',
  },
  not_application_party: {
    'zh-CN': '只能查看本部门提出、向本部门申请的共享申请',
    en: 'You may only see applications your department made or received',
  },
  not_applicant: {
    'zh-CN': '只有申请部门可以撤回申请',
    en: 'Only the applying department may withdraw the application',
  },
  applications_all_for_center: {
    'zh-CN': '只有数据专员和管理员可以查看全部共享申请',
    en: 'Only data stewards and administrators see all applications',
  },
});
