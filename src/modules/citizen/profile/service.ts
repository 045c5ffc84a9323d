import type { Ctx } from '../../../core/context.ts';
import type { AuditService } from '../../audit/index.ts';
import type { Objection } from '../../registry/contract.ts';
import type { createRegistryModule } from '../../registry/index.ts';
import type { CitizenSubject, SubjectService } from '../subjects/service.ts';
import type { MyObjection, ObjectionBody, Profile } from './contract.ts';
import './messages.ts';

// The other modules' services it uses (named here, not through services.ts, which imports this file's type).
type Deps = {
  registry: Pick<ReturnType<typeof createRegistryModule>, 'entities' | 'objections'>;
  audit: AuditService;
  subjects: SubjectService;
};

/** The registry entry a subject is: a person's population entry, a company's legal-person entry. */
const registryOf = (subject: CitizenSubject) =>
  subject.kind === 'person' ? ('population' as const) : ('legal_person' as const);

/** An objection as the resident who raised it sees it. */
const mine = (o: Objection): MyObjection => ({
  id: o.id,
  item: o.item,
  label: o.itemName,
  currentValue: o.currentValue,
  proposedValue: o.proposedValue,
  reason: o.reason,
  status: o.status,
  department: o.sourceDepartmentName,
  answer: o.answer,
  answeredAt: o.answeredAt,
  createdAt: o.createdAt,
});

/**
 * "My information" (我的信息): the resident's own registry entry (or the company's they act for), unmasked, with
 * where each value came from; and their objections (数据纠错) to it, sent to the department that owns the value.
 * There is no parameter naming whose: the entry is always the caller's (subjects/service.ts). Every read is audited.
 */
export function createProfileService(deps: Deps) {
  const { registry, audit, subjects } = deps;

  /** Audits a read of the resident's own entry (personal data, even if theirs). */
  const auditRead = (ctx: Ctx, subject: CitizenSubject, part: 'entry' | 'objections', count: number) =>
    audit.recordNow(ctx, {
      action: 'citizen.profile_read',
      targetType: registryOf(subject),
      targetId: subject.key,
      detail: { part, count, ...(subject.kind === 'company' && { actingFor: subject.key }) },
    });

  return {
    /** The registry entry of the resident, or of the company they act for (`actingFor`, a credit code). */
    async get(ctx: Ctx, actingFor?: string | null): Promise<Profile> {
      const subject = await subjects.resolve(ctx, actingFor);
      const view = await registry.entities.own(registryOf(subject), subject.key);
      await auditRead(ctx, subject, 'entry', view?.items.length ?? 0);
      return {
        kind: subject.kind,
        registry: registryOf(subject),
        name: view?.name ?? subject.name,
        found: !!view,
        items: (view?.items ?? []).map((i) => ({
          code: i.code,
          label: i.name,
          value: i.value,
          provenance: i.source,
        })),
      };
    },

    /**
     * Files an objection to one item of the entry, to the department the value came from (the registry's
     * objections route it); the resident follows it here, the department answers it in the console.
     */
    async raise(ctx: Ctx, actingFor: string | null | undefined, input: ObjectionBody): Promise<MyObjection> {
      const subject = await subjects.resolve(ctx, actingFor);
      const raised = await registry.objections.raise(ctx, {
        registry: registryOf(subject),
        key: subject.key,
        item: input.item,
        proposedValue: input.proposedValue,
        reason: input.reason,
      });
      return mine(raised);
    },

    /** The resident's objections to the entry, newest first, with their status and the department's answer. */
    async objections(ctx: Ctx, actingFor?: string | null): Promise<MyObjection[]> {
      const subject = await subjects.resolve(ctx, actingFor);
      const found = await registry.objections.listResident(ctx, {
        registry: registryOf(subject),
        key: subject.key,
      });
      await auditRead(ctx, subject, 'objections', found.length);
      return found.map(mine);
    },
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
