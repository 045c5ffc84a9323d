import { and, desc, eq, gte, isNotNull, lt, ne, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../core/db.ts';
import { openStatuses } from '../cases/transitions.ts';
import { caseStatsDays, caseStatsMonths, caseStatsState, cases } from '../schema.ts';

// The statistics are set-based SQL. Figures are summed from rollups (events.case_stats_days and _months: the
// counts per day or month, lead department, subdistrict, category and channel), brought up to date before each
// read for the days whose cases changed; one statement then answers every grouping at once (GROUPING SETS). The
// map reads the cases themselves over the range.

/** Which cases count: received in [from, to), merged duplicates left out, and the optional filters. */
export type StatsFilter = {
  from: Date;
  to: Date;
  category?: string;
  channel?: string;
  departmentId?: number;
};

function where(f: StatsFilter): SQL {
  return and(
    gte(cases.receivedAt, f.from),
    lt(cases.receivedAt, f.to),
    ne(cases.status, 'merged'),
    f.category ? eq(cases.categoryCode, f.category) : undefined,
    f.channel ? eq(cases.channel, f.channel) : undefined,
    f.departmentId ? eq(cases.departmentId, f.departmentId) : undefined,
  )!;
}

/** The raw counts behind the figures of one group. */
export type FigureRow = {
  received: number;
  closed: number;
  on_time: number;
  called_back: number;
  satisfied: number;
  reopened: number;
  /** Sum of hours from receipt to reply (or closing) over the closed cases. */
  handling_hours: number | null;
};

// A case is closed on time when it was replied (or, never replied, closed) at or before its due time; a case
// without a time limit cannot be late. Handling time runs from receipt to the same moment.
const figureColumns = sql`
  count(*)::int,
  count(*) filter (where ${cases.status} = 'closed')::int,
  count(*) filter (where ${cases.status} = 'closed'
    and (${cases.dueAt} is null or coalesce(${cases.repliedAt}, ${cases.closedAt}) <= ${cases.dueAt}))::int,
  count(*) filter (where ${cases.satisfaction} is not null)::int,
  count(*) filter (where ${cases.satisfaction} in ('satisfied', 'basically_satisfied'))::int,
  count(*) filter (where ${cases.status} = 'closed' and ${cases.reopenCount} > 0)::int,
  coalesce(sum(extract(epoch from coalesce(${cases.repliedAt}, ${cases.closedAt}) - ${cases.receivedAt}))
    filter (where ${cases.status} = 'closed') / 3600, 0)::float8`;

const countNames = sql.raw('received, closed, on_time, called_back, satisfied, reopened, handling_hours');
const dimensions = sql.raw('department_id, subdistrict_code, category_code, channel');
const summed = sql.raw(
  'sum(received)::int, sum(closed)::int, sum(on_time)::int, sum(called_back)::int, sum(satisfied)::int, sum(reopened)::int, sum(handling_hours)::float8',
);

/** The China-local day a case was received (China has no daylight saving: UTC + 8 h). */
const chinaDay = sql`((${cases.receivedAt} at time zone 'UTC') + interval '8 hours')::date`;

const dateList = (dates: string[]) =>
  sql.join(
    dates.map((d) => sql`${d}::date`),
    sql`, `,
  );

/** Rebuilds the daily rows of `days` (all days when null) from the cases. */
async function rebuildDays(db: Db, days: string[] | null) {
  const which = days ? sql`where day in (${dateList(days)})` : sql``;
  await db.execute(sql`delete from ${caseStatsDays} ${which}`);
  const range = days
    ? sql`and ${cases.receivedAt} >= (${days[0]}::date - interval '1 day')
          and ${cases.receivedAt} < (${days.at(-1)}::date + interval '2 days')
          and ${chinaDay} in (${dateList(days)})`
    : sql``;
  await db.execute(sql`
    insert into ${caseStatsDays} (day, ${dimensions}, ${countNames})
    select ${chinaDay}, ${cases.departmentId}, ${cases.subdistrictCode}, ${cases.categoryCode}, ${cases.channel},
           ${figureColumns}
    from ${cases}
    where ${cases.status} <> 'merged' ${range}
    group by 1, 2, 3, 4, 5`);
}

/** Rebuilds the monthly rows of `months` (first days; all when null) from the daily rows. */
async function rebuildMonths(db: Db, months: string[] | null) {
  const monthOf = sql.raw('(day - (extract(day from day)::int - 1))');
  await db.execute(
    sql`delete from ${caseStatsMonths} ${months ? sql`where month in (${dateList(months)})` : sql``}`,
  );
  await db.execute(sql`
    insert into ${caseStatsMonths} (month, ${dimensions}, ${countNames})
    select ${monthOf}, ${dimensions}, ${summed}
    from ${caseStatsDays}
    ${months ? sql`where ${monthOf} in (${dateList(months)})` : sql``}
    group by 1, 2, 3, 4, 5`);
}

// A change committed up to this long after it stamped updated_at is still seen (transactions here are short).
const COMMIT_MARGIN = sql.raw("interval '30 seconds'");

/**
 * Brings the rollups up to date: the days whose cases changed since the last refresh (all, the first time) are
 * counted again, then their months. One refresh at a time (an advisory lock); returns the days recounted, or
 * null for a full rebuild.
 */
export async function refreshRollups(db: Db): Promise<string[] | null> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(150315)`);
    const [state] = await queryRows<{ refreshed_at: string | null; now: string }>(
      tx,
      sql`select (select refreshed_at::text from ${caseStatsState} where id = 1) as refreshed_at,
                 clock_timestamp()::text as now`,
    );
    let days: string[] | null = null;
    if (state!.refreshed_at !== null) {
      const dirty = await queryRows<{ day: string }>(
        tx,
        sql`select distinct to_char(${chinaDay}, 'YYYY-MM-DD') as day from ${cases}
            where ${cases.updatedAt} > ${state!.refreshed_at}::timestamptz - ${COMMIT_MARGIN} order by 1`,
      );
      if (!dirty.length) return [];
      days = dirty.map((d) => d.day);
    }
    await rebuildDays(tx, days);
    await rebuildMonths(tx, days && [...new Set(days.map((d) => `${d.slice(0, 7)}-01`))]);
    await tx.execute(sql`
      insert into ${caseStatsState} (id, refreshed_at) values (1, ${state!.now}::timestamptz)
      on conflict (id) do update set refreshed_at = excluded.refreshed_at`);
    return days;
  });
}

/** Where the figures are summed from: whole months from the monthly rollup, other days from the daily one. */
export type RollupSpan = {
  days: [string, string][];
  months: [string, string] | null;
  category?: string;
  channel?: string;
  departmentId?: number;
};

export type GroupedRow = FigureRow & {
  /** Which grouping the row belongs to. */
  kind: 'total' | 'department' | 'subdistrict' | 'category' | 'period';
  department_id: number | null;
  subdistrict_code: string | null;
  category_code: string | null;
  /** The day (or, from the monthly rollup, the month's first day), YYYY-MM-DD. */
  period: string | null;
};

function rollupFilters(s: RollupSpan): SQL {
  return sql.join(
    [
      s.category ? sql` and category_code = ${s.category}` : sql``,
      s.channel ? sql` and channel = ${s.channel}` : sql``,
      s.departmentId ? sql` and department_id = ${s.departmentId}` : sql``,
    ],
    sql``,
  );
}

/**
 * The figures of the span, in one statement: overall, per lead department, per subdistrict, per category and
 * per day (months count as their first day). grouping() tells a group of cases without a department (null)
 * from the rows of other groupings.
 */
export async function groupedFigures(db: Db, s: RollupSpan): Promise<GroupedRow[]> {
  const parts: SQL[] = s.days.map(
    ([a, b]) => sql`select day, ${dimensions}, ${countNames} from ${caseStatsDays}
                    where day between ${a}::date and ${b}::date ${rollupFilters(s)}`,
  );
  if (s.months)
    parts.push(sql`select month, ${dimensions}, ${countNames} from ${caseStatsMonths}
                   where month between ${s.months[0]}::date and ${s.months[1]}::date ${rollupFilters(s)}`);
  if (!parts.length) return [];
  return queryRows<GroupedRow>(
    db,
    sql`
      select case grouping(department_id, subdistrict_code, category_code, day)
               when 15 then 'total' when 7 then 'department' when 11 then 'subdistrict'
               when 13 then 'category' else 'period' end as kind,
             department_id, subdistrict_code, category_code, to_char(day, 'YYYY-MM-DD') as period,
             coalesce(sum(received), 0)::int as received, coalesce(sum(closed), 0)::int as closed,
             coalesce(sum(on_time), 0)::int as on_time, coalesce(sum(called_back), 0)::int as called_back,
             coalesce(sum(satisfied), 0)::int as satisfied, coalesce(sum(reopened), 0)::int as reopened,
             coalesce(sum(handling_hours), 0)::float8 as handling_hours
      from (${sql.join(parts, sql` union all `)}) r (day, department_id, subdistrict_code, category_code, channel, ${countNames})
      group by grouping sets ((department_id), (subdistrict_code), (category_code), (day), ())`,
  );
}

/** About how many cases the span holds, from the rollups as last refreshed (to choose how to draw a map). */
export async function estimateCases(db: Db, s: RollupSpan): Promise<number> {
  const parts: SQL[] = s.days.map(
    ([a, b]) =>
      sql`select received from ${caseStatsDays} where day between ${a}::date and ${b}::date ${rollupFilters(s)}`,
  );
  if (s.months)
    parts.push(
      sql`select received from ${caseStatsMonths}
          where month between ${s.months[0]}::date and ${s.months[1]}::date ${rollupFilters(s)}`,
    );
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select coalesce(sum(received), 0)::int as n from (${sql.join(parts, sql` union all `)}) r`,
  );
  return row?.n ?? 0;
}

