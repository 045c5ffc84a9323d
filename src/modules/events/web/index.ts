import type { WebModule } from '../../../../web/kit/web-module.ts';
import { casesWeb } from './cases-web.ts';
import { keysWeb } from './keys-web.ts';
import { statsWeb } from './stats-web.ts';

/** The console path of one case, for other modules' links to it (an alarm's case, say). */
export { casePath } from './cases-api.ts';

const parts = [casesWeb, statsWeb, keysWeb];

/** The events console: the desk, the grid inspector's page, cases and inboxes, statistics and Open311 keys. */
export const eventsWeb: WebModule = {
  name: 'events',
  messages: {
    'zh-CN': Object.assign({}, ...parts.map((p) => p.messages['zh-CN'])),
    en: Object.assign({}, ...parts.map((p) => p.messages.en)),
  },
  routes: parts.flatMap((p) => p.routes),
  menu: parts.flatMap((p) => p.menu),
  contributes: parts.flatMap((p) => p.contributes ?? []),
};
