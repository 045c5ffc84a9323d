import type { WebModule } from '../../../../web/kit/web-module.ts';

/**
 * One area's share of the events console (cases, statistics, Open311 keys): its pages, menu entries, contributions
 * and strings (top-level keys of its own in the `events` namespace). index.ts joins the parts.
 */
export type WebModulePart = Pick<WebModule, 'routes' | 'menu' | 'messages'> & Pick<WebModule, 'contributes'>;
