import { DomainError } from '../../../core/errors.ts';
import type { Logger } from '../../../core/logger.ts';
import type { ShareLimits } from './limits.ts';
import type { CallRow, ShareRepository, UsageDelta } from './repository.ts';

/** The call log could not be written: the call is refused (503) rather than served unlogged. */
export class LogUnavailableError extends DomainError {
  constructor() {
    super(503, 'log_unavailable', 'The call log cannot be written');
  }
}

type Waiting = { call: CallRow; counted: UsageDelta[]; done: () => void; failed: (error: Error) => void };

// Rows per statement: bounds the parameter arrays of one flush; more wait for the next one.
const MAX_BATCH = 5000;

/**
 * The call log (调用日志) with group commit. A call enqueues its row and waits for the flush that writes it: one
 * statement inserts every queued row and adds the counted calls to the usage windows. While a flush runs, new rows
 * queue up; the next flush starts as soon as it finishes (no timer, so an idle server writes a lone call at once).
 * Under load many calls share one commit, which is what makes logging every call before replying affordable.
 */
export function createCallLog(deps: { repo: ShareRepository; limits: ShareLimits; logger: Logger }) {
  const queue: Waiting[] = [];
  let flushing = false;

  function pump() {
    if (flushing || queue.length === 0) return;
    flushing = true;
    const batch = queue.splice(0, MAX_BATCH);
    const counted = batch.flatMap((w) => w.counted);
    const deltas = deps.limits.merge(counted);
    deps.repo
      .flushCalls(
        batch.map((w) => w.call),
        deltas,
      )
      .then(
        (totals) => {
          deps.limits.settle(deltas, totals);
          for (const w of batch) w.done();
        },
        (error: unknown) => {
          deps.limits.settle(deltas, undefined);
          deps.logger.error({ err: error, calls: batch.length }, 'sharing call log flush failed');
          for (const w of batch) w.failed(new LogUnavailableError());
        },
      )
      .finally(() => {
        flushing = false;
        pump();
      });
  }

  return {
    /**
     * Logs one call and resolves once it is committed; rejects with LogUnavailableError (503) when the flush
     * fails. `counted` are the usage windows the call was counted in (see ShareLimits.reserve), empty for refusals.
     */
    record(call: CallRow, counted: UsageDelta[]): Promise<void> {
      return new Promise<void>((done, failed) => {
        queue.push({ call, counted, done, failed });
        pump();
      });
    },

    /** Calls waiting for a flush (for tests and health). */
    pending: () => queue.length + (flushing ? 1 : 0),
  };
}

export type CallLog = ReturnType<typeof createCallLog>;
