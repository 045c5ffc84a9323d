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
        schema: {
          summary: '查询审计日志',
          tags: ['audit'],
          querystring: auditQuery,
          response: { 200: auditPage },
        },
      },
      (req) => service.list(req.ctx, req.query),
    );
    app.get(
      '/api/audit/actions',
      {
        config: { access: auditPolicy.read },
        schema: { summary: '列出审计操作类型', tags: ['audit'], response: { 200: z.array(z.string()) } },
      },
      () => service.actions(),
    );
    app.get(
      '/api/audit/verify',
      {
        config: { access: auditPolicy.verify },
        schema: { summary: '校验审计日志哈希链', tags: ['audit'], response: { 200: verifyResult } },
      },
      () => service.verify(),
    );
  };
}
