import { addMessages } from '../../../core/messages.ts';

// The facilities' field reasons, in the 'ioc' namespace.
addMessages('ioc', {
  facility_not_a_row: {
    'zh-CN': '每一行应为一个对象（kind、name、lng、lat …）',
    en: 'Each row must be an object (kind, name, lng, lat …)',
  },
  facility_not_a_number: { 'zh-CN': '应为数字', en: 'must be a number' },
  facility_outside_district: { 'zh-CN': '设施位置不在本区范围内', en: 'The place is outside the district' },
  facility_twice: {
    'zh-CN': '“{name}”在本次导入中出现了两次',
    en: '"{name}" appears twice in this import',
  },
});
