import type { Ctx } from '../../../core/context.ts';
import { ForbiddenError } from '../../../core/errors.ts';
import type { Dashboard } from '../contract.ts';
import { iocPolicy } from '../policy.ts';
import type { IocSources } from '../ports.ts';
import { type DashboardReads, dashboardReads } from './reads.ts';
import { type Counts, share, todosOf } from './rules.ts';

type Figures = Dashboard['figures'];

/**
 * The home page's dashboard for the signed-in role: the center's to-dos and the district's figures; a department's
 * own (its cases by due time, its applications, its resources' quality and calls, its devices); the district
 * summary for leaders; the 12345 desk's and a grid inspector's queues. Every figure is read through the owning
 * module's service as the caller, so a department sees only its own.
 */
export function createDashboardService(deps: { sources: IocSources; now: () => Date }) {
  const reads = dashboardReads(deps.sources, deps.now);

  return {
    /** The dashboard of the caller's role; refused to those with none (citizens, screen accounts). */
    async forUser(ctx: Ctx): Promise<Dashboard> {
      const persona = iocPolicy.dashboardPersona(ctx.actor);
      if (!persona) throw new ForbiddenError('dashboard_no_role', 'No dashboard for your role');
      const departmentId = ctx.actor!.departmentId;
      switch (persona) {
        case 'center':
          return { ...(await center(reads, ctx)), scope: 'center', departmentId, casesByDue: null };
        case 'department':
          return { ...(await department(reads, ctx, departmentId!)), scope: 'department', departmentId };
        case 'leader':
          return { ...(await leader(reads, ctx)), scope: 'leader', departmentId, casesByDue: null };
        case 'operator':
          return { ...(await operator(reads, ctx)), scope: 'other', departmentId, casesByDue: null };
        case 'inspector':
          return { ...(await inspector(reads, ctx)), scope: 'other', departmentId, casesByDue: null };
        default:
          return {
            todos: [],
            figures: await general(reads, ctx),
            scope: 'other',
            departmentId,
            casesByDue: null,
          };
      }
    },
  };
}

/** The district's cases, devices, data and catalog: what the center and leaders watch. */
async function district(reads: DashboardReads, ctx: Ctx): Promise<Figures> {
  const [casesToday, casesOpen, casesOverdue, devices, today, month, resources] = await Promise.all([
    reads.casesToday(ctx),
    reads.openCases(ctx),
    reads.cases(ctx, { clock: 'overdue' }),
    reads.devices(ctx),
    reads.batchRows(ctx, 0),
    reads.batchRows(ctx, 29),
    reads.resources(ctx),
  ]);
  return {
    casesToday,
    casesOpen,
    casesOverdue,
    devicesOnline: devices.devices.online,
    devicesOffline: devices.devices.offline,
    alarmsActive: devices.alarms.active,
    batchesToday: today.batches,
    recordsToday: today.accepted,
    dataQuality: share(month.accepted, month.rows),
    resources,
  };
}

/** The center: the district's figures and calls, and everything waiting on the center. */
async function center(reads: DashboardReads, ctx: Ctx) {
  const [figures, callsToday, approvals, conflicts, objections, failed] = await Promise.all([
    district(reads, ctx),
    reads.sharingCalls(ctx, 1),
    reads.applications(ctx, 'inbox', 'pending_center'),
    reads.openConflicts(ctx),
    reads.openObjections(ctx, 'all'),
    reads.failedBatches(ctx),
  ]);
  const counts: Counts = {
    overdueCases: figures.casesOverdue!,
    failedBatches: failed,
    sharingCenterApprovals: approvals,
    registryConflicts: conflicts,
    objectionsOpen: objections,
    offlineDevices: figures.devicesOffline!,
  };
  return { todos: todosOf(counts), figures: { ...figures, sharingCallsToday: callsToday } };
}

/** Leaders: the district summary; the overdue cases are theirs to press on (the screen and briefings are linked). */
async function leader(reads: DashboardReads, ctx: Ctx) {
  const figures = await district(reads, ctx);
  return { todos: todosOf({ overdueCases: figures.casesOverdue! }), figures };
}

/** A department: its cases by due time, its applications, its resources' quality and calls, its devices. */
async function department(reads: DashboardReads, ctx: Ctx, departmentId: number) {
  const [byDue, casesOpen, inbox, mine, approvals, objections, failed, month, resources, calls, devices] =
    await Promise.all([
      reads.casesByDue(ctx),
      reads.openCases(ctx),
      reads.cases(ctx, { inbox: 'department' }),
      Promise.all([
        reads.applications(ctx, 'mine', 'pending_provider'),
        reads.applications(ctx, 'mine', 'pending_center'),
        reads.applications(ctx, 'mine', 'approved'),
        reads.applications(ctx, 'mine', 'rejected'),
      ]),
      reads.applications(ctx, 'inbox', 'pending_provider'),
      reads.openObjections(ctx, 'assigned'),
      reads.failedBatches(ctx),
      reads.batchRows(ctx, 29),
      reads.resources(ctx, departmentId),
      Promise.all([reads.sharingCalls(ctx, 1), reads.sharingCalls(ctx, 30)]),
      reads.devices(ctx),
    ]);
  const counts: Counts = {
    overdueCases: byDue.overdue,
    caseInbox: inbox,
    sharingProviderApprovals: approvals,
    objectionsAssigned: objections,
    failedBatches: failed,
    activeAlarms: devices.alarms.active,
    offlineDevices: devices.devices.offline,
  };
  const [providerStage, centerStage, approved, rejected] = mine;
  return {
    todos: todosOf(counts),
    figures: {
      casesOpen,
      casesOverdue: byDue.overdue,
      applicationsPending: providerStage + centerStage,
      applicationsApproved: approved,
      applicationsRejected: rejected,
      resources,
      resourceQuality: share(month.accepted, month.rows),
      sharingCallsToday: calls[0],
      sharingCalls30Days: calls[1],
      devicesTotal: devices.devices.total - devices.devices.retired,
      devicesOnline: devices.devices.online,
      devicesOffline: devices.devices.offline,
      alarmsActive: devices.alarms.active,
    },
    casesByDue: byDue,
  };
}

/** The 12345 desk: its inbox, the cases due soon and overdue, the alarms to acknowledge. */
async function operator(reads: DashboardReads, ctx: Ctx) {
  const [inbox, warning, overdue, casesToday, casesOpen, devices] = await Promise.all([
    reads.cases(ctx, { inbox: 'desk' }),
    reads.cases(ctx, { clock: 'warning' }),
    reads.cases(ctx, { clock: 'overdue' }),
    reads.casesToday(ctx),
    reads.openCases(ctx),
    reads.devices(ctx),
  ]);
  const counts: Counts = {
    deskInbox: inbox,
    warningCases: warning,
    overdueCases: overdue,
    activeAlarms: devices.alarms.active,
  };
  return {
    todos: todosOf(counts),
    figures: { casesToday, casesOpen, casesOverdue: overdue, alarmsActive: devices.alarms.active },
  };
}

/** A grid inspector: what became of the reports they made (their case list holds only those). */
async function inspector(reads: DashboardReads, ctx: Ctx) {
  const [reportsToday, reportsOpen, reportsClosed] = await Promise.all([
    reads.casesToday(ctx),
    reads.openCases(ctx),
    reads.closedCases(ctx),
  ]);
  return { todos: [], figures: { reportsToday, reportsOpen, reportsClosed } };
}

/** What anyone at work may read: the catalog's size. */
async function general(reads: DashboardReads, ctx: Ctx): Promise<Figures> {
  return { resources: await reads.resources(ctx) };
}
