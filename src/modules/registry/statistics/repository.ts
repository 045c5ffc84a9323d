import { type SQL, sql } from 'drizzle-orm';
import { todayInShanghai } from '../../../core/local-date.ts';
import { ageBands, type ComponentMap, type ComponentMapQuery, type RegistryStatistics } from '../contract.ts';
import type { RegistryName } from '../feeds.ts';

type Rows = <T>(query: SQL) => Promise<T[]>;

/**
 * Registry statistics and the component map. Every figure is one grouped query over the registry (800,000
 * people stay fast): nothing is read row by row into JavaScript.
 */
export function createStatistics(rows: Rows) {
  /** Entities per value of one item, largest groups first. */
  const countBy = (registry: RegistryName, item: string) =>
    rows<{ value: string | null; count: number }>(sql`
      select e.values ->> ${item}::text as value, count(*)::int as count from registry.entities e
      where e.registry = ${registry} group by 1 order by 2 desc, 1`);

  /**
   * People per five-year age band and sex on today's date in Asia/Shanghai; 85 and older in one band. The
   * birth date is the merged one, else the one an 18-digit ID number carries. Ages are worked out on dates as
   * numbers (YYYYMMDD): (today − birth) / 10000 is the age in full years, far cheaper per row than date
   * arithmetic. Merged dates are validated YYYY-MM-DD (aggregation standardizes them), so the casts hold.
   */
  async function agePyramid(): Promise<NonNullable<RegistryStatistics['agePyramid']>> {
    const today = Number(todayInShanghai().replaceAll('-', ''));
    const found = await rows<{ band: number; sex: string | null; count: number }>(sql`
      select least((${today}::int - b.birth) / 10000 / 5, 17)::int as band, b.sex, count(*)::int as count
      from (
        select case when length(d.text) = 8 then d.text::int end as birth, d.sex
        from (
          select coalesce(replace(e.values ->> 'birth_date', '-', ''),
              case when length(e.key) = 18 then substr(e.key, 7, 8) end) as text,
            e.values ->> 'sex' as sex
          from registry.entities e where e.registry = 'population'
        ) d
      ) b
      where b.birth <= ${today}::int
      group by 1, 2`);
    const pyramid = ageBands.map((band) => ({ band, male: 0, female: 0 }));
    for (const row of found) {
      const band = pyramid[row.band];
      if (band && row.sex === '男') band.male += row.count;
      else if (band && row.sex === '女') band.female += row.count;
    }
    return pyramid;
  }

  return {
    /** Counts of a registry: total, by subdistrict, and its own figures (age pyramid, status, class, industry). */
    async statistics(registry: RegistryName): Promise<RegistryStatistics> {
      const counted = (item: string) => countBy(registry, item);
      // The figures are independent; on PostgreSQL they run side by side on the pool's connections.
      const [[total], bySubdistrict, agePyramidOf, byStatus, byIndustry, byClass] = await Promise.all([
        rows<{ n: number }>(
          sql`select count(*)::int as n from registry.entities e where e.registry = ${registry}`,
        ),
        counted('subdistrict'),
        registry === 'population' ? agePyramid() : undefined,
        registry !== 'population' ? counted('status') : undefined,
        registry === 'legal_person' ? counted('industry') : undefined,
        registry === 'component'
          ? rows<{ class: string | null; status: string | null; count: number }>(sql`
              select e.values ->> 'class' as class, e.values ->> 'status' as status, count(*)::int as count
              from registry.entities e where e.registry = 'component' group by 1, 2 order by 1, 2`)
          : undefined,
      ]);
      const result: RegistryStatistics = {
        total: Number(total?.n ?? 0),
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
      const conditions = [
        sql`e.registry = 'component'`,
        sql`e.values ->> 'lng' ~ '^-?[0-9]+([.][0-9]+)?$'`,
        sql`e.values ->> 'lat' ~ '^-?[0-9]+([.][0-9]+)?$'`,
      ];
      if (q.class) conditions.push(sql`e.values ->> 'class' = ${q.class}`);
      if (q.status) conditions.push(sql`e.values ->> 'status' = ${q.status}`);
      if (q.subdistrict) conditions.push(sql`e.values ->> 'subdistrict' = ${q.subdistrict}`);
      const points = await rows<ComponentMap['points'][number]>(sql`
        select e.key, (e.values ->> 'lng')::float8 as lng, (e.values ->> 'lat')::float8 as lat,
          e.values ->> 'class' as class, e.values ->> 'subclass' as subclass, e.values ->> 'status' as status
        from registry.entities e where ${sql.join(conditions, sql` and `)} order by e.key`);
      return {
        points: points.map((p) => ({ ...p, lng: Number(p.lng), lat: Number(p.lat) })),
        total: points.length,
      };
    },
  };
}