/**
 * The cases table, or a sample of its pages (TABLESAMPLE SYSTEM, `percent` of them) for the map of a long range:
 * a heat map needs the shape, not every case, and reading a twentieth of a year's pages keeps it quick.
 */
const casesOrSample = (percent: number) =>
  percent < 100 ? sql`${cases} tablesample system (${sql.raw(String(percent))})` : sql`${cases}`;

/** Heat cells: cases with a place counted per cell of `lngStep` × `latStep` degrees, as cell centres. */
export function heatCells(db: Db, f: StatsFilter, lngStep: number, latStep: number, percent = 100) {
  return cellsOf(db, casesOrSample(percent), where(f), lngStep, latStep);
}

/** The cases of `source` (the table or a sample) matching `condition` with a place, counted per cell. */
function cellsOf(db: Db, source: SQL, condition: SQL, lngStep: number, latStep: number) {
  return queryRows<{ lng: number; lat: number; count: number }>(
    db,
    sql`
      select (cx * ${lngStep}::float8)::float8 as lng, (cy * ${latStep}::float8)::float8 as lat, count(*)::int as count
      from (
        select round(${cases.lng} / ${lngStep}::float8) as cx, round(${cases.lat} / ${latStep}::float8) as cy
        from ${source}
        where ${condition} and ${cases.lng} is not null and ${cases.lat} is not null
      ) cells
      group by cx, cy`,
  );
}

