import type { WebModulePart } from './web-part.ts';

/** (filled by the stats pages) */
export const statsWeb: WebModulePart = { routes: [], menu: [], messages: { 'zh-CN': {}, en: {} } };
