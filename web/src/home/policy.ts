/**
 * Who sees what on the home page. The district's own counts (departments, subdistricts, communities, users,
 * resources, audit entries) are the figures of those who run or lead the platform: the center and leaders. The
 * others' home is their role's dashboard, which the modules add as widgets (to-dos, their own figures).
 */
import type { Role } from '../../../src/core/context.ts';
import { centerStaff } from '../../../src/core/policy.ts';

export const homePolicy = {
  /** See the district's counts above the widgets. */
  overview: [...centerStaff, 'leader'] as const satisfies readonly Role[],
};
