import type { MobileModule } from '../../../../web/m/mobile-module.ts';
import { formsAppMessages } from './messages.ts';

/** "Report once" in the app: the forms a resident or company can fill, prefilled, and what they have submitted. */
export const formsApp: MobileModule = {
  name: 'forms',
  routes: [],
  homeTiles: [],
  meEntries: [],
  messages: formsAppMessages,
};
