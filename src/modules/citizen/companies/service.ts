import { checkCreditCode } from '../../../core/cn-codes.ts';
import type { Ctx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import { ForbiddenError, InputError, NotFoundError } from '../../../core/errors.ts';
import type { AuditService } from '../../audit/index.ts';
import type { createRegistryModule } from '../../registry/index.ts';
import type { SubjectService } from '../subjects/service.ts';
import type { LinkedCompany } from './contract.ts';
import './messages.ts';
import * as repo from './repository.ts';

// The other modules' services it uses (named here, not through services.ts, which imports this file's type).
type Deps = {
  registry: Pick<ReturnType<typeof createRegistryModule>, 'service'>;
  audit: AuditService;
  database: Database;
  subjects: SubjectService;
  now?: () => Date;
};

/** A name as people write it: full-width folded, no spaces, one kind of middle dot. */
const sameName = (a: string, b: string) => {
  const norm = (s: string) =>
    s
      .normalize('NFKC')
      .replace(/\s+/g, '')
      .replace(/[·•・．.]/g, '·');
  return norm(a) === norm(b);
};

/**
 * The companies a resident acts for: linked when the legal-person registry names them as the legal
 * representative (their ID number and name), and checked again whenever they act for one (subjects/service.ts).
 */
export function createCompanyService(deps: Deps) {
  const { database, audit, registry, subjects } = deps;
  const now = deps.now ?? (() => new Date());

  /** The company's current legal-person entry, or null when the registry has none. */
  const companyOf = (creditCode: string) =>
    registry.service.get('legal_person', creditCode).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });

  /** The resident's name as the population registry has it (else their account's). */
  async function nameOf(idNumber: string, fallback: string) {
    const person = await registry.service.get('population', idNumber).catch(() => null);
    return person?.values.name ?? fallback;
  }

  return {
    /** The companies linked to the signed-in resident, each checked again against the registry. */
    async list(ctx: Ctx): Promise<LinkedCompany[]> {
      const me = await subjects.resolve(ctx, null);
      const links = await repo.findLinks(database.db, me.userId);
      const companies: LinkedCompany[] = [];
      for (const link of links) {
        const entity = await companyOf(link.creditCode);
        companies.push({
          creditCode: link.creditCode,
          name: entity?.values.name ?? link.companyName,
          status: entity?.values.status ?? null,
          represented: entity?.values.legal_rep_id_number === me.idNumber,
          linkedAt: link.linkedAt.toISOString(),
        });
      }
      return companies;
    },

    /**
     * Links a company when the legal-person registry names the resident as its legal representative (ID number
     * and name); one refusal, `not_legal_representative`, for any other company or an unknown code. Linking one
     * already linked changes nothing (`created` false).
     */
    async link(ctx: Ctx, creditCode: string): Promise<{ created: boolean; company: LinkedCompany }> {
      const problem = checkCreditCode(creditCode);
      if (problem)
        throw new InputError('invalid_input', 'Bad credit code', [{ field: 'creditCode', reason: problem }]);
      const me = await subjects.resolve(ctx, null);
      const entity = await companyOf(creditCode);
      const values = entity?.values ?? {};
      const represented =
        values.legal_rep_id_number === me.idNumber &&
        !!values.legal_rep_name &&
        sameName(values.legal_rep_name, await nameOf(me.idNumber, me.name));
      if (!represented)
        await audit.deny(
          ctx,
          { targetType: 'legal_person', targetId: creditCode, detail: { code: 'not_legal_representative' } },
          new ForbiddenError('not_legal_representative', 'You are not its legal representative'),
        );
      const name = values.name ?? creditCode;
      const created = await database.db.transaction(async (tx) => {
        const row = await repo.insertLink(tx, {
          userId: me.userId,
          creditCode,
          companyName: name,
          linkedAt: now(),
        });
        if (row)
          await audit.record(tx, ctx, {
            action: 'citizen.company_link',
            targetType: 'legal_person',
            targetId: creditCode,
            detail: { name },
          });
        return row;
      });
      const link = created ?? (await repo.findLink(database.db, me.userId, creditCode))!;
      return {
        created: !!created,
        company: {
          creditCode,
          name,
          status: values.status ?? null,
          represented: true,
          linkedAt: link.linkedAt.toISOString(),
        },
      };
    },

    /** Unlinks one of the resident's companies (404 when it is not linked). */
    async unlink(ctx: Ctx, creditCode: string) {
      const me = await subjects.resolve(ctx, null);
      await database.db.transaction(async (tx) => {
        const row = await repo.deleteLink(tx, me.userId, creditCode);
        if (!row) throw new NotFoundError('company_link', creditCode);
        await audit.record(tx, ctx, {
          action: 'citizen.company_unlink',
          targetType: 'legal_person',
          targetId: creditCode,
          detail: { name: row.companyName },
        });
      });
    },
  };
}

export type CompanyService = ReturnType<typeof createCompanyService>;
