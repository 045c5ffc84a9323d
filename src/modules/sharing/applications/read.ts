import { type Ctx, lookupCtx } from '../../../core/context.ts';
import { ForbiddenError, NotFoundError } from '../../../core/errors.ts';
import type { ApplicationDetail, ApplicationPage, ApplicationQuery, ApplicationScope } from '../contract.ts';
import { departmentName, itemsOf, loadDirectory, type SharingDeps } from '../directory.ts';
import { findGrantOfApplication } from '../grants/repository.ts';
import { toGrant } from '../grants/views.ts';
import { sharingPolicy } from '../policy.ts';
import * as repo from './repository.ts';
import { toApplication } from './views.ts';

/** Reading applications: lists by scope (mine, inbox, all) with filters, and one with its timeline and grant. */
export function createApplicationReadService(deps: SharingDeps) {
  const { audit, catalog } = deps;
  const db = deps.database.db;

  /** Which applications wait for the caller: those at the provider stage it decides, all at the center's. */
  const waitingFor = (ctx: Ctx) => ({
    providerDepartmentId: sharingPolicy.providerStageOf(ctx.actor),
    center: sharingPolicy.isCenter(ctx.actor),
  });

  /** The ids of resources an alias or code names (none when it names no resource). */
  async function resourceIdsOf(codeOrAlias: string) {
    const resource = await catalog.get(lookupCtx, codeOrAlias).catch((error) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
    return resource ? [resource.id] : [];
  }

  return {
    /** A page of applications the caller may see, in the scope asked (by default: all for the center, else mine). */
    async list(ctx: Ctx, q: ApplicationQuery): Promise<ApplicationPage> {
      const center = sharingPolicy.isCenter(ctx.actor);
      const scope: ApplicationScope = q.scope ?? (center ? 'all' : 'mine');
      if (scope === 'all' && !center)
        await audit.deny(
          ctx,
          { targetType: 'application', detail: { scope } },
          new ForbiddenError('applications_all_for_center', 'Only the center sees all applications'),
        );
      const department = ctx.actor?.departmentId ?? null;
      if (scope === 'mine' && department === null) return { items: [], total: 0 };
      const dir = await loadDirectory(deps);
      const text = q.q?.toLowerCase();
      const { items, total } = await repo.findApplications(db, {
        ...(scope === 'mine' && { applicantDepartmentId: department! }),
        // 待我审批: only what the caller may decide, never its own applications or a stage after one it decided.
        ...(scope === 'inbox' && {
          waitingFor: waitingFor(ctx),
          ...(ctx.actor && { notFor: { userId: ctx.actor.userId, username: ctx.actor.username } }),
        }),
        status: q.status,
        ...(q.resource && { resourceIds: await resourceIdsOf(q.resource) }),
        departmentId: q.departmentId,
        ...(text && {
          search: {
            text,
            resourceIds: [...dir.resources.values()]
              .filter((r) => r.name.toLowerCase().includes(text) || r.code.includes(text))
              .map((r) => r.id),
          },
        }),
        page: q.page,
        pageSize: q.pageSize,
        sort: q.sort,
      });
      const deciders = await repo.findDeciders(
        db,
        items.map((row) => row.id),
      );
      return { items: items.map((row) => toApplication(ctx, dir, row, deciders.get(row.id) ?? [])), total };
    },

    /** One application with its decisions and grant, for its two departments and the center. */
    async get(ctx: Ctx, id: number): Promise<ApplicationDetail> {
      const row = await repo.findApplication(db, id);
      if (!row) throw new NotFoundError('application', id);
      if (!sharingPolicy.isApplicationParty(ctx.actor, row))
        await audit.deny(
          ctx,
          { targetType: 'application', targetId: id, detail: { code: 'not_application_party' } },
          new ForbiddenError('not_application_party', 'Not an application of your department'),
        );
      const [dir, decisions, grant] = await Promise.all([
        loadDirectory(deps),
        repo.findDecisions(db, id),
        findGrantOfApplication(db, id),
      ]);
      const resource = dir.resources.get(row.resourceId);
      return {
        ...toApplication(
          ctx,
          dir,
          row,
          decisions.filter((d) => d.stage === 'provider' || d.stage === 'center').map((d) => d.decidedBy),
        ),
        decisions: decisions.map((d) => ({
          id: d.id,
          stage: d.stage,
          decision: d.decision,
          items: d.items,
          reason: d.reason,
          decidedBy: d.decidedBy,
          onBehalfOf: d.onBehalfOf,
          onBehalfOfName: d.onBehalfOf === null ? null : departmentName(dir, d.onBehalfOf),
          decidedAt: d.decidedAt.toISOString(),
        })),
        grant: grant ? toGrant(ctx, dir, grant) : null,
        resourceItems: itemsOf(resource),
        shareBasis: resource?.shareBasis ?? null,
      };
    },
  };
}
