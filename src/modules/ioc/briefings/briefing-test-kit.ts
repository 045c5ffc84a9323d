// Test support for the briefings' tests: cases as the events module's history load takes them, with the times a
// test gives, so a period's figures can be counted by hand.
import type { ImportCase } from '../../events/index.ts';

/** A case of `category` (its department leads), dispatched and received at `receivedAt` unless `over` says else. */
export function historyCase(
  number: string,
  category: { code: string; departmentId: number },
  over: Partial<ImportCase> & { receivedAt: Date },
): ImportCase {
  return {
    number,
    channel: 'hotline',
    status: 'dispatched',
    categoryCode: category.code,
    departmentId: category.departmentId,
    content: `测试工单 ${number}`,
    address: null,
    lng: null,
    lat: null,
    subdistrictCode: null,
    communityCode: null,
    urgency: 'normal',
    dueAt: null,
    dispatchedAt: null,
    acceptedAt: null,
    repliedAt: null,
    closedAt: null,
    reply: null,
    satisfaction: null,
    reopenCount: 0,
    supervised: false,
    escalated: false,
    extensionRequest: null,
    suspendedAt: null,
    suspendedFrom: null,
    mergedInto: null,
    steps: null,
    ...over,
  };
}