/**
 * Up to `limit` placed cases spread over the whole range: every `step`-th by id (ids follow receipt), newest
 * first, so a year's map shows the year and not only its last days.
 */
export function samplePoints(db: Db, f: StatsFilter, step: number, limit: number, percent = 100) {
  return queryRows<{
    number: string;
    lng: number;
    lat: number;
    category_code: string | null;
    status: string;
  }>(
    db,
    sql`
      select ${cases.number} as number, ${cases.lng} as lng, ${cases.lat} as lat,
             ${cases.categoryCode} as category_code, ${cases.status} as status
      from ${casesOrSample(percent)}
      where ${where(f)} and ${cases.lng} is not null and ${cases.lat} is not null
        and ${cases.id} % ${step}::bigint = 0
      order by ${cases.receivedAt} desc
      limit ${limit}`,
  );
}

// The cases open now (the operations screen's figures and map). Open cases are a small share of a year's, found
// by the status index (status, received_at) without reading the closed ones.

const openList = sql.join(
  openStatuses.map((s) => sql`${s}`),
  sql`, `,
);
const openWhere = (departmentId?: number) =>
  and(
    sql`${cases.status} in (${openList})`,
    departmentId ? eq(cases.departmentId, departmentId) : undefined,
  )!;

/** Open cases per subdistrict, with those past their due time (a suspended case's clock stands still). */
export function openCounts(db: Db, now: Date, departmentId?: number) {
  return queryRows<{ subdistrict_code: string | null; open: number; overdue: number }>(
    db,
    sql`
      select ${cases.subdistrictCode} as subdistrict_code, count(*)::int as open,
        count(*) filter (where ${cases.status} <> 'suspended' and ${cases.dueAt} < ${now.toISOString()}::timestamptz)::int as overdue
      from ${cases}
      where ${openWhere(departmentId)}
      group by 1`,
  );
}

/** Heat cells of the open cases with a place: counted per cell of `lngStep` × `latStep` degrees, as cell centres. */
export function openHeatCells(db: Db, lngStep: number, latStep: number, departmentId?: number) {
  return cellsOf(db, sql`${cases}`, openWhere(departmentId), lngStep, latStep);
}

/** Up to `limit` open cases with a place, newest first. */
export function openPoints(db: Db, limit: number, departmentId?: number) {
  return db
    .select({
      number: cases.number,
      lng: sql<number>`${cases.lng}`,
      lat: sql<number>`${cases.lat}`,
      categoryCode: cases.categoryCode,
      status: cases.status,
    })
    .from(cases)
    .where(and(openWhere(departmentId), isNotNull(cases.lng), isNotNull(cases.lat)))
    .orderBy(desc(cases.receivedAt))
    .limit(limit);
}
