import { z } from 'zod';
import type { App } from '../../core/http.ts';
import {
  classTreeNode,
  codeParam,
  diffQuery,
  resourceInput,
  resourcePage,
  resourceQuery,
  resourceUpdate,
  resourceView,
  versionDiff,
  versionEntry,
} from './contract.ts';
import { catalogPolicy } from './policy.ts';
import type { CatalogService } from './service.ts';

/** The catalog API. Resource codes contain a slash: send it encoded (101001%2F000001) or use the alias. */
export function catalogRoutes(service: CatalogService) {
  return async (app: App) => {
    const tags = ['catalog'];
    app.get(
      '/api/catalog/resources',
      {
        config: { access: catalogPolicy.read },
        schema: {
          summary: '查询资源目录',
          tags,
          querystring: resourceQuery,
          response: { 200: resourcePage },
        },
      },
      (req) => service.list(req.ctx, req.query),
    );
    app.get(
      '/api/catalog/classes',
      {
        config: { access: catalogPolicy.read },
        schema: { summary: '列出资源分类及各级资源数', tags, response: { 200: z.array(classTreeNode) } },
      },
      (req) => service.classTree(req.ctx, req.lang),
    );
    app.get(
      '/api/catalog/resources/:code',
      {
        config: { access: catalogPolicy.read },
        schema: { summary: '查看资源详情', tags, params: codeParam, response: { 200: resourceView } },
      },
      (req) => service.get(req.ctx, req.params.code),
    );
    app.post(
      '/api/catalog/resources',
      {
        config: { access: catalogPolicy.write },
        schema: { summary: '登记资源', tags, body: resourceInput, response: { 201: resourceView } },
      },
      async (req, reply) => reply.code(201).send(await service.create(req.ctx, req.body)),
    );
    app.put(
      '/api/catalog/resources/:code',
      {
        config: { access: catalogPolicy.write },
        schema: {
          summary: '修改资源',
          tags,
          params: codeParam,
          body: resourceUpdate.extend({ expectedVersion: z.number().int().positive().optional() }),
          response: { 200: resourceView },
        },
      },
      (req) => service.update(req.ctx, req.params.code, req.body),
    );
    app.get(
      '/api/catalog/resources/:code/versions',
      {
        config: { access: catalogPolicy.read },
        schema: {
          summary: '列出资源的历史版本',
          tags,
          params: codeParam,
          response: { 200: z.array(versionEntry) },
        },
      },
      (req) => service.versions(req.ctx, req.params.code, req.lang),
    );
    app.get(
      '/api/catalog/resources/:code/diff',
      {
        config: { access: catalogPolicy.read },
        schema: {
          summary: '比较资源的两个版本',
          tags,
          params: codeParam,
          querystring: diffQuery,
          response: { 200: versionDiff },
        },
      },
      (req) => service.diff(req.ctx, req.params.code, req.query.from, req.query.to),
    );
  };
}
