import { citizenApp } from '../../src/modules/citizen/app/index.ts';
import { formsApp } from '../../src/modules/forms/app/index.ts';
import { addMessages } from './i18n.ts';
import type { MobileEntry, MobileModule } from './mobile-module.ts';

/** Every module's part of the citizen app: the one place the app learns which modules it has. */
export const mobileModules: MobileModule[] = [citizenApp, formsApp];

for (const m of mobileModules) addMessages(m.name, m.messages);

const withNs = (pick: (m: MobileModule) => MobileEntry[] | undefined) =>
  mobileModules
    .flatMap((m) => (pick(m) ?? []).map((entry) => ({ ...entry, ns: m.name })))
    .sort((a, b) => a.order - b.order);

/** The home screen's tiles, in order, each with the namespace of its label. */
export const homeTiles = withNs((m) => m.homeTiles);
/** The rows of "me", in order. */
export const meEntries = withNs((m) => m.meEntries);
/** The home screen's sections, in order. */
export const homeSections = mobileModules
  .flatMap((m) => (m.homeSection ? [{ ...m.homeSection, key: m.name }] : []))
  .sort((a, b) => a.order - b.order);
/** Every module's pages, each with its namespace. */
export const mobileRoutes = mobileModules.flatMap((m) => m.routes.map((r) => ({ ...r, ns: m.name })));
