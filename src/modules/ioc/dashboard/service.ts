import type { Ctx } from '../../../core/context.ts';
import type { Dashboard } from '../contract.ts';
import type { IocSources } from '../ports.ts';

/** The home page's dashboard for the signed-in role (TODO(skeleton): implemented by the dashboard area). */
export function createDashboardService(_deps: { sources: IocSources; now: () => Date }) {
  return {
    async forUser(_ctx: Ctx): Promise<Dashboard> {
      throw new Error('not implemented');
    },
  };
}
