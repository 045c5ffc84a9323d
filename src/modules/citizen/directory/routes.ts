import type { App } from '../../../core/http.ts';
import { citizenPolicy } from '../policy.ts';
import {
  adminNoticesQuery,
  adminServicesQuery,
  directoryIdParam,
  directoryService,
  notice,
  noticeInput,
  noticePage,
  noticesQuery,
  serviceInput,
  servicePage,
  servicesQuery,
} from './contract.ts';
import type { DirectoryServiceApi } from './service.ts';

/**
 * The services directory and the notices. Reading them is public: they are the district's published information
 * (政务公开), hold nothing personal, and a visitor may look up where to do something before having an account. The
 * center's staff keep them under /api/citizen/admin.
 */
export function directoryRoutes(s: DirectoryServiceApi) {
  return async (app: App) => {
    const tags = ['citizen'];
    app.get(
      '/api/citizen/services',
      {
        config: { access: 'public' },
        schema: { summary: '办事指南', tags, querystring: servicesQuery, response: { 200: servicePage } },
      },
      (req) => s.services(req.query),
    );
    app.get(
      '/api/citizen/services/:id',
      {
        config: { access: 'public' },
        schema: { summary: '服务事项', tags, params: directoryIdParam, response: { 200: directoryService } },
      },
      (req) => s.service(req.params.id),
    );
    app.get(
      '/api/citizen/notices',
      {
        config: { access: 'public' },
        schema: { summary: '通知公告', tags, querystring: noticesQuery, response: { 200: noticePage } },
      },
      (req) => s.notices(req.query),
    );
    app.get(
      '/api/citizen/notices/:id',
      {
        config: { access: 'public' },
        schema: { summary: '公告详情', tags, params: directoryIdParam, response: { 200: notice } },
      },
      (req) => s.notice(req.params.id),
    );

    const access = citizenPolicy.publish;
    app.get(
      '/api/citizen/admin/services',
      {
        config: { access },
        schema: {
          summary: '服务事项管理列表',
          tags,
          querystring: adminServicesQuery,
          response: { 200: servicePage },
        },
      },
      (req) => s.adminServices(req.ctx, req.query),
    );
    app.get(
      '/api/citizen/admin/services/:id',
      {
        config: { access },
        schema: {
          summary: '查看服务事项',
          tags,
          params: directoryIdParam,
          response: { 200: directoryService },
        },
      },
      (req) => s.adminService(req.ctx, req.params.id),
    );
    app.post(
      '/api/citizen/admin/services',
      {
        config: { access },
        schema: { summary: '新增服务事项', tags, body: serviceInput, response: { 201: directoryService } },
      },
      async (req, reply) => reply.code(201).send(await s.createService(req.ctx, req.body)),
    );
    app.put(
      '/api/citizen/admin/services/:id',
      {
        config: { access },
        schema: {
          summary: '修改服务事项',
          tags,
          params: directoryIdParam,
          body: serviceInput,
          response: { 200: directoryService },
        },
      },
      (req) => s.updateService(req.ctx, req.params.id, req.body),
    );
    app.delete(
      '/api/citizen/admin/services/:id',
      { config: { access }, schema: { summary: '删除服务事项', tags, params: directoryIdParam } },
      async (req, reply) => {
        await s.deleteService(req.ctx, req.params.id);
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/citizen/admin/notices',
      {
        config: { access },
        schema: {
          summary: '公告管理列表',
          tags,
          querystring: adminNoticesQuery,
          response: { 200: noticePage },
        },
      },
      (req) => s.adminNotices(req.ctx, req.query),
    );
    app.get(
      '/api/citizen/admin/notices/:id',
      {
        config: { access },
        schema: { summary: '查看公告', tags, params: directoryIdParam, response: { 200: notice } },
      },
      (req) => s.adminNotice(req.ctx, req.params.id),
    );
    app.post(
      '/api/citizen/admin/notices',
      {
        config: { access },
        schema: { summary: '新建公告（草稿）', tags, body: noticeInput, response: { 201: notice } },
      },
      async (req, reply) => reply.code(201).send(await s.createNotice(req.ctx, req.body)),
    );
    app.put(
      '/api/citizen/admin/notices/:id',
      {
        config: { access },
        schema: {
          summary: '修改公告',
          tags,
          params: directoryIdParam,
          body: noticeInput,
          response: { 200: notice },
        },
      },
      (req) => s.updateNotice(req.ctx, req.params.id, req.body),
    );
    app.post(
      '/api/citizen/admin/notices/:id/publish',
      {
        config: { access },
        schema: { summary: '发布公告', tags, params: directoryIdParam, response: { 200: notice } },
      },
      (req) => s.setPublished(req.ctx, req.params.id, true),
    );
    app.post(
      '/api/citizen/admin/notices/:id/unpublish',
      {
        config: { access },
        schema: { summary: '撤回公告', tags, params: directoryIdParam, response: { 200: notice } },
      },
      (req) => s.setPublished(req.ctx, req.params.id, false),
    );
    app.delete(
      '/api/citizen/admin/notices/:id',
      { config: { access }, schema: { summary: '删除公告', tags, params: directoryIdParam } },
      async (req, reply) => {
        await s.deleteNotice(req.ctx, req.params.id);
        return reply.code(204).send();
      },
    );
  };
}
