import { addMessages } from '../../../core/messages.ts';

// The companies a resident acts for: errors and field reasons ('citizen' namespace).
addMessages('citizen', {
  not_legal_representative: {
    'zh-CN': '法人库中该企业的法定代表人不是您，无法关联',
    en: 'The legal-person registry does not name you as the legal representative of this company',
  },
});
