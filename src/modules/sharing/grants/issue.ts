import type { Db } from '../../../core/db.ts';
import type { ApplicationRow } from '../applications/repository.ts';
import { DEFAULT_RATE_PER_MINUTE, dailyQuotaFor, grantWindow, type Scope } from '../applications/rules.ts';
import * as repo from './repository.ts';

/**
 * Creates the grant of an approved application, in the transaction that approves it: what the last stage
 * approved, valid over the asked period (Shanghai days), with the default rate limit and daily quota.
 */
export function issueGrant(tx: Db, application: ApplicationRow, scope: Scope) {
  return repo.insertGrant(tx, {
    applicationId: application.id,
    resourceId: application.resourceId,
    consumerDepartmentId: application.applicantDepartmentId,
    consumingSystem: application.consumingSystem,
    items: scope.items,
    rawItems: scope.rawItems,
    rowFilter: scope.rowFilter,
    ratePerMinute: DEFAULT_RATE_PER_MINUTE,
    dailyQuota: dailyQuotaFor(application.expectedDailyCalls),
    ...grantWindow(application.periodFrom, application.periodTo),
  });
}
