import type { Ctx } from '../../../core/context.ts';
import { ForbiddenError } from '../../../core/errors.ts';
import type { CitizenSources } from '../services.ts';

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
export function createSubjectService(deps: Pick<CitizenSources, 'users' | 'registry'>) {
  return {
    /** The subject of a request; ForbiddenError for an account without an ID number or a company not theirs. */
    async resolve(ctx: Ctx, actingFor?: string | null): Promise<CitizenSubject> {
      const user = await deps.users.get(ctx, ctx.actor!.userId);
      // The account's view masks the ID number; the registries are looked up by the whole one.
      const idNumber = await deps.users.idNumberOf(user.id);
      if (!idNumber) throw new ForbiddenError('no_id_number', 'This account has no ID number');
      if (actingFor) throw new ForbiddenError('not_your_company', 'You do not act for this company');
      return { kind: 'person', key: idNumber, name: user.displayName, userId: user.id, idNumber };
    },
  };
}
export type SubjectService = ReturnType<typeof createSubjectService>;
