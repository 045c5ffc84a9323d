import type { App } from '../../../core/http.ts';
import { citizenPolicy } from '../policy.ts';
import type { CitizenServices } from '../services.ts';
import { myObjection, myObjections, objectionBody, profile } from './contract.ts';

/** The acting-for header the app sends when the resident acts for a company. */
const actingFor = (headers: Record<string, string | string[] | undefined>) => {
  const value = headers['x-acting-for'];
  return Array.isArray(value) ? value[0] : value;
};

/** "My information": the resident's own registry entry, and objections to it. */
export function profileRoutes(s: CitizenServices) {
  return async (app: App) => {
    const tags = ['citizen'];
    const access = { access: citizenPolicy.resident };
    app.get(
      '/api/citizen/profile',
      {
        config: access,
        schema: {
          summary: '我的信息：基础库中本人（或所代表企业）的信息及其来源',
          tags,
          description:
            'Always the caller’s own entry: the population entry of their ID number, or, with x-acting-for, the legal-person entry of a company they represent. Audited.',
          response: { 200: profile },
        },
      },
      (req) => s.profile.get(req.ctx, actingFor(req.headers)),
    );
    app.get(
      '/api/citizen/profile/objections',
      {
        config: access,
        schema: { summary: '我提出的数据纠错及部门答复', tags, response: { 200: myObjections } },
      },
      (req) => s.profile.objections(req.ctx, actingFor(req.headers)),
    );
    app.post(
      '/api/citizen/profile/objections',
      {
        config: access,
        schema: {
          summary: '这条信息有误：向数据来源部门提出纠错',
          tags,
          body: objectionBody,
          response: { 201: myObjection },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await s.profile.raise(req.ctx, actingFor(req.headers), req.body)),
    );
  };
}
