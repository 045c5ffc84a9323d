// TEMPORARY stand-in until the clock lands (helper ev-clock): calendar days only.
export function dueAt(receivedAt: Date, limit: string): Date {
  const m = /^(\d+)(h|wd)$/.exec(limit)!;
  const n = Number(m[1]);
  return new Date(receivedAt.getTime() + (m[2] === 'h' ? n * 3600_000 : n * 86_400_000));
}
export function extendDue(due: Date, limit: string): Date {
  return dueAt(due, limit);
}
export function clockState(receivedAt: Date, due: Date, now: Date) {
  const share = (now.getTime() - receivedAt.getTime()) / Math.max(1, due.getTime() - receivedAt.getTime());
  return {
    state: now > due ? ('overdue' as const) : share >= 0.8 ? ('warning' as const) : ('normal' as const),
    elapsedShare: share,
  };
}
export function toChinaIso(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}
