import type { App } from '../../../core/http.ts';
import { citizenPolicy } from '../policy.ts';
import type { CitizenServices } from '../services.ts';
import { companyLinkBody, creditCodeParam, linkedCompanies, linkedCompany } from './contract.ts';

/** The companies a resident acts for: list, link (as their legal representative), unlink. */
export function companyRoutes(s: CitizenServices) {
  return async (app: App) => {
    const tags = ['citizen'];
    const access = { access: citizenPolicy.resident };
    app.get(
      '/api/citizen/companies',
      {
        config: access,
        schema: { summary: '我关联的企业（逐一按法人库复核）', tags, response: { 200: linkedCompanies } },
      },
      (req) => s.companies.list(req.ctx),
    );
    app.post(
      '/api/citizen/companies',
      {
        config: access,
        schema: {
          summary: '关联企业（法人库中的法定代表人须为本人）',
          tags,
          description:
            '201 when linked now, 200 when it was linked already; 403 not_legal_representative for any company the legal-person registry does not name the resident as legal representative of (an unknown code included).',
          body: companyLinkBody,
          response: { 200: linkedCompany, 201: linkedCompany },
        },
      },
      async (req, reply) => {
        const { created, company } = await s.companies.link(req.ctx, req.body.creditCode);
        return reply.code(created ? 201 : 200).send(company);
      },
    );
    app.delete(
      '/api/citizen/companies/:creditCode',
      {
        config: access,
        schema: { summary: '取消关联企业', tags, params: creditCodeParam },
      },
      async (req, reply) => {
        await s.companies.unlink(req.ctx, req.params.creditCode);
        return reply.code(204).send();
      },
    );
  };
}
