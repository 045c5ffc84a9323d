/**
 * Sharing in the demo district: the applications of sharing-demo-plan.ts made and decided through the sharing
 * services (so rules, grants, audit and notifications are the real ones), on behalf of the departments by the
 * system: the demo creates no login users, whose passwords would be known. No credential is created either: a
 * secret must be known to its consumer only, so each department makes its own in the console.
 */
import { lookupCtx } from '../core/context.ts';
import { todayInShanghai } from '../core/local-date.ts';
import { demoResources } from '../modules/catalog/index.ts';
import type { ApplicationStatus } from '../modules/sharing/contract.ts';
import { addYears } from '../modules/sharing/index.ts';
import type { Modules } from '../server/modules.ts';
import { dateOfDay, dayNumber } from './days.ts';
import { demoCtx } from './demo-ctx.ts';
import { HISTORY_DAYS } from './history-window.ts';
import { type DemoSharingApplication, demoSharingApplications } from './sharing-demo-plan.ts';

/** What seeding made: the applications by their final status, and the grants the approved ones hold. */
export type SeededSharing = {
  applications: number;
  byStatus: Partial<Record<ApplicationStatus, number>>;
  grants: number;
  /** Plan entries left out because their resource or department is missing or was changed since. */
  skipped: string[];
};

/** Why a plan entry cannot be made here, or null: its resource and department exist as the demo defines them. */
function missing(
  plan: DemoSharingApplication,
  shareTypes: Map<string, string>,
  departments: Map<string, unknown>,
): string | null {
  const defined = demoResources.find((r) => r.alias === plan.resource)?.shareType;
  if (!shareTypes.has(plan.resource)) return `${plan.resource}: no such resource`;
  // An edited share type would take the application elsewhere than the plan's steps expect.
  if (shareTypes.get(plan.resource) !== defined) return `${plan.resource}: share type changed`;
  if (!departments.has(plan.applicant)) return `${plan.applicant}: no such department`;
  return null;
}

/**
 * Makes the demo's sharing applications and their decisions, once: nothing is done when any application exists
 * (returns null). Every period asked for starts a month before `today` (YYYY-MM-DD, Shanghai).
 */
export async function seedSharingDemo(
  modules: Modules,
  today: string = todayInShanghai(),
): Promise<SeededSharing | null> {
  // The demo's applicant and approvers: each stage decided under a name of its own, as separation of duties asks
  // of people (nobody decides two stages).
  const ctx = demoCtx();
  const providerCtx = demoCtx('demo.provider', '演示数据（提供部门审批）');
  const centerCtx = demoCtx('demo.center', '演示数据（中心审批）');
  const { sharing } = modules;
  const existing = await sharing.applications.list(ctx, {
    scope: 'all',
    page: 1,
    pageSize: 1,
    sort: 'newest',
  });
  if (existing.total > 0) return null;
  const resources = await modules.catalog.service.listAll(lookupCtx, {});
  const shareTypes = new Map(resources.map((r) => [r.alias ?? r.code, r.shareType]));
  const providers = new Map(resources.map((r) => [r.alias ?? r.code, r.providerDepartmentId]));
  const departments = (await modules.org.service.departmentDirectory()).byCode;

  const seeded: SeededSharing = { applications: 0, byStatus: {}, grants: 0, skipped: [] };
  for (const plan of demoSharingApplications) {
    const why = missing(plan, shareTypes, departments);
    if (why) {
      seeded.skipped.push(why);
      continue;
    }
    const id = await sharing.apply.apply(ctx, {
      resource: plan.resource,
      applicantDepartmentId: departments.get(plan.applicant)!.id,
      purpose: plan.purpose,
      legalBasis: plan.legalBasis,
      items: plan.items,
      rawItems: plan.rawItems ?? [],
      rowFilter: plan.rowFilter ?? {},
      consumingSystem: plan.consumingSystem,
      // From a month back: the grants cover the month of calls the operations history holds.
      periodFrom: dateOfDay(dayNumber(today) - HISTORY_DAYS),
      periodTo: dateOfDay(dayNumber(addYears(today, plan.years)) - 1),
      expectedDailyCalls: plan.expectedDailyCalls,
    });
    // A plan's decisions are the provider's, then the center's. The system belongs to no department: at the
    // provider stage it says which one it decides for.
    let decided = 0;
    for (const step of plan.steps) {
      if ('withdraw' in step) await sharing.decide.withdraw(ctx, id, step.withdraw);
      else if (decided++ === 0)
        await sharing.decide.decide(providerCtx, id, { ...step, onBehalfOf: providers.get(plan.resource)! });
      else await sharing.decide.decide(centerCtx, id, step);
    }
    seeded.applications += 1;
  }
  // Read back once (there were none before): the statuses as the services left them.
  const made = await sharing.applications.list(ctx, { scope: 'all', page: 1, pageSize: 200, sort: 'oldest' });
  for (const { status } of made.items) seeded.byStatus[status] = (seeded.byStatus[status] ?? 0) + 1;
  const ids = new Set(made.items.map((a) => a.id));
  const grants = await sharing.grants.list(ctx, { scope: 'all', page: 1, pageSize: 200 });
  seeded.grants = grants.items.filter((g) => ids.has(g.applicationId)).length;
  return seeded;
}

/** One line saying what seeding made, for the demo's progress output. */
export function describeSeededSharing(seeded: SeededSharing | null): string {
  if (!seeded) return 'sharing applications exist already: none added';
  const statuses = Object.entries(seeded.byStatus)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
  const skipped = seeded.skipped.length ? `; skipped ${seeded.skipped.join(', ')}` : '';
  return `added ${seeded.applications} sharing applications (${statuses}) with ${seeded.grants} grants${skipped}`;
}
