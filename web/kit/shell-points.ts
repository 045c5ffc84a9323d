import type { ComponentType } from 'react';
import type { Role } from '../../src/core/context.ts';
import { extensionPoint } from './extensions.ts';

/** Something a module shows in the console's header for holders of one of `roles` (a notification bell, say). */
export type HeaderItem = { key: string; roles?: readonly Role[]; component: ComponentType };

/**
 * A card a module adds to the home page, below the district's figures; `span` is its width in 24ths on wide
 * screens (full width on narrow ones), `order` places it among the others.
 */
export type HomeWidget = {
  key: string;
  order: number;
  span: number;
  roles?: readonly Role[];
  component: ComponentType;
};

/** The places of the console shell where modules add things. */
export const shellPoints = {
  headerItem: extensionPoint<HeaderItem>('shell.header-item'),
  homeWidget: extensionPoint<HomeWidget>('shell.home-widget'),
};
