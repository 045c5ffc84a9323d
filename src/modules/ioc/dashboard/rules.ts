import type { Todo } from '../contract.ts';
import { type TodoKey, todoKeys, todoLinks } from './links.ts';

/** The count of each to-do a dashboard has (those it leaves out do not apply to the role). */
export type Counts = Partial<Record<TodoKey, number>>;

const toneOrder = { danger: 0, warning: 1, info: 2 } as const;

/**
 * The to-dos to show: those with something to do (a count above 0), each with its tone and the page where it is
 * done; what is late or broken first, then what waits on the user, each in the order of `todoKeys`.
 */
export function todosOf(counts: Counts): Todo[] {
  return todoKeys
    .filter((key) => (counts[key] ?? 0) > 0)
    .map((key) => ({ key, count: counts[key]!, ...todoLinks[key] }))
    .sort((a, b) => toneOrder[a.tone] - toneOrder[b.tone]);
}

/** `part` of `whole` as a share 0..1 to four places, or null when there is nothing to rate. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}
