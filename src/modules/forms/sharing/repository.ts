import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../core/db.ts';
import { deliveries, submissions } from '../schema.ts';

/** Where a department's feed of a form's submissions stopped: the last one's time (µs, ISO) and id. */
export type FeedPosition = { at: string; id: number };

/** The submission time as text to the microsecond (a JS Date keeps milliseconds only). */
const microseconds = (column: SQL | typeof submissions.submittedAt) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The submissions of a form delivered to a department after `since`, submitted before `before`, oldest first:
 * `limit` at most.
 */
export function findDelivered(
  db: Db,
  q: { formId: number; departmentId: number; since: FeedPosition | null; before: string; limit: number },
) {
  return db
    .select({
      id: submissions.id,
      formVersion: submissions.formVersion,
      subjectKind: submissions.subjectKind,
      subjectKey: submissions.subjectKey,
      subjectName: submissions.subjectName,
      answers: submissions.answers,
      prefilledKeys: submissions.prefilledKeys,
      reusedKeys: submissions.reusedKeys,
      at: microseconds(submissions.submittedAt),
    })
    .from(submissions)
    .innerJoin(
      deliveries,
      and(eq(deliveries.submissionId, submissions.id), eq(deliveries.departmentId, q.departmentId)),
    )
    .where(
      and(
        eq(submissions.formId, q.formId),
        sql`${submissions.submittedAt} < ${q.before}::timestamptz`,
        q.since
          ? sql`(${submissions.submittedAt}, ${submissions.id}) > (${q.since.at}::timestamptz, ${q.since.id})`
          : undefined,
      ),
    )
    .orderBy(asc(submissions.submittedAt), asc(submissions.id))
    .limit(q.limit);
}

/**
 * How long before its transaction a submission's time may have been read. The feed is exact when a submission is
 * timed by the database (the column's default: its transaction's start); a writer that reads its own clock and then
 * opens the transaction gives the row a slightly earlier time, which this margin covers while the feed reads
 * during that transaction (not if the feed reads between the clock reading and the transaction's start).
 */
const CLOCK_LEAD = "interval '10 seconds'";

/**
 * The latest moment the feed may read up to: now, or, while other sessions have transactions open, the start of
 * the oldest of them less CLOCK_LEAD (a submission one of them is writing is not committed yet and carries a time
 * after that). So a submission committed late is never skipped by a consumer whose cursor has moved past its time.
 * PGlite runs one transaction at a time.
 */
export async function feedHorizon(db: Db): Promise<string> {
  const [row] = await queryRows<{ h: string }>(
    db,
    sql`select ${microseconds(sql`least(clock_timestamp(), (select min(xact_start) - ${sql.raw(CLOCK_LEAD)}
       from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'
         and xact_start is not null))`)} as h`,
  );
  return row!.h;
}
