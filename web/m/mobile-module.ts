import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';

type Page = LazyExoticComponent<ComponentType> | ComponentType;

/** A page of the app, under /m. Pages are lazy so the first load carries only the shell and the first screen. */
export type MobileRoute = {
  path: string;
  page: Page;
  /** Reachable without signing in (sign-up, a shared license). */
  public?: boolean;
  /** The title in the top bar (a key of the module's strings); none: the page draws its own. */
  title?: string;
  /** The bottom tab this page belongs to (highlighted). */
  tab?: MobileTab;
};

export type MobileTab = 'home' | 'services' | 'report' | 'me';

/** A tile on the home screen or a row on "me", linking to a page. */
export type MobileEntry = {
  key: string;
  /** A key of the module's strings. */
  label: string;
  path: string;
  icon: ReactNode;
  order: number;
  /** Shown only when acting for a company (true) or for oneself (false); both when absent. */
  company?: boolean;
};

/** What one module adds to the citizen app: its pages, home tiles, rows on "me", a home section and strings. */
export type MobileModule = {
  name: string;
  routes: MobileRoute[];
  homeTiles?: MobileEntry[];
  meEntries?: MobileEntry[];
  /** A block under the tiles on the home screen (e.g. the center's notices). */
  homeSection?: { order: number; component: Page };
  messages: { zh: Record<string, string>; en: Record<string, string> };
};
