import type { Ctx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import type { Incident, IncidentInput, IncidentView, ScreenMode } from '../contract.ts';
import type { createFacilityService } from '../facilities/service.ts';
import type { IocSources } from '../ports.ts';
import type { createScreenLive } from '../screen/live.ts';

/** Emergency mode (平战结合) (TODO(skeleton): implemented by the incidents area). */
export function createIncidentService(_deps: {
  database: Database;
  sources: IocSources;
  facilities: ReturnType<typeof createFacilityService>;
  live: ReturnType<typeof createScreenLive>;
  now: () => Date;
}) {
  const todo = (): never => {
    throw new Error('not implemented');
  };
  return {
    /** The screen's mode: routine, or the open incident with what is near it. */
    async mode(_ctx: Ctx): Promise<ScreenMode> {
      return { mode: 'routine', view: null };
    },
    /** Switches the screen to an incident (audited); refused while another is open. */
    async start(_ctx: Ctx, _input: IncidentInput): Promise<IncidentView> {
      return todo();
    },
    /** Returns the screen to routine (audited). */
    async end(_ctx: Ctx, _id: number, _note?: string): Promise<Incident> {
      return todo();
    },
    /** Past and open incidents, newest first. */
    async list(
      _ctx: Ctx,
      _q: { page: number; pageSize: number },
    ): Promise<{ items: Incident[]; total: number }> {
      return todo();
    },
  };
}
