import type { Database } from '../../../core/db.ts';
import { todayInShanghai } from '../../../core/local-date.ts';
import { isRegistryName, type RegistryName, registryNames } from '../feeds.ts';
import {
  ageBands,
  type ComponentMap,
  type ComponentMapQuery,
  type RegistryStatistics,
  type RegistryStats,
} from './contract.ts';
import * as repo from './repository.ts';

/** Entity counts per registry, every registry named (0 when it has none). */
export async function entityCounts(database: Database): Promise<RegistryStats> {
  const rows = await repo.entityCounts(database.db);
  const counts = Object.fromEntries(registryNames.map((r) => [r, 0])) as Record<RegistryName, number>;
  for (const row of rows) if (isRegistryName(row.registry)) counts[row.registry] = row.n;
  return counts;
}

/** Entity counts per registry at each of the instants `at` (from the history: the same when asked again). */
export async function entityCountsAt(database: Database, at: Date[]): Promise<RegistryStats[]> {
  const rows = await repo.entityCountsAt(database.db, at);
  return at.map((_, i) => {
    const counts = Object.fromEntries(registryNames.map((r) => [r, 0])) as Record<RegistryName, number>;
    for (const row of rows) if (isRegistryName(row.registry)) counts[row.registry] = row[`n${i}`] ?? 0;
    return counts;
  });
}

/**
 * Entities of a registry per subdistrict (its name as the entities hold it; null: none), largest first. One grouped
 * query over the registry: a second or so for 800,000 people, so callers that show it often keep it.
 */
export async function countsBySubdistrict(
  database: Database,
  registry: RegistryName,
): Promise<{ subdistrict: string | null; count: number }[]> {
  const rows = await repo.countByItem(database.db, registry, 'subdistrict');
  return rows.map((r) => ({ subdistrict: r.value, count: r.count }));
}

/** Registry statistics and the component map, each figure counted by the database. */
export function createStatisticsService(deps: { database: Database }) {
  const { db } = deps.database;

  /** People per five-year age band and sex on today's date in Asia/Shanghai; 85 and older in one band. */
  async function agePyramid(): Promise<NonNullable<RegistryStatistics['agePyramid']>> {
    const found = await repo.peopleByAgeBand(db, Number(todayInShanghai().replaceAll('-', '')));
    const pyramid = ageBands.map((band) => ({ band, male: 0, female: 0 }));
    for (const row of found) {
      const band = pyramid[row.band];
      if (band && row.sex === '男') band.male += row.count;
      else if (band && row.sex === '女') band.female += row.count;
    }
    return pyramid;
  }

  return {
    /** Entity counts per registry. */
    stats: (): Promise<RegistryStats> => entityCounts(deps.database),

    /**
     * Counts of a registry: total, by subdistrict (a license's is its holder's), and its own figures (age
     * pyramid, status, class, industry).
     */
    async statistics(registry: RegistryName): Promise<RegistryStatistics> {
      const counted = (item: string) => repo.countByItem(db, registry, item);
      // The figures are independent; on PostgreSQL they run side by side on the pool's connections.
      const [total, bySubdistrict, agePyramidOf, byStatus, byIndustry, byClass] = await Promise.all([
        repo.countEntities(db, registry),
        registry === 'license' ? repo.licensesByHolderSubdistrict(db) : counted('subdistrict'),
        registry === 'population' ? agePyramid() : undefined,
        registry !== 'population' ? counted('status') : undefined,
        registry === 'legal_person' ? counted('industry') : undefined,
        registry === 'component' ? repo.componentsByClass(db) : undefined,
      ]);
      const result: RegistryStatistics = {
        total,
        bySubdistrict: bySubdistrict.map((r) => ({ subdistrict: r.value, count: r.count })),
      };
      if (agePyramidOf) result.agePyramid = agePyramidOf;
      if (byStatus) result.byStatus = byStatus.map((r) => ({ status: r.value, count: r.count }));
      if (byIndustry) result.byIndustry = byIndustry.map((r) => ({ industry: r.value, count: r.count }));
      if (byClass) result.byClass = byClass;
      return result;
    },

    /** Components with coordinates, filtered by class, status and subdistrict, as points for the map. */
    async componentMap(q: ComponentMapQuery): Promise<ComponentMap> {
      const points = await repo.componentPoints(db, q);
      return {
        points: points.map((p) => ({ ...p, lng: Number(p.lng), lat: Number(p.lat) })),
        total: points.length,
      };
    },
  };
}

export type StatisticsService = ReturnType<typeof createStatisticsService>;
