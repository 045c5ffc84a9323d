import { InputError } from './errors.ts';

/**
 * Raw (unmasked) reads of personal data: each needs a stated reason, and is audited once per view, not once per
 * page fetched. A view is one person's look at one target (a resource's records, a registry search, an entity)
 * for one reason; paging through it within VIEW_MS adds no entry. State is per process and bounded: at worst a
 * view is audited again (another process, a restart), never not at all.
 */

const VIEW_MS = 30 * 60_000;
const MAX_VIEWS = 10_000;

/** The stated reason of a raw read: required, one line of at most 200 characters. */
export function rawReason(reason: unknown): string {
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (!text)
    throw new InputError('raw_reason_required', 'A raw read needs a reason', [
      { field: 'reason', reason: 'required' },
    ]);
  // One line: a control character (a NUL, a line break) would reach the audit log and PostgreSQL.
  if (text.length > 200 || [...text].some((c) => c.charCodeAt(0) < 0x20))
    throw new InputError('invalid_input', 'Bad reason', [{ field: 'reason', reason: 'invalid' }]);
  return text;
}

/** The reason of a read that asks raw (`raw=true`), checked as rawReason says; null for a masked read. */
export function rawReasonOf(q: { raw?: string; reason?: string }): string | null {
  return q.raw === 'true' ? rawReason(q.reason) : null;
}

/** Remembers the views already audited; `first` says whether this read opens a new one (then audit it). */
export function createRawViews(viewMs = VIEW_MS) {
  const seen = new Map<string, number>();
  return {
    first(who: string, target: string, reason: string, now = Date.now()): boolean {
      const id = JSON.stringify([who, target, reason]);
      const at = seen.get(id);
      if (at !== undefined && now - at < viewMs) return false;
      if (seen.size >= MAX_VIEWS)
        for (const [key, t] of seen) if (now - t >= viewMs || seen.size >= MAX_VIEWS) seen.delete(key);
      seen.set(id, now);
      return true;
    },
  };
}

export type RawViews = ReturnType<typeof createRawViews>;
