import type { Messages } from '../../../../web/kit/web-module.ts';

// What the console knows of the `forms` namespace before any page of "report once" loads: the menu's labels
// (messages.ts adds the pages' strings).

export const menuZhCN: Messages = {
  menu: { group: '最多报一次', forms: '表单管理', inbox: '收件箱' },
};

export const menuEn: Messages = {
  menu: { group: 'Report once', forms: 'Forms', inbox: 'Inbox' },
};
