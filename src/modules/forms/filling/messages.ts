import { addMessages } from '../../../core/messages.ts';

// Errors and field reasons of filling forms in the app (and of the answer checks, answers.ts), in 'forms'.
addMessages('forms', {
  form_for_companies: {
    'zh-CN': '此表单由企业填报，请先在“我的”中切换为企业身份',
    en: 'This form is filled in by a company: switch to acting for your company under "Me" first',
  },
  form_for_persons: {
    'zh-CN': '此表单由个人填报，请先在“我的”中切换为个人身份',
    en: 'This form is filled in by a person: switch to acting for yourself under "Me" first',
  },
  invalid_answers: { 'zh-CN': '请检查填写的内容', en: 'Some answers need another look' },
  prefill_not_confirmed: {
    'zh-CN': '请先确认自动填写的信息无误',
    en: 'Confirm the prefilled information first',
  },
  answer_not_in_registry: {
    'zh-CN': '部门数据中没有此项，无法自动填写；请在“我的信息”中提出纠错',
    en: 'The registries do not hold this item; raise a correction under "My information"',
  },
  answer_not_a_number: { 'zh-CN': '应为数字', en: 'must be a number' },
  answer_not_a_date: { 'zh-CN': '应为日期（年-月-日）', en: 'must be a date (YYYY-MM-DD)' },
  answer_not_a_phone: {
    'zh-CN': '应为 11 位手机号码或固定电话',
    en: 'must be an 11-digit mobile number or a landline',
  },
  answer_not_a_boolean: { 'zh-CN': '请选择“是”或“否”', en: 'choose yes or no' },
});
