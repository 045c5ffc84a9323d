import type { App } from '../../../core/http.ts';
import { formIdParam } from '../definitions/contract.ts';
import { formsPolicy } from '../policy.ts';
import { exportQuery, inboxDetail, inboxPage, inboxQuery, submissionIdParam } from './contract.ts';
import type { InboxService } from './service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The receiving departments' inbox: the list, one submission (marks it read), the XLSX export of a form's. */
export function inboxRoutes(s: InboxService) {
  return async (app: App) => {
    const tags = ['forms'];
    const access = formsPolicy.manage;
    app.get(
      '/api/forms/inbox',
      {
        config: { access },
        schema: { summary: '表单收件箱', tags, querystring: inboxQuery, response: { 200: inboxPage } },
      },
      (req) => s.list(req.ctx, req.query),
    );
    app.get(
      '/api/forms/inbox/:submissionId',
      {
        config: { access },
        schema: {
          summary: '查看一份提交（接收部门查看原文并标记已读）',
          tags,
          params: submissionIdParam,
          response: { 200: inboxDetail },
        },
      },
      (req) => s.detail(req.ctx, req.params.submissionId),
    );
    app.get(
      '/api/forms/:id/submissions.xlsx',
      {
        config: { access },
        schema: { summary: '导出表单提交（XLSX）', tags, params: formIdParam, querystring: exportQuery },
      },
      async (req, reply) => {
        const file = await s.exportXlsx(req.ctx, req.params.id, req.query, req.lang);
        return reply
          .type(XLSX)
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .header('cache-control', 'no-store')
          .send(file.stream);
      },
    );
  };
}
