import type { WebModule } from '../../../../web/src/web-module.ts';
import { en, zhCN } from './messages.ts';

export { datasetPath, portalPath } from './opendata-api.ts';

/**
 * The open data module's strings. Its pages are public (no sign-in), so they are routed beside the sign-in page
 * in web/src/app.tsx rather than inside the console's layout.
 */
export const opendataWeb: WebModule = {
  name: 'opendata',
  messages: { 'zh-CN': zhCN, en },
  routes: [],
  menu: [],
};
