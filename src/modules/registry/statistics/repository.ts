/**
 * The SQL of registry statistics and the component map. Every figure is one grouped query over the registry
 * (800,000 people stay fast): nothing is read row by row into JavaScript.
 */
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../core/db.ts';
import { entities, history } from '../schema.ts';
import type { ComponentMapQuery, ComponentPoint } from './contract.ts';

const count = () => sql<number>`count(*)::int`;

/** Entities per registry (registries without any are absent). */
export function entityCounts(db: Db) {
  return db.select({ registry: entities.registry, n: count() }).from(entities).groupBy(entities.registry);
}

/**
 * Entities per registry at each of the instants `at` (their history versions valid then), in one pass over the
 * history: the figures of a past day stay the same when asked again later.
 */
export function entityCountsAt(db: Db, at: Date[]) {
  const counts = sql.join(
    at.map(
      (instant, i) =>
        sql`count(*) filter (where ${history.validFrom} <= ${instant.toISOString()}::timestamptz
              and (${history.validTo} is null or ${history.validTo} > ${instant.toISOString()}::timestamptz))::int
            as ${sql.identifier(`n${i}`)}`,
    ),
    sql`, `,
  );
  return queryRows<Record<string, number> & { registry: string }>(
    db,
    sql`select ${history.registry} as registry, ${counts} from ${history} group by ${history.registry}`,
  );
}

/** How many entities a registry has. */
export function countEntities(db: Db, registry: string): Promise<number> {
  return db.$count(entities, eq(entities.registry, registry));
}

/** Entities of a registry per value of one item, largest groups first. */
export function countByItem(db: Db, registry: string, item: string) {
  const value = sql<string | null>`${entities.values} ->> ${item}::text`;
  return (
    db
      .select({ value, count: count() })
      .from(entities)
      .where(eq(entities.registry, registry))
      // By position: the item is a parameter, and two parameters are never the same expression to PostgreSQL.
      .groupBy(sql`1`)
      .orderBy(sql`2 desc`, sql`1`)
  );
}

/**
 * Licenses per subdistrict of their holder: a license has no address of its own, its holder (a person of the
 * population registry, type 111, or a legal person, 001) has one, and with it a subdistrict. Largest groups first.
 */
export function licensesByHolderSubdistrict(db: Db) {
  return queryRows<{ value: string | null; count: number }>(
    db,
    sql`
      select h.values ->> 'subdistrict' as value, count(*)::int as count
      from registry.entities l
        left join registry.entities h
          on h.registry = case when l.values ->> 'holder_id_type' = '111' then 'population' else 'legal_person' end
         and h.key = l.values ->> 'holder_id'
      where l.registry = 'license'
      group by 1
      order by 2 desc, 1`,
  );
}

/**
 * People per five-year age band (0..17, 85 and older in the last) and sex on `today` (YYYYMMDD as a number). The
 * birth date is the merged one, else the one an 18-digit ID number carries. Ages are worked out on dates as
 * numbers: (today − birth) / 10000 is the age in full years, far cheaper per row than date arithmetic. Merged
 * dates are validated YYYY-MM-DD (aggregation standardizes them), so the casts hold.
 */
export function peopleByAgeBand(db: Db, today: number) {
  return queryRows<{ band: number; sex: string | null; count: number }>(
    db,
    sql`
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
      group by 1, 2`,
  );
}

/** Components per class and status. */
export function componentsByClass(db: Db) {
  const cls = sql<string | null>`${entities.values} ->> 'class'`;
  const status = sql<string | null>`${entities.values} ->> 'status'`;
  return db
    .select({ class: cls, status, count: count() })
    .from(entities)
    .where(eq(entities.registry, 'component'))
    .groupBy(sql`1`, sql`2`)
    .orderBy(sql`1`, sql`2`);
}

/** Components with coordinates, filtered by class, status and subdistrict, in key order. */
export function componentPoints(db: Db, q: ComponentMapQuery): Promise<ComponentPoint[]> {
  const item = (code: string) => sql<string | null>`${entities.values} ->> ${code}::text`;
  const conditions: SQL[] = [
    eq(entities.registry, 'component'),
    sql`${entities.values} ->> 'lng' ~ '^-?[0-9]+([.][0-9]+)?$'`,
    sql`${entities.values} ->> 'lat' ~ '^-?[0-9]+([.][0-9]+)?$'`,
  ];
  if (q.class) conditions.push(sql`${entities.values} ->> 'class' = ${q.class}`);
  if (q.status) conditions.push(sql`${entities.values} ->> 'status' = ${q.status}`);
  if (q.subdistrict) conditions.push(sql`${entities.values} ->> 'subdistrict' = ${q.subdistrict}`);
  return db
    .select({
      key: entities.key,
      lng: sql<number>`(${entities.values} ->> 'lng')::float8`,
      lat: sql<number>`(${entities.values} ->> 'lat')::float8`,
      class: item('class'),
      subclass: item('subclass'),
      status: item('status'),
    })
    .from(entities)
    .where(and(...conditions))
    .orderBy(entities.key);
}
