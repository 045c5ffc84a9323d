import { z } from 'zod';
import type { App } from '../../core/http.ts';
import { auditPage, auditQuery, verifyResult } from './contract.ts';
import { auditPolicy } from './policy.ts';
import type { AuditService } from './service.ts';

/** Reading and verifying the audit log: admins and stewards read it, admins verify it. */
export function auditRoutes(service: AuditService) {
  return async (app: App) => {
    app.get(
      '/api/audit',
      {
        config: { access: auditPolicy.read },
        schema: { tags: ['audit'], querystring: auditQuery, response: { 200: auditPage } },
      },
      (req) => service.list(req.ctx, req.query),
    );
    app.get(
      '/api/audit/actions',
      {
        config: { access: auditPolicy.read },
        schema: { tags: ['audit'], response: { 200: z.array(z.string()) } },
      },
      () => service.actions(),
    );
    app.get(
      '/api/audit/verify',
      {
        config: { access: auditPolicy.verify },
        schema: { tags: ['audit'], response: { 200: verifyResult } },
      },
      () => service.verify(),
    );
  };
}
