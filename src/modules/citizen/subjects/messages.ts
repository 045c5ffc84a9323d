import { addMessages } from '../../../core/messages.ts';

// Who a resident acts as: errors ('citizen' namespace).
addMessages('citizen', {
  account_without_id_number: {
    'zh-CN': '您的账号未登记身份证号，请先完成实名注册',
    en: 'Your account has no ID number: sign up with your real name first',
  },
  not_your_company: {
    'zh-CN': '您不能以该企业身份办理：未关联该企业，或法人库中其法定代表人已不是您',
    en: 'You cannot act for this company: it is not linked to you, or the registry no longer names you its legal representative',
  },
});
