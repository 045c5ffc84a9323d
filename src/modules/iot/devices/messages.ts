import { addMessages } from '../../../core/messages.ts';

// The device registry's errors and field reasons, in the iot namespace.
addMessages('iot', {
  outside_district: { 'zh-CN': '位置不在本区范围内', en: 'is outside the district' },
  unknown_component: {
    'zh-CN': '部件 {code} 不在部件库中',
    en: 'Component {code} is not in the component registry',
  },
  inactive_department: { 'zh-CN': '部门 {department} 已停用', en: 'Department {department} is inactive' },
  other_department: {
    'zh-CN': '只能登记本部门的设备',
    en: 'You may only register devices of your own department',
  },
  not_an_attribute: {
    'zh-CN': '设备类型 {profile} 没有属性 {key}',
    en: 'Profile {profile} has no attribute {key}',
  },
  not_a_number: { 'zh-CN': '应为数字', en: 'must be a number' },
  not_a_date: { 'zh-CN': '应为日期（如 2026-05-01）', en: 'must be a date (such as 2026-05-01)' },
  bad_device_code: {
    'zh-CN': '只能包含字母、数字和 - _ .，不超过 64 个字符',
    en: 'may hold letters, digits and - _ . only, at most 64 characters',
  },
  duplicate_in_file: { 'zh-CN': '编码 {code} 在文件中重复', en: 'Code {code} appears twice in the file' },
  device_retired: {
    'zh-CN': '设备 {code} 已报废，不能再修改',
    en: 'Device {code} is retired and cannot be changed',
  },
  not_a_workbook: { 'zh-CN': '上传的文件不是 XLSX 工作簿', en: 'The upload is not an XLSX workbook' },
  no_device_sheet: { 'zh-CN': '工作簿中没有设备表', en: 'The workbook has no sheet of devices' },
  missing_column: { 'zh-CN': '缺少列“{column}”', en: 'Column "{column}" is missing' },
});
