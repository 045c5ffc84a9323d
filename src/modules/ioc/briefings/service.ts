import type { Ctx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import type { Logger } from '../../../core/logger.ts';
import type { BriefingSummary } from '../contract.ts';
import type { IocSources } from '../ports.ts';

/** Operations briefings (运营管理简报) (TODO(skeleton): implemented by the briefings area). */
export function createBriefingService(_deps: {
  database: Database;
  sources: IocSources;
  logger: Logger;
  now: () => Date;
}) {
  const todo = (): never => {
    throw new Error('not implemented');
  };
  return {
    /** Generates the period's briefing (DOCX and PDF), keeps it in the archive (audited) and returns it. */
    async generate(
      _ctx: Ctx,
      _period: string,
      _trigger: 'schedule' | 'manual' = 'manual',
    ): Promise<BriefingSummary> {
      return todo();
    },
    /** Generates the briefings the schedule owes (last week's on Monday, last month's on the 1st); idempotent. */
    async runSchedule(): Promise<BriefingSummary[]> {
      return [];
    },
  };
}
