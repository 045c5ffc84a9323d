import { z } from 'zod';
import { lookupCtx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import type { App } from '../../../core/http.ts';
import type { CatalogService } from '../../catalog/index.ts';
import type { OrgService } from '../../org/index.ts';
import { buildShareOpenApi } from '../api/openapi.ts';
import { createShareRepository } from '../api/repository.ts';
import {
  dailyQuery,
  dailyUsage,
  openApiParam,
  outcomeUsage,
  recentCalls,
  recentCallsQuery,
  topConsumers,
  topConsumersQuery,
  usageChoices,
  usageFilter,
} from './contract.ts';
import { createUsageService } from './service.ts';

// Providers see who uses their resources and consumers their own calls (the service scopes them); center staff all.
const usageReaders = ['admin', 'steward', 'department_user'] as const;

/** The console's sharing routes of the API side: usage statistics and each resource's OpenAPI document. */
export function shareConsoleRoutes(deps: { database: Database; catalog: CatalogService; org: OrgService }) {
  const usage = createUsageService(deps);
  const repo = createShareRepository(deps.database);
  return async (app: App) => {
    const tags = ['sharing'];
    const config = { access: usageReaders };
    app.get(
      '/api/sharing/usage/choices',
      { config, schema: { tags, response: { 200: usageChoices } } },
      (req) => usage.choices(req.ctx),
    );
    app.get(
      '/api/sharing/usage/daily',
      { config, schema: { tags, querystring: dailyQuery, response: { 200: dailyUsage } } },
      (req) => usage.daily(req.ctx, req.query),
    );
    app.get(
      '/api/sharing/usage/outcomes',
      { config, schema: { tags, querystring: usageFilter, response: { 200: outcomeUsage } } },
      (req) => usage.outcomes(req.ctx, req.query),
    );
    app.get(
      '/api/sharing/usage/top-consumers',
      { config, schema: { tags, querystring: topConsumersQuery, response: { 200: topConsumers } } },
      (req) => usage.topConsumers(req.ctx, req.query),
    );
    app.get(
      '/api/sharing/usage/calls',
      { config, schema: { tags, querystring: recentCallsQuery, response: { 200: recentCalls } } },
      (req) => usage.recent(req.ctx, req.query),
    );
    app.get(
      '/api/sharing/resources/:resource/openapi.json',
      {
        config: { access: 'authenticated' },
        schema: { tags, params: openApiParam, response: { 200: z.record(z.string(), z.unknown()) } },
      },
      async (req) => {
        const resource = await deps.catalog.get(lookupCtx, req.params.resource);
        const departmentId = req.ctx.actor?.departmentId;
        const grant = departmentId ? await repo.liveGrantItems(resource.id, departmentId) : null;
        return buildShareOpenApi(resource, grant, `${req.protocol}://${req.host}`, req.lang);
      },
    );
  };
}
