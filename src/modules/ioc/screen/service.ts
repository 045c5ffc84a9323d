import type { Ctx } from '../../../core/context.ts';
import type { FeedItem, ScreenMap, ScreenSummary, ScreenTrends } from '../contract.ts';
import type { createFacilityService } from '../facilities/service.ts';
import type { IocSources } from '../ports.ts';

/** The big screen's figures, read from the modules' services (TODO(skeleton): implemented by the screen area). */
export function createScreenService(_deps: {
  sources: IocSources;
  facilities: ReturnType<typeof createFacilityService>;
  now: () => Date;
}) {
  const todo = (): never => {
    throw new Error('not implemented');
  };
  return {
    /** Every panel's figures. */
    async summary(_ctx: Ctx): Promise<ScreenSummary> {
      return todo();
    },
    /** 30 days of daily figures behind the trend charts. */
    async trends(_ctx: Ctx): Promise<ScreenTrends> {
      return todo();
    },
    /** The map's layers. */
    async map(_ctx: Ctx): Promise<ScreenMap> {
      return todo();
    },
    /** The newest alarms and cases, newest first. */
    async feed(_ctx: Ctx, _limit = 30): Promise<FeedItem[]> {
      return todo();
    },
  };
}
