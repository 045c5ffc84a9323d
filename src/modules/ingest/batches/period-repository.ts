import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../core/db.ts';
import { batches } from '../schema.ts';

/** An instant as a bound timestamptz (the PostgreSQL driver takes no Date inside raw SQL). */
const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;

/**
 * The batches that finished in [start, end) (for the operations center's briefings; counted by when each batch
 * finished, so a period's figures stay the same later): how many loaded and failed, and the rows of those loaded.
 */
export async function finishedIn(db: Db, start: Date, end: Date) {
  const [row] = await queryRows<{
    done: number;
    failed: number;
    rows: number;
    accepted: number;
    rejected: number;
  }>(
    db,
    sql`select count(*) filter (where ${batches.status} = 'done')::int as done,
               count(*) filter (where ${batches.status} in ('failed', 'interrupted'))::int as failed,
               coalesce(sum(${batches.total}) filter (where ${batches.status} = 'done'), 0)::int as rows,
               coalesce(sum(${batches.accepted}) filter (where ${batches.status} = 'done'), 0)::int as accepted,
               coalesce(sum(${batches.rejected}) filter (where ${batches.status} = 'done'), 0)::int as rejected
        from ${batches}
        where ${batches.finishedAt} >= ${at(start)} and ${batches.finishedAt} < ${at(end)}`,
  );
  return row ?? { done: 0, failed: 0, rows: 0, accepted: 0, rejected: 0 };
}
