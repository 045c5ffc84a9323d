import type { App } from '../../core/http.ts';
import type { createApplyService } from './applications/apply.ts';
import type { createDecideService } from './applications/decide.ts';
import type { createApplicationReadService } from './applications/read.ts';
import {
  applicationDetail,
  applicationInput,
  applicationPage,
  applicationQuery,
  createdCredential,
  credential,
  credentialList,
  decisionInput,
  grantDetail,
  grantPage,
  grantQuery,
  idParam,
  limitsInput,
  markedCount,
  notification,
  notificationPage,
  notificationQuery,
  revokeInput,
  unreadCount,
  withdrawInput,
} from './contract.ts';
import type { CredentialService } from './grants/credential-service.ts';
import type { GrantService } from './grants/service.ts';
import type { NotificationService } from './notifications/service.ts';

// Departments act for themselves and center staff for all; the services check which records are whose.
const parties = ['admin', 'steward', 'department_user'] as const;
const center = ['admin', 'steward'] as const;

/** The services the console routes call. */
export type SharingServices = {
  apply: ReturnType<typeof createApplyService>;
  decide: ReturnType<typeof createDecideService>;
  applications: ReturnType<typeof createApplicationReadService>;
  grants: GrantService;
  credentials: CredentialService;
  notifications: NotificationService;
};

/** The console API of sharing: applications and decisions, grants, credentials, notifications. */
export function sharingRoutes(s: SharingServices) {
  return async (app: App) => {
    const tags = ['sharing'];
    const access = { access: parties };
    app.post(
      '/api/sharing/applications',
      { config: access, schema: { tags, body: applicationInput, response: { 201: applicationDetail } } },
      async (req, reply) => {
        const id = await s.apply.apply(req.ctx, req.body);
        return reply.code(201).send(await s.applications.get(req.ctx, id));
      },
    );
    app.get(
      '/api/sharing/applications',
      { config: access, schema: { tags, querystring: applicationQuery, response: { 200: applicationPage } } },
      (req) => s.applications.list(req.ctx, req.query),
    );
    app.get(
      '/api/sharing/applications/:id',
      { config: access, schema: { tags, params: idParam, response: { 200: applicationDetail } } },
      (req) => s.applications.get(req.ctx, req.params.id),
    );
    app.post(
      '/api/sharing/applications/:id/decide',
      {
        config: access,
        schema: { tags, params: idParam, body: decisionInput, response: { 200: applicationDetail } },
      },
      async (req) => s.applications.get(req.ctx, await s.decide.decide(req.ctx, req.params.id, req.body)),
    );
    app.post(
      '/api/sharing/applications/:id/withdraw',
      {
        config: access,
        schema: { tags, params: idParam, body: withdrawInput, response: { 200: applicationDetail } },
      },
      async (req) =>
        s.applications.get(req.ctx, await s.decide.withdraw(req.ctx, req.params.id, req.body.reason)),
    );

    app.get(
      '/api/sharing/grants',
      { config: access, schema: { tags, querystring: grantQuery, response: { 200: grantPage } } },
      (req) => s.grants.list(req.ctx, req.query),
    );
    app.get(
      '/api/sharing/grants/:id',
      { config: access, schema: { tags, params: idParam, response: { 200: grantDetail } } },
      (req) => s.grants.get(req.ctx, req.params.id),
    );
    app.post(
      '/api/sharing/grants/:id/revoke',
      {
        config: access,
        schema: { tags, params: idParam, body: revokeInput, response: { 200: grantDetail } },
      },
      (req) => s.grants.revoke(req.ctx, req.params.id, req.body.reason),
    );
    app.patch(
      '/api/sharing/grants/:id/limits',
      {
        config: { access: center },
        schema: { tags, params: idParam, body: limitsInput, response: { 200: grantDetail } },
      },
      (req) => s.grants.setLimits(req.ctx, req.params.id, req.body),
    );
    app.get(
      '/api/sharing/grants/:id/credentials',
      { config: access, schema: { tags, params: idParam, response: { 200: credentialList } } },
      (req) => s.credentials.list(req.ctx, req.params.id),
    );
    app.post(
      '/api/sharing/grants/:id/credentials',
      { config: access, schema: { tags, params: idParam, response: { 201: createdCredential } } },
      async (req, reply) => reply.code(201).send(await s.credentials.create(req.ctx, req.params.id)),
    );
    app.post(
      '/api/sharing/credentials/:id/revoke',
      { config: access, schema: { tags, params: idParam, response: { 200: credential } } },
      (req) => s.credentials.revoke(req.ctx, req.params.id),
    );

    app.get(
      '/api/sharing/notifications',
      {
        config: access,
        schema: { tags, querystring: notificationQuery, response: { 200: notificationPage } },
      },
      (req) => s.notifications.list(req.ctx, req.query),
    );
    app.get(
      '/api/sharing/notifications/unread-count',
      { config: access, schema: { tags, response: { 200: unreadCount } } },
      (req) => s.notifications.unread(req.ctx),
    );
    app.post(
      '/api/sharing/notifications/:id/read',
      { config: access, schema: { tags, params: idParam, response: { 200: notification } } },
      (req) => s.notifications.markRead(req.ctx, req.params.id),
    );
    app.post(
      '/api/sharing/notifications/read-all',
      { config: access, schema: { tags, response: { 200: markedCount } } },
      (req) => s.notifications.markAllRead(req.ctx),
    );
  };
}
