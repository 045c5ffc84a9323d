// The bulk load of cases: raw `$n` text and COPY on the driver (database.rawTransaction) rather than Drizzle, because
// COPY has no place in a query builder and a former system's history is a million rows, which `bench/events/import.ts`
// times against plain COPY. Each batch is one transaction: its cases, their history steps and the day sequences
// commit together, so a load cut short leaves whole batches and a second run adds only what is missing.
import type { Database, RawTx } from '../../../core/db.ts';
import { copyColumns } from './copy-rows.ts';

const STAGE = 'events_import_stage';

/** Runs `work` in one transaction on the driver, where COPY runs. */
export function inImportTransaction<T>(database: Database, work: (tx: RawTx) => Promise<T>) {
  return database.rawTransaction(work);
}

/** Streams a batch of cases (COPY CSV lines in copyColumns' order) into a temporary table dropped at commit. */
export async function stageCases(tx: RawTx, csvChunks: AsyncIterable<string>) {
  await tx.query(
    `create temp table ${STAGE} (
      number text, channel text, status text, category_code text, department_id integer, content text,
      address text, lng double precision, lat double precision, subdistrict_code text, community_code text,
      urgency text, received_at timestamptz, due_at timestamptz, dispatched_at timestamptz,
      accepted_at timestamptz, replied_at timestamptz, closed_at timestamptz, reply text, satisfaction text,
      reopen_count smallint, supervised boolean, escalated boolean, extension_request jsonb,
      suspended_at timestamptz, suspended_from text, merged_into text, steps jsonb
    ) on commit drop`,
  );
  await tx.copyIn(STAGE, [...copyColumns], csvChunks);
}

/**
 * Inserts the staged cases whose number is not taken yet (the rest were loaded before: skipped), each with its
 * history: the steps given, or one `import` step by `actorName`. Returns how many cases were inserted.
 */
export async function insertStaged(
  tx: RawTx,
  actorName: string,
  source: string,
  withSteps: boolean,
): Promise<number> {
  if (withSteps)
    // A temporary table has no statistics until analyzed: without them the planner joins it row by row.
    await tx.query(`analyze ${STAGE}`);
  const [row] = await tx.query<{ inserted: string }>(
    `with added as (
       insert into events.cases (number, source_number, channel, status, category_code, department_id, content,
         address, lng, lat, subdistrict_code, community_code, urgency, received_at, due_at, dispatched_at,
         accepted_at, replied_at, closed_at, reply, satisfaction, reopen_count, supervised, escalated,
         extension_request, suspended_at, suspended_from, updated_at)
       select number, number, channel, status, category_code, department_id, content, address, lng, lat,
         subdistrict_code, community_code, urgency, received_at, due_at, dispatched_at, accepted_at, replied_at,
         closed_at, reply, satisfaction, reopen_count, supervised, escalated, extension_request, suspended_at,
         suspended_from, coalesce(closed_at, received_at)
       from ${STAGE}
       -- In number order (received order, for numbers written our way): each index is written in runs, not at random.
       order by number
       on conflict (number) do nothing
       returning id, number, status, department_id, received_at
     ),
     ${
       withSteps
         ? `given as (
       insert into events.case_steps (case_id, action, from_status, to_status, actor_name, department_id, note, at)
       select a.id, s.action, s."fromStatus", s."toStatus", s."actorName", s."departmentId", s.note, s.at
       from added a join ${STAGE} st on st.number = a.number,
         jsonb_to_recordset(st.steps) as s(action text, "fromStatus" text, "toStatus" text, "actorName" text,
           "departmentId" integer, note text, at timestamptz)
       where st.steps is not null
     ),`
         : ''
     }
     imported as (
       insert into events.case_steps (case_id, action, from_status, to_status, actor_name, department_id, detail, at)
       select a.id, 'import', null, a.status, $1, a.department_id, jsonb_build_object('source', $2::text), a.received_at
       from added a
       ${withSteps ? `where not exists (select 1 from ${STAGE} st where st.steps is not null and st.number = a.number)` : ''}
     )
     select count(*) as inserted from added`,
    [actorName, source],
  );
  return Number(row!.inserted);
}

/** Points merged cases of the batch at the cases they joined (by number, loaded earlier or in this batch). */
export async function linkMerged(tx: RawTx) {
  await tx.query(
    `update events.cases c set merged_into = t.id
     from ${STAGE} s join events.cases t on t.number = s.merged_into
     where s.merged_into is not null and c.number = s.number and c.merged_into is null`,
  );
}

/**
 * Moves the day sequences past the loaded numbers written our way (YYYYMMDD and five digits), so that a case
 * taken later that day is not given a number the history already has.
 */
export async function advanceSequences(tx: RawTx) {
  await tx.query(
    `insert into events.case_sequences (day, last)
     select left(number, 8), max(right(number, 5)::integer) from ${STAGE}
     where number ~ '^20[0-9]{6}[0-9]{5}$' group by 1
     on conflict (day) do update set last = greatest(events.case_sequences.last, excluded.last)`,
  );
}

/**
 * Takes `count` numbers of the China-local day `day` (YYYYMMDD) from the day's sequence, as intake takes them, in the
 * load's transaction; returns the last one taken (the first is `last - count + 1`).
 */
export async function takeNumbers(tx: RawTx, day: string, count: number): Promise<number> {
  const [row] = await tx.query<{ last: number }>(
    `insert into events.case_sequences (day, last) values ($1, $2)
     on conflict (day) do update set last = events.case_sequences.last + excluded.last
     returning last`,
    [day, count],
  );
  return row!.last;
}
