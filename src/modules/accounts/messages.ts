/** The accounts module's own error and field-reason codes, in zh-CN and en (registered once, at import). */
import { addMessages } from '../../core/messages.ts';

addMessages('accounts', {
  duplicate_id_number: { 'zh-CN': '该身份证号已登记在其他账号上', en: 'Another account has this ID number' },
  id_number_not_citizen: {
    'zh-CN': '只有市民账号可以登记身份证号',
    en: 'Only citizen accounts carry an ID number',
  },
});
