import { addMessages } from '../../../core/messages.ts';

// The inbox's errors, in the 'forms' namespace.
addMessages('forms', {
  not_your_inbox: {
    'zh-CN': '只能查看本部门的收件箱',
    en: "Only your own department's inbox can be read",
  },
  not_receiver: {
    'zh-CN': '本部门不是该表单的接收部门',
    en: 'Your department does not receive this form',
  },
});
