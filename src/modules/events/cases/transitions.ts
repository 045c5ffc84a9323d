/**
 * The case flow of the 12345 hotline (受理 → 派单 → 签收 → 办理 → 答复 → 审核 → 回访 → 办结) as data: for each action,
 * who takes it (the center's desk or the lead department) and from which statuses. The services check a move here
 * before they make it, and the console shows the buttons this allows.
 */
import type { CaseAction, CaseStatus } from './contract.ts';

export type Actor = 'desk' | 'department';

type Move = { by: Actor; from: readonly CaseStatus[] };

const open: CaseStatus[] = [
  'received',
  'dispatched',
  'accepted',
  'in_progress',
  'replied',
  'reviewed',
  'returned',
];

export const moves: Record<CaseAction, Move> = {
  dispatch: { by: 'desk', from: ['received', 'returned'] },
  transfer: { by: 'desk', from: ['dispatched', 'accepted', 'in_progress'] },
  accept: { by: 'department', from: ['dispatched'] },
  start: { by: 'department', from: ['accepted'] },
  return: { by: 'department', from: ['dispatched', 'accepted'] },
  reply: { by: 'department', from: ['accepted', 'in_progress'] },
  review: { by: 'desk', from: ['replied'] },
  callback: { by: 'desk', from: ['reviewed'] },
  close: { by: 'desk', from: ['reviewed', 'received', 'returned'] },
  request_extension: { by: 'department', from: ['accepted', 'in_progress'] },
  decide_extension: { by: 'desk', from: ['accepted', 'in_progress'] },
  suspend: { by: 'desk', from: open.filter((s) => s !== 'received') },
  resume: { by: 'desk', from: ['suspended'] },
  reopen: { by: 'desk', from: ['closed'] },
  merge: { by: 'desk', from: ['received', 'dispatched', 'returned'] },
  supervise: { by: 'desk', from: ['dispatched', 'accepted', 'in_progress', 'returned'] },
};

/** Statuses in which the case is still on its way (the clock runs unless suspended). */
export const openStatuses: readonly CaseStatus[] = [...open, 'suspended'];

/** Whether `action` may be taken on a case in `status` (not yet who may take it). */
export function allowedFrom(action: CaseAction, status: CaseStatus): boolean {
  return moves[action].from.includes(status);
}

/**
 * The actions the caller may take now: `desk` for the center's desk, `department` for the lead department. Flags
 * narrow it: an extension is decided only while one is asked for, and asked for only once at a time.
 */
export function availableActions(
  c: { status: CaseStatus; extensionRequested: boolean; supervised: boolean },
  as: { desk: boolean; department: boolean },
): CaseAction[] {
  return (Object.keys(moves) as CaseAction[]).filter((action) => {
    const move = moves[action];
    if (!(move.by === 'desk' ? as.desk : as.department)) return false;
    if (!allowedFrom(action, c.status)) return false;
    if (action === 'decide_extension') return c.extensionRequested;
    if (action === 'request_extension') return !c.extensionRequested;
    if (action === 'supervise') return !c.supervised;
    return true;
  });
}
