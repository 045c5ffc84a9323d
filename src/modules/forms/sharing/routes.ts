import type { FastifyReply } from 'fastify';
import type { App } from '../../../core/http.ts';
import { RetryLaterError } from '../../sharing/index.ts';
import { sharedFormParam, sharedSubmissions, sharedSubmissionsQuery } from './contract.ts';
import type { FormShareService } from './service.ts';

/** Adds Retry-After to a 429 (rate limit, quota) before the error handler writes the problem document. */
async function answer<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RetryLaterError) reply.header('retry-after', String(error.retryAfter));
    throw error;
  }
}

/**
 * Form submissions through the sharing API (access 'credential': the caller's department's sharing credential,
 * `Authorization: Bearer <keyId>.<secret>`, not a session).
 */
export function formShareRoutes(s: FormShareService) {
  return async (app: App) => {
    app.get(
      '/api/share/forms/:code/submissions',
      {
        config: { access: 'credential' },
        schema: {
          summary: '共享接口：本部门收到的表单提交（按游标增量获取）',
          description:
            'For a receiving department of the form: its submissions oldest first, `limit` (1–500, default 100) at a time. Pass the answer’s `next` as `since` to get what came after; `hasMore` says more are waiting. Authenticated by any live sharing credential of the department; each call counts against that grant’s rate limit and quota and is logged.',
          tags: ['share'],
          security: [{ shareKey: [] }],
          params: sharedFormParam,
          querystring: sharedSubmissionsQuery,
          response: { 200: sharedSubmissions },
        },
      },
      (req, reply) =>
        answer(reply, () =>
          s.submissions({
            authorization: req.headers.authorization,
            ip: req.ip ?? null,
            code: req.params.code,
            query: req.query as Record<string, string | string[] | undefined>,
          }),
        ),
    );
  };
}
