import type { ComponentType, ReactNode } from 'react';
import type { Role } from '../../src/core/context.ts';
import type { Contribution } from './extensions.ts';
import type { Language } from './languages.ts';

/** A tree of translated strings, as i18next takes it. */
export type Messages = { [key: string]: string | Messages };

/** A page a module adds to the console, shown only to holders of one of `roles` (everyone signed in when absent). */
export type ModuleRoute = { path: string; component: ComponentType; roles?: readonly Role[] };

/** A heading of the side menu that folds a module's entries under it; `label` is a key in the module's namespace. */
export type ModuleMenuGroup = { key: string; label: string; icon: ReactNode };

/**
 * A side-menu entry; `label` is a key in the module's namespace, `order` places it among all modules' entries.
 * Entries with a `group` are listed under that heading, which stands where the first of them would.
 */
export type ModuleMenuEntry = {
  path: string;
  label: string;
  icon: ReactNode;
  order: number;
  roles?: readonly Role[];
  group?: ModuleMenuGroup;
};

/**
 * What a module's web/index.ts exports: its strings (an i18next namespace named after the module), pages and menu;
 * `publicRoutes` are pages for anyone, outside the signed-in layout; `contributes` adds to other modules' pages
 * and to the shell through extension points (extensions.ts); `screenRoutes` are signed-in pages without the console's
 * menu and header.
 */
export type WebModule = {
  name: string;
  messages: Record<Language, Messages>;
  routes: ModuleRoute[];
  publicRoutes?: { path: string; component: ComponentType }[];
  /** Signed-in pages that fill the window, outside the console's layout (the operations center's big screen). */
  screenRoutes?: ModuleRoute[];
  menu: ModuleMenuEntry[];
  contributes?: Contribution[];
};

/** True when the user may see something restricted to `roles`. */
export function allowed(userRoles: readonly Role[], roles: readonly Role[] | undefined): boolean {
  return !roles || userRoles.some((r) => roles.includes(r));
}
