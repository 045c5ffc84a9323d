import type { Ctx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import type { CategoryService } from '../categories/service.ts';
import { toChinaIso } from '../clock/china-time.ts';
import { findClusters } from './clusters.ts';
import type { WarningList, WarningQuery } from './contract.ts';
import './messages.ts';
import * as repo from './repository.ts';

const DAY_MS = 86_400_000;

export type WarningService = ReturnType<typeof createWarningService>;

/**
 * Early warning (预警) for the center: the cases received in the last D days (placed and categorised) read in one
 * query, clusters of one category within R metres found among them (clusters.ts), each returned with its cases.
 */
export function createWarningService(deps: { db: Db; categories: CategoryService; now: () => Date }) {
  return {
    /** The clusters now, newest first, by the rule asked for (defaults: 5 within 500 m in 7 days). */
    async list(_ctx: Ctx, q: WarningQuery): Promise<WarningList> {
      const rule = { minCases: q.minCases ?? 5, radiusMetres: q.radiusMetres ?? 500, days: q.days ?? 7 };
      const since = new Date(deps.now().getTime() - rule.days * DAY_MS);
      const [recent, list] = await Promise.all([
        repo.recentPlacedCases(deps.db, since),
        deps.categories.list(),
      ]);
      const clusters = findClusters(recent, {
        minCases: rule.minCases,
        radiusMetres: rule.radiusMetres,
        windowDays: rule.days,
      });
      const names = new Map(list.map((c) => [c.code, c.name]));
      return {
        rule,
        since: toChinaIso(since),
        items: clusters.map((c) => ({
          key: c.key,
          categoryCode: c.category,
          categoryName: names.get(c.category) ?? null,
          centre: c.centre,
          radiusMetres: Math.round(c.radiusMetres),
          firstAt: toChinaIso(c.firstAt),
          lastAt: toChinaIso(c.lastAt),
          cases: c.cases.map((x) => ({
            number: x.number,
            content: x.content,
            address: x.address,
            receivedAt: toChinaIso(x.receivedAt),
            status: x.status,
            lng: x.lng,
            lat: x.lat,
          })),
        })),
      };
    },
  };
}
