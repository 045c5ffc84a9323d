import type { Db } from '../../../core/db.ts';
import type { createIntakeService, PreparedCase } from '../cases/intake.ts';

type IntakeService = ReturnType<typeof createIntakeService>;
type Receive = IntakeService['receive'];
type CaseRow = Awaited<ReturnType<Receive>>;

// Enough to share a commit among many posts; small enough that a batch's statements stay short.
const MAX_BATCH = 64;

/**
 * Open311 intake in batches: each post is prepared on its own (placed, classified, routed: no locks), and the posts
 * prepared while a batch is being written go together into the next one: one transaction, one statement of each
 * kind (numbers, cases, steps, audit entries) and one commit for all of them. Should a batch fail, its posts are
 * written one by one, so a bad one fails alone.
 *
 * Why: every intake takes the day's case number (a row lock) and appends to the audit hash chain (a lock on its
 * head), and both are held until the commit's WAL flush. One intake per transaction therefore queues every intake
 * behind the one before it — round trips and a disk flush each — which at 100 concurrent clients means seconds.
 */
export function createIntakeBatcher(deps: { db: Db; intake: IntakeService }) {
  type Job = { prepared: PreparedCase; resolve: (row: CaseRow) => void; reject: (error: unknown) => void };
  const queue: Job[] = [];
  let running = false;

  async function writeBatch(batch: Job[]) {
    try {
      const rows = await deps.db.transaction((tx) =>
        deps.intake.write(
          tx,
          batch.map((j) => j.prepared),
        ),
      );
      for (const [i, job] of batch.entries()) job.resolve(rows[i]!);
    } catch {
      for (const job of batch)
        await deps.db
          .transaction((tx) => deps.intake.write(tx, [job.prepared]))
          .then(([row]) => job.resolve(row!), job.reject);
    }
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
    async receive(...args: Parameters<Receive>): Promise<CaseRow> {
      const prepared = await deps.intake.prepare(...args);
      return new Promise<CaseRow>((resolve, reject) => {
        queue.push({ prepared, resolve, reject });
        void drain();
      });
    },
  };
}
