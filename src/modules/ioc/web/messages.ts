import type { Messages } from '../../../../web/kit/web-module.ts';
import { briefingsEn, briefingsZhCN } from './briefings-messages.ts';
import { dashboardEn, dashboardZhCN } from './dashboard-messages.ts';
import { emergencyEn, emergencyZhCN } from './emergency-messages.ts';
import { screenEn, screenZhCN } from './screen-messages.ts';

// The 'ioc' namespace's strings of the menu; each page adds its own keys under its own heading.
export const iocZhCN: Messages = {
  menu: { screen: '运营大屏', briefings: '运营简报' },
  ...dashboardZhCN,
  ...emergencyZhCN,
  ...briefingsZhCN,
  ...screenZhCN,
};
export const iocEn: Messages = {
  menu: { screen: 'Operations screen', briefings: 'Briefings' },
  ...dashboardEn,
  ...emergencyEn,
  ...briefingsEn,
  ...screenEn,
};
