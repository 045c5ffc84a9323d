// The code lists of cases, without zod, so the console imports them without bundling the contract's schemas.

export const caseStatuses = [
  'received',
  'dispatched',
  'accepted',
  'in_progress',
  'replied',
  'reviewed',
  'closed',
  'returned',
  'suspended',
  'merged',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const caseChannels = ['hotline', 'grid', 'open311', 'sensor', 'app', 'import'] as const;
export type CaseChannel = (typeof caseChannels)[number];

export const urgencies = ['normal', 'urgent', 'emergency'] as const;
export const satisfactions = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Satisfaction = (typeof satisfactions)[number];

export const caseActions = [
  'dispatch',
  'transfer',
  'accept',
  'start',
  'return',
  'reply',
  'review',
  'callback',
  'close',
  'request_extension',
  'decide_extension',
  'suspend',
  'resume',
  'reopen',
  'merge',
  'supervise',
] as const;
export type CaseAction = (typeof caseActions)[number];
