import type { WebModulePart } from './web-part.ts';

/** (filled by the cases pages) */
export const casesWeb: WebModulePart = { routes: [], menu: [], messages: { 'zh-CN': {}, en: {} } };
