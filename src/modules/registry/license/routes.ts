import { z } from 'zod';
import type { App } from '../../../core/http.ts';
import { registryPolicy } from '../policy.ts';
import {
  license,
  licenseIdParam,
  licenseIssue,
  licensePage,
  licenseQuery,
  licenseTypeOption,
  licenseViewQuery,
  revokeBody,
  verification,
  verifyQuery,
} from './contract.ts';
import type { LicenseService } from './service.ts';

/**
 * E-license API: issue, list, read, revoke, a citizen's own licenses, and the public verification. Department
 * users act for their own department only; the service checks which one.
 */
export function licenseRoutes(service: LicenseService) {
  return async (app: App) => {
    const tags = ['licenses'];
    app.post(
      '/api/registry/licenses',
      {
        config: { access: registryPolicy.issueLicenses },
        schema: { summary: '签发电子证照', tags, body: licenseIssue, response: { 201: license } },
      },
      async (req, reply) => reply.code(201).send(await service.issue(req.ctx, req.body)),
    );
    app.get(
      '/api/registry/licenses/types',
      {
        config: { access: registryPolicy.issueLicenses },
        schema: {
          tags,
          summary: 'The license types the caller may issue',
          response: { 200: z.array(licenseTypeOption) },
        },
      },
      (req) => service.types(req.ctx),
    );
    app.get(
      '/api/registry/licenses',
      {
        config: { access: registryPolicy.readLicenses },
        schema: { summary: '查询电子证照', tags, querystring: licenseQuery, response: { 200: licensePage } },
      },
      (req) => service.list(req.ctx, req.query),
    );
    // Any signed-in account: the service refuses those without an ID number on their account.
    app.get(
      '/api/registry/licenses/mine',
      {
        config: { access: 'authenticated' },
        schema: { summary: '我的电子证照', tags, response: { 200: z.array(license) } },
      },
      (req) => service.mine(req.ctx),
    );
    app.get(
      '/api/registry/licenses/:id',
      {
        config: { access: registryPolicy.readLicenses },
        schema: {
          summary: '查看电子证照',
          tags,
          params: licenseIdParam,
          querystring: licenseViewQuery,
          response: { 200: license },
        },
      },
      (req) => service.get(req.ctx, req.params.id, req.query),
    );
    app.post(
      '/api/registry/licenses/:id/revoke',
      {
        config: { access: registryPolicy.issueLicenses },
        schema: {
          summary: '注销电子证照',
          tags,
          params: licenseIdParam,
          body: revokeBody,
          response: { 200: license },
        },
      },
      (req) => service.revoke(req.ctx, req.params.id, req.body.reason),
    );
    app.get(
      '/api/public/licenses/verify',
      {
        config: { access: 'public', rateLimit: 'verify' },
        schema: { summary: '核验电子证照', tags, querystring: verifyQuery, response: { 200: verification } },
      },
      (req) => service.verify(req.query),
    );
  };
}
