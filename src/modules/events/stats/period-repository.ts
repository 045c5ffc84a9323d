import { type SQLWrapper, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../core/db.ts';
import { cases } from '../schema.ts';

/** An instant as a bound timestamptz (the PostgreSQL driver takes no Date inside raw SQL). */
const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;

// A period's flow of cases (for the operations center's briefings): what was received in it and what was closed
// in it, counted from the cases' own times, plus what was still open when it ended. Unlike the statistics (the
// cases received in a range, as they stand now), these counts do not change as later work closes the cases.

/** The China-local date of a timestamp column (China has no daylight saving: UTC + 8 h). */
const chinaDate = (column: SQLWrapper) =>
  sql`to_char((${column} at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;

export type ReceivedRow = {
  kind: 'total' | 'day' | 'department' | 'category' | 'subdistrict';
  day: string | null;
  department_id: number | null;
  category_code: string | null;
  subdistrict_code: string | null;
  received: number;
};

/** Cases received in [start, end) (merged duplicates left out): in all, per day, lead department, category, subdistrict. */
export function receivedIn(db: Db, start: Date, end: Date) {
  return queryRows<ReceivedRow>(
    db,
    sql`
      select case grouping(day, department_id, category_code, subdistrict_code)
               when 15 then 'total' when 7 then 'day' when 11 then 'department' when 13 then 'category'
               else 'subdistrict' end as kind,
             day, department_id, category_code, subdistrict_code, count(*)::int as received
      from (select ${chinaDate(cases.receivedAt)} as day, ${cases.departmentId} as department_id,
                   ${cases.categoryCode} as category_code, ${cases.subdistrictCode} as subdistrict_code
            from ${cases}
            where ${cases.receivedAt} >= ${at(start)} and ${cases.receivedAt} < ${at(end)} and ${cases.status} <> 'merged') r
      group by grouping sets ((day), (department_id), (category_code), (subdistrict_code), ())`,
  );
}

export type ClosedRow = {
  kind: 'total' | 'day' | 'department';
  day: string | null;
  department_id: number | null;
  closed: number;
  on_time: number;
  called_back: number;
  satisfied: number;
  reopened: number;
  handling_hours: number;
};

/**
 * Cases closed in [start, end): in all, per day and per lead department, with those closed on time (replied, or
 * never replied closed, at or before the due time), called back, satisfied, reopened (重办) and the hours taken.
 */
export function closedIn(db: Db, start: Date, end: Date) {
  return queryRows<ClosedRow>(
    db,
    sql`
      select case grouping(day, department_id) when 3 then 'total' when 1 then 'day' else 'department' end as kind,
             day, department_id, count(*)::int as closed,
             count(*) filter (where on_time)::int as on_time,
             count(*) filter (where satisfaction is not null)::int as called_back,
             count(*) filter (where satisfaction in ('satisfied', 'basically_satisfied'))::int as satisfied,
             count(*) filter (where reopen_count > 0)::int as reopened,
             coalesce(sum(hours), 0)::float8 as handling_hours
      from (select ${chinaDate(cases.closedAt)} as day, ${cases.departmentId} as department_id,
                   ${cases.satisfaction} as satisfaction, ${cases.reopenCount} as reopen_count,
                   (${cases.dueAt} is null or coalesce(${cases.repliedAt}, ${cases.closedAt}) <= ${cases.dueAt}) as on_time,
                   extract(epoch from coalesce(${cases.repliedAt}, ${cases.closedAt}) - ${cases.receivedAt}) / 3600 as hours
            from ${cases}
            where ${cases.status} = 'closed' and ${cases.closedAt} >= ${at(start)} and ${cases.closedAt} < ${at(end)}) c
      group by grouping sets ((day), (department_id), ())`,
  );
}

/** A case received before `end` and not closed by then (merged duplicates left out). */
const openAt = (end: Date) =>
  sql`${cases.receivedAt} < ${at(end)} and ${cases.status} <> 'merged'
      and (${cases.closedAt} is null or ${cases.closedAt} >= ${at(end)})`;

/**
 * Past its due time at `end`, by the case clock: due before then, and not replied by the due time (a reply stops
 * the department's clock; a late one leaves the case overdue).
 */
const overdueAt = (end: Date) =>
  sql`${cases.dueAt} < ${at(end)} and (${cases.repliedAt} is null or ${cases.repliedAt} > ${cases.dueAt})`;

/** How many cases were open at `end`, and how many of them past their due time then. */
export async function openAtEnd(db: Db, end: Date): Promise<{ open: number; overdue: number }> {
  const [row] = await queryRows<{ open: number; overdue: number }>(
    db,
    sql`select count(*)::int as open, count(*) filter (where ${overdueAt(end)})::int as overdue
        from ${cases} where ${openAt(end)}`,
  );
  return row ?? { open: 0, overdue: 0 };
}

/** The `limit` cases longest past their due time among those open at `end`, the longest first. */
export function longestOverdueAt(db: Db, end: Date, limit: number) {
  return queryRows<{
    number: string;
    title: string | null;
    content: string;
    category_code: string | null;
    department_id: number | null;
    subdistrict_code: string | null;
    received_at: string;
    due_at: string;
    overdue_days: number;
  }>(
    db,
    sql`select ${cases.number} as number, ${cases.title} as title, left(${cases.content}, 80) as content,
               ${cases.categoryCode} as category_code, ${cases.departmentId} as department_id,
               ${cases.subdistrictCode} as subdistrict_code,
               to_char(${cases.receivedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as received_at,
               to_char(${cases.dueAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as due_at,
               floor(extract(epoch from least(coalesce(${cases.repliedAt}, ${at(end)}), ${at(end)}) - ${cases.dueAt}) / 86400)::int
                 as overdue_days
        from ${cases}
        where ${openAt(end)} and ${overdueAt(end)}
        order by ${cases.dueAt}, ${cases.id}
        limit ${limit}`,
  );
}
