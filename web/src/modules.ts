import { accountsWeb } from '../../src/modules/accounts/web/index.ts';
import { auditWeb } from '../../src/modules/audit/web/index.ts';
import { catalogWeb } from '../../src/modules/catalog/web/index.ts';
import { citizenWeb } from '../../src/modules/citizen/web/index.ts';
import { eventsWeb } from '../../src/modules/events/web/index.ts';
import { formsWeb } from '../../src/modules/forms/web/index.ts';
import { ingestWeb } from '../../src/modules/ingest/web/index.ts';
import { iocWeb } from '../../src/modules/ioc/web/index.ts';
import { iotWeb } from '../../src/modules/iot/web/index.ts';
import { opendataWeb } from '../../src/modules/opendata/web/index.ts';
import { orgWeb } from '../../src/modules/org/web/index.ts';
import { registryWeb } from '../../src/modules/registry/web/index.ts';
import { sharingWeb } from '../../src/modules/sharing/web/index.ts';
import { installContributions } from '../kit/extensions.ts';
import type { ModuleMenuEntry, ModuleRoute, WebModule } from '../kit/web-module.ts';

/** Every module's pages, menu entries and strings: the one place the console learns which modules exist. */
export const webModules: WebModule[] = [
  orgWeb,
  accountsWeb,
  catalogWeb,
  ingestWeb,
  registryWeb,
  sharingWeb,
  opendataWeb,
  eventsWeb,
  iotWeb,
  iocWeb,
  citizenWeb,
  formsWeb,
  auditWeb,
];

/** A menu entry with the namespace its label lives in. */
export type MenuEntry = ModuleMenuEntry & { ns: string };

/** All modules' menu entries in menu order. */
export const menuEntries: MenuEntry[] = webModules
  .flatMap((m) => m.menu.map((entry) => ({ ...entry, ns: m.name })))
  .sort((a, b) => a.order - b.order);

/** All modules' pages. */
export const moduleRoutes: ModuleRoute[] = webModules.flatMap((m) => m.routes);

/** All modules' full-window pages (signed in, without the console's layout). */
export const screenRoutes: ModuleRoute[] = webModules.flatMap((m) => m.screenRoutes ?? []);

/** All modules' public pages (no sign-in). */
export const publicRoutes = webModules.flatMap((m) => m.publicRoutes ?? []);

// What modules add to each other's pages and to the shell, installed before the console renders.
installContributions(webModules.flatMap((m) => m.contributes ?? []));
