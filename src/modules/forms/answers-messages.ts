import { addMessages } from '../../core/messages.ts';

// The reasons checkAnswers (answers.ts) gives, in the 'forms' namespace.
addMessages('forms', {
  answer_bad_number: { 'zh-CN': '应填写数字', en: 'must be a number' },
  answer_bad_date: { 'zh-CN': '应为有效日期，如 2026-05-01', en: 'must be a real date such as 2026-05-01' },
  answer_bad_phone: {
    'zh-CN': '应为 11 位手机号码或固定电话号码',
    en: 'must be an 11-digit mobile number or a landline number',
  },
  answer_bad_id_number: { 'zh-CN': '不是有效的公民身份号码', en: 'is not a valid citizen ID number' },
  answer_bad_credit_code: {
    'zh-CN': '不是有效的统一社会信用代码',
    en: 'is not a valid unified social credit code',
  },
  answer_bad_boolean: { 'zh-CN': '应选择“是”或“否”', en: 'must be yes or no' },
});
