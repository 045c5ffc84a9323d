/**
 * Who may do what with departments and divisions. Every signed-in caller reads them through the API (other
 * modules' pages name departments); the console's departments page is for staff and leaders, and only
 * administrators change departments. Routes, the console's menu and its buttons ask these same lists.
 */
import type { Role } from '../../core/context.ts';
import { dataReaders } from '../../core/policy.ts';

export const orgPolicy = {
  /** See the departments page: staff and leaders look departments up; citizens have no use for the org chart. */
  browse: dataReaders,
  /** Create, edit, activate and deactivate departments. */
  manage: ['admin'] as const satisfies readonly Role[],
  /** Resolve addresses and points to places (the places page and its API): staff and leaders. */
  places: dataReaders,
  /** Read the division boundaries for maps: those who resolve places, and the operations center's screen accounts. */
  boundaryMaps: [...dataReaders, 'screen'] as const satisfies readonly Role[],
  /** Upload and remove true division boundaries. */
  boundaries: ['admin'] as const satisfies readonly Role[],
};
