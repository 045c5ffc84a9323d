import type { Ctx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import { ForbiddenError } from '../../../core/errors.ts';
import type { UsersService } from '../../accounts/index.ts';
import type { AuditService } from '../../audit/index.ts';
import type { createRegistryModule } from '../../registry/index.ts';
import { findLink } from '../companies/repository.ts';
import './messages.ts';

/** Who a resident's request is about: themselves (their ID number) or a company they represent (its credit code). */
export type CitizenSubject = {
  kind: 'person' | 'company';
  /** The ID number of the person, or the credit code of the company. */
  key: string;
  name: string;
  /** The signed-in resident. */
  userId: number;
  /** The resident's own ID number (a company's legal representative's). */
  idNumber: string;
};

/**
 * Says who a resident acts as: themselves, or the company named by the `x-acting-for` header, which must be
 * linked to them and still list them as its legal representative in the legal-person registry.
 */
export function createSubjectService(
  // The other modules' services it uses (named here, not through services.ts, which imports this file's type).
  deps: {
    users: Pick<UsersService, 'get' | 'idNumberOf'>;
    registry: Pick<ReturnType<typeof createRegistryModule>, 'service'>;
    audit: AuditService;
    database: Database;
  },
) {
  return {
    /**
     * The subject of a request; ForbiddenError `account_without_id_number` for an account without an ID number,
     * `not_your_company` (audited) for a company not linked to the resident or whose legal representative the
     * registry no longer says they are.
     */
    async resolve(ctx: Ctx, actingFor?: string | null): Promise<CitizenSubject> {
      const user = await deps.users.get(ctx, ctx.actor!.userId);
      const idNumber = await deps.users.idNumberOf(user.id);
      if (!idNumber) throw new ForbiddenError('account_without_id_number', 'This account has no ID number');
      const person = { userId: user.id, idNumber };
      if (!actingFor) return { kind: 'person', key: idNumber, name: user.displayName, ...person };
      const creditCode = actingFor.normalize('NFKC').trim().toUpperCase();
      const link = await findLink(deps.database.db, user.id, creditCode);
      const company = link
        ? await deps.registry.service.get('legal_person', creditCode).catch(() => null)
        : null;
      if (!link || !company || company.values.legal_rep_id_number !== idNumber)
        return deps.audit.deny(
          ctx,
          {
            targetType: 'legal_person',
            targetId: creditCode.slice(0, 40),
            detail: { code: 'not_your_company' },
          },
          new ForbiddenError('not_your_company', 'You do not act for this company'),
        );
      return { kind: 'company', key: creditCode, name: company.values.name ?? link.companyName, ...person };
    },
  };
}
export type SubjectService = ReturnType<typeof createSubjectService>;
