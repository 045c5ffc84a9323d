import type { createBriefingService } from './briefings/service.ts';
import type { createDashboardService } from './dashboard/service.ts';
import type { createFacilityService } from './facilities/service.ts';
import type { createIncidentService } from './incidents/service.ts';
import type { createScreenLive } from './screen/live.ts';
import type { createScreenService } from './screen/service.ts';

/** The operations center's services, as the routes receive them (a type of its own, to keep imports one-way). */
export type IocServices = {
  screen: ReturnType<typeof createScreenService>;
  live: ReturnType<typeof createScreenLive>;
  facilities: ReturnType<typeof createFacilityService>;
  incidents: ReturnType<typeof createIncidentService>;
  briefings: ReturnType<typeof createBriefingService>;
  dashboard: ReturnType<typeof createDashboardService>;
};
