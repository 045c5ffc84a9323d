import { systemCtx } from '../../core/context.ts';
import type { Database } from '../../core/db.ts';
import type { Logger } from '../../core/logger.ts';
import { createBriefingService } from './briefings/service.ts';
import { createDashboardService } from './dashboard/service.ts';
import { createFacilityService } from './facilities/service.ts';
import { createIncidentService } from './incidents/service.ts';
import './messages.ts';
import type { IocSources } from './ports.ts';
import { iocRoutes } from './routes.ts';
import { createScreenLive } from './screen/live.ts';
import { createScreenService } from './screen/service.ts';

export {
  parsePeriod as parseBriefingPeriod,
  periodAsOf as briefingPeriodAsOf,
  periodAt as briefingPeriodAt,
} from './briefings/period.ts';
export type { FacilityInput } from './facilities/service.ts';

/**
 * The operations center (智慧城市运营中心): the big screen's figures, map and live push, emergency mode, the role
 * dashboards of the console's home page and the operations briefings. It reads the other modules through their
 * services and owns only its incidents, facilities and briefings.
 */
export function createIocModule(deps: IocSources & { database: Database; logger: Logger; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  const { database, logger } = deps;
  const sources: IocSources = deps;
  const facilities = createFacilityService({ db: database.db, audit: deps.audit, org: deps.org });
  const screen = createScreenService({ sources, facilities, now });
  const live = createScreenLive({ database, screen, logger, now });
  const incidents = createIncidentService({ database, sources, facilities, live, logger, now });
  // Each process reads the mode itself when an incident starts or ends (a mode may be too long for one NOTIFY).
  live.readModeWith(() => incidents.mode(systemCtx('ioc-screen')));
  const briefings = createBriefingService({ database, sources, logger, now });
  const dashboard = createDashboardService({ sources, now });
  const services = { screen, live, facilities, incidents, briefings, dashboard };

  let timer: NodeJS.Timeout | undefined;
  return {
    ...services,
    routes: iocRoutes(services),

    /** Starts the briefing schedule (checked every 10 minutes; safe with several processes). */
    start() {
      const check = () =>
        briefings.runSchedule().catch((err) => logger.warn({ err }, 'scheduled briefing failed'));
      timer = setInterval(check, 10 * 60_000);
      timer.unref();
      check();
    },

    /** Stops the schedule and ends every screen's stream. */
    async stop() {
      clearInterval(timer);
      await live.close();
    },
  };
}
export type IocModule = ReturnType<typeof createIocModule>;
