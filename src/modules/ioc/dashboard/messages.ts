import { addMessages } from '../../../core/messages.ts';

// The dashboard's errors, in the 'ioc' namespace (prefixed dashboard_).
addMessages('ioc', {
  dashboard_no_role: {
    'zh-CN': '您的角色没有工作台',
    en: 'There is no dashboard for your role',
  },
});
