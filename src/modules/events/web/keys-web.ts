import type { WebModulePart } from './web-part.ts';

/** (filled by the keys pages) */
export const keysWeb: WebModulePart = { routes: [], menu: [], messages: { 'zh-CN': {}, en: {} } };
