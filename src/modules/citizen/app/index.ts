import type { MobileModule } from '../../../../web/m/mobile-module.ts';
import { citizenAppMessages } from './messages.ts';

/** The resident's own pages of the app: sign-up, information, licenses, reports, services and notices. */
export const citizenApp: MobileModule = {
  name: 'citizen',
  routes: [],
  homeTiles: [],
  meEntries: [],
  messages: citizenAppMessages,
};
