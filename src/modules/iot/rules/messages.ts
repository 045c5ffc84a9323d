import { addMessages } from '../../../core/messages.ts';

// The rules area's errors and field reasons (namespace 'iot').
addMessages('iot', {
  rule_scope: {
    'zh-CN': '规则须属于一个设备类型或一台设备（二选一）',
    en: 'A rule belongs to a device profile or to one device (one of the two)',
  },
  rule_profile_center_only: {
    'zh-CN': '只有中心可以修改设备类型的告警规则',
    en: 'Only the center edits the rules of device profiles',
  },
  rule_other_department: {
    'zh-CN': '只能修改本部门设备的告警规则',
    en: "You may only edit the rules of your own department's devices",
  },
  unknown_category: { 'zh-CN': '没有这个事件类别', en: 'is not a case category' },
  unknown_profile_field: { 'zh-CN': '没有这个设备类型', en: 'is not a device profile' },
  unknown_device_field: { 'zh-CN': '没有这台设备', en: 'is not a device' },
});
