import { DomainError } from '../../../core/errors.ts';
import type { Logger } from '../../../core/logger.ts';
import type { ShareLimits } from './limits.ts';
import type { CallRow, RefusalCount, ShareRepository, UsageDelta } from './repository.ts';

/** The call log could not be written: the call is refused (503) rather than served unlogged. */
export class LogUnavailableError extends DomainError {
  constructor() {
    super(503, 'log_unavailable', 'The call log cannot be written');
  }
}

/** A call waiting for its flush; `refusal` marks one counted in sharing.refusals instead of logged alone. */
type Waiting = {
  call: CallRow;
  counted: UsageDelta[];
  refusal: boolean;
  done: () => void;
  failed: (error: Error) => void;
};

// Rows per statement: bounds the parameter arrays of one flush; more wait for the next one.
const MAX_BATCH = 5000;

/** Sums refused calls by minute, address, reason and status: one row each per flush. */
export function countRefusals(calls: CallRow[]): RefusalCount[] {
  const sums = new Map<string, RefusalCount>();
  for (const call of calls) {
    const ms = call.at.getTime();
    const minute = ms - (ms % 60_000);
    const ip = call.ip ?? '';
    const key = `${minute}|${ip}|${call.outcome}|${call.status}`;
    const sum = sums.get(key);
    if (sum) {
      sum.calls += 1;
      if (call.at > sum.lastAt) sum.lastAt = call.at;
    } else
      sums.set(key, { minute, ip, outcome: call.outcome, status: call.status, calls: 1, lastAt: call.at });
  }
  return [...sums.values()];
}

/**
 * A call row with every free text the caller chose removed (query, items, key id): what is stored when the
 * database refused the row as it was. The service keeps such text out (see checkRequestText); this is the net.
 */
function stripped(call: CallRow): CallRow {
  return { ...call, keyId: null, items: null, query: { unstorable: true } };
}

/**
 * The call log (调用日志) with group commit. A call enqueues its row and waits for the flush that writes it: one
 * statement inserts every queued row and adds the counted calls to the usage windows. While a flush runs, new rows
 * queue up; the next flush starts as soon as it finishes (no timer, so an idle server writes a lone call at once).
 * Under load many calls share one commit, which is what makes logging every call before replying affordable.
 *
 * When the database refuses a flush, its calls are written one by one, so a row it cannot take costs only its own
 * call: that row is stored stripped of the caller's text (and the server log says so). Only a call whose stripped
 * row is refused too, the database being unavailable, answers 503.
 */
export function createCallLog(deps: {
  repo: ShareRepository;
  limits: ShareLimits;
  logger: Logger;
  /** Told after each flush that wrote calls (the operations screens count them). */
  onFlushed?: () => void;
}) {
  const queue: Waiting[] = [];
  let flushing = false;

  /** Writes one group of calls in one statement; returns the usage windows' totals. */
  function write(batch: Waiting[], deltas: UsageDelta[]) {
    const logged = batch.filter((w) => !w.refusal).map((w) => w.call);
    const refused = countRefusals(batch.filter((w) => w.refusal).map((w) => w.call));
    return deps.repo.flushCalls(logged, deltas, refused);
  }

  /** After a failed flush: each call alone, stripped if need be; stops trying once even a stripped row fails. */
  async function oneByOne(batch: Waiting[]) {
    let unavailable = false;
    for (const w of batch) {
      if (!unavailable) {
        try {
          deps.limits.settle(w.counted, await write([w], w.counted));
          w.done();
          continue;
        } catch {
          try {
            deps.limits.settle(w.counted, await write([{ ...w, call: stripped(w.call) }], w.counted));
            deps.logger.warn(
              { endpoint: w.call.endpoint, outcome: w.call.outcome, grantId: w.call.grantId },
              'sharing call log: the database refused a call row; stored it without its query',
            );
            w.done();
            continue;
          } catch (error) {
            unavailable = true;
            deps.logger.error({ err: error }, 'sharing call log cannot be written');
          }
        }
      }
      deps.limits.settle(w.counted, undefined);
      w.failed(new LogUnavailableError());
    }
  }

  function pump() {
    if (flushing || queue.length === 0) return;
    flushing = true;
    const batch = queue.splice(0, MAX_BATCH);
    const deltas = deps.limits.merge(batch.flatMap((w) => w.counted));
    write(batch, deltas)
      .then(
        (totals) => {
          deps.limits.settle(deltas, totals);
          for (const w of batch) w.done();
          deps.onFlushed?.();
        },
        (error: unknown) => {
          deps.logger.warn(
            { err: error, calls: batch.length },
            'sharing call log flush failed; writing its calls one by one',
          );
          return oneByOne(batch).then(() => deps.onFlushed?.());
        },
      )
      .finally(() => {
        flushing = false;
        pump();
      });
  }

  function enqueue(call: CallRow, counted: UsageDelta[], refusal: boolean): Promise<void> {
    return new Promise<void>((done, failed) => {
      queue.push({ call, counted, refusal, done, failed });
      pump();
    });
  }

  return {
    /**
     * Logs one call and resolves once it is committed; rejects with LogUnavailableError (503) when it cannot be
     * written. `counted` are the usage windows the call was counted in (see ShareLimits.reserve), empty for refusals.
     */
    record: (call: CallRow, counted: UsageDelta[]) => enqueue(call, counted, false),

    /**
     * Counts a refused call without a live credential in sharing.refusals (per address, reason and minute) and
     * resolves once committed, like `record`.
     */
    refused: (call: CallRow) => enqueue(call, [], true),

    /** Calls waiting for a flush (for tests and health). */
    pending: () => queue.length + (flushing ? 1 : 0),
  };
}

export type CallLog = ReturnType<typeof createCallLog>;
