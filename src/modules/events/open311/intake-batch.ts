import type { Db } from '../../../core/db.ts';
import type { createIntakeService } from '../cases/intake.ts';

type IntakeService = ReturnType<typeof createIntakeService>;
type Receive = IntakeService['receive'];
type CaseRow = Awaited<ReturnType<Receive>>;

// Enough to amortise a commit; small enough that the first of a batch does not wait long for the last.
const MAX_BATCH = 32;

/**
 * Open311 intake in batches: the posts that arrive while a batch is being written go together into the next one,
 * one transaction (each case in a savepoint of its own, so one bad post fails alone) and one commit.
 *
 * Why: every intake takes the day's case number (a row lock) and appends to the audit hash chain (a lock on its
 * head), and both are held until the commit's WAL flush. One intake per transaction therefore serialises every
 * intake behind a disk flush — about 200 a second at best, and seconds of queueing at 100 concurrent clients. In a
 * batch the locks are taken once and the flush is shared by every case of the batch.
 */
export function createIntakeBatcher(deps: { db: Db; intakeFor: (db: Db) => IntakeService }) {
  type Job = { args: Parameters<Receive>; resolve: (row: CaseRow) => void; reject: (error: unknown) => void };
  const queue: Job[] = [];
  let running = false;

  async function writeBatch(batch: Job[]) {
    const outcomes: ({ ok: true; row: CaseRow } | { ok: false; error: unknown })[] = [];
    try {
      await deps.db.transaction(async (tx) => {
        const intake = deps.intakeFor(tx);
        for (const job of batch) {
          try {
            outcomes.push({ ok: true, row: await intake.receive(...job.args) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // The commit failed: nothing of the batch was stored.
      for (const job of batch) job.reject(error);
      return;
    }
    batch.forEach((job, i) => {
      const o = outcomes[i]!;
      if (o.ok) job.resolve(o.row);
      else job.reject(o.error);
    });
  }

  async function drain() {
    if (running) return;
    running = true;
    try {
      while (queue.length) await writeBatch(queue.splice(0, MAX_BATCH));
    } finally {
      running = false;
    }
  }

  return {
    /** Opens a case as intake.receive does; resolves once the batch holding it has committed. */
    receive(...args: Parameters<Receive>): Promise<CaseRow> {
      return new Promise<CaseRow>((resolve, reject) => {
        queue.push({ args, resolve, reject });
        void drain();
      });
    },
  };
}
