import { describe, expect, it } from 'vitest';
import type { DepartmentDirectory } from '../../org/index.ts';
import { canRate, pendingRating, ratedSinceReply, reporterSteps, stageOf } from './reporter-view.ts';
import type { StepRow } from './repository.ts';

const departments = { byId: new Map([[7, { name: '城管局' }]]) } as unknown as DepartmentDirectory;
let id = 0;
const step = (action: string, more: Partial<StepRow> = {}): StepRow => ({
  id: ++id,
  caseId: 1,
  action,
  fromStatus: null,
  toStatus: 'x',
  actorUserId: 5,
  actorName: '王科员',
  departmentId: null,
  note: null,
  detail: null,
  at: new Date(Date.UTC(2026, 4, 1, 1, id)),
  ...more,
});

describe('a case as its reporter sees it', () => {
  it('words every status as one of the resident’s stages', () => {
    expect(stageOf('returned')).toBe('received');
    expect(stageOf('in_progress')).toBe('handling');
    expect(stageOf('reviewed')).toBe('replied');
    expect(stageOf('suspended')).toBe('paused');
  });

  it('shows the steps that concern the resident, without staff names or internal notes', () => {
    const steps = [
      step('receive'),
      step('dispatch', { departmentId: 7, note: 'auto' }),
      step('accept', { departmentId: 7 }),
      step('start', { departmentId: 7, note: '内部：派二中队' }),
      step('request_extension', { departmentId: 7, note: '材料未到' }),
      step('reply', { departmentId: 7, note: '草稿' }),
      step('review', { detail: { approved: false }, note: '不具体' }),
      step('reply', { departmentId: 7, note: '已修复' }),
      step('review', { detail: { approved: true } }),
      step('callback', { toStatus: 'closed', note: '电话回访', detail: { satisfaction: 'satisfied' } }),
    ];
    const seen = reporterSteps(steps, departments);
    expect(seen.map((s) => s.kind)).toEqual([
      'received',
      'dispatched',
      'accepted',
      'handling',
      'replied',
      'rated',
      'closed',
    ]);
    expect(seen[4]).toMatchObject({ departmentName: '城管局', text: '已修复' });
    expect(seen[5]).toMatchObject({ satisfaction: 'satisfied', text: null });
    const text = JSON.stringify(seen);
    for (const hidden of ['王科员', '内部', '材料未到', '草稿', '不具体', '电话回访', 'auto'])
      expect(text).not.toContain(hidden);
  });

  it('lets a reply be rated once, and carries a rating given before the review on to the callback', () => {
    const replied = [step('reply', { note: '已修复' })];
    expect(canRate({ status: 'replied', reply: '已修复' }, replied)).toBe(true);
    expect(canRate({ status: 'in_progress', reply: '已修复' }, replied)).toBe(false);
    expect(canRate({ status: 'closed', reply: null }, [])).toBe(false);
    const rated = [
      ...replied,
      step('rating', { note: '好', detail: { satisfaction: 'satisfied', byReporter: true } }),
    ];
    expect(ratedSinceReply(rated)).toBe(true);
    expect(canRate({ status: 'replied', reply: '已修复' }, rated)).toBe(false);
    expect(pendingRating(rated)).toEqual({ satisfaction: 'satisfied', comment: '好' });
    expect(pendingRating([...rated, step('callback', { detail: { fromRating: true } })])).toBeNull();
    // A new reply (after reopening) may be rated again.
    expect(ratedSinceReply([...rated, step('reply', { note: '再次修复' })])).toBe(false);
  });
});
