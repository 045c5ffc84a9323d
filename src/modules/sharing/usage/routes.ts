import type { App } from '../../../core/http.ts';
import { sharingPolicy } from '../policy.ts';
import {
  dailyQuery,
  dailyUsage,
  outcomeUsage,
  recentCalls,
  recentCallsQuery,
  topConsumers,
  topConsumersQuery,
  usageChoices,
  usageFilter,
} from './contract.ts';
import type { UsageService } from './service.ts';

/** The console's usage statistics of the sharing API (the service scopes each caller to the calls it may see). */
export function usageRoutes(usage: UsageService) {
  return async (app: App) => {
    const tags = ['sharing'];
    const config = { access: sharingPolicy.readUsage };
    app.get(
      '/api/sharing/usage/choices',
      { config, schema: { summary: '共享调用统计的筛选项', tags, response: { 200: usageChoices } } },
      (req) => usage.choices(req.ctx),
    );
    app.get(
      '/api/sharing/usage/daily',
      {
        config,
        schema: {
          summary: '共享调用的每日统计',
          tags,
          querystring: dailyQuery,
          response: { 200: dailyUsage },
        },
      },
      (req) => usage.daily(req.ctx, req.query),
    );
    app.get(
      '/api/sharing/usage/outcomes',
      {
        config,
        schema: {
          summary: '共享调用的结果统计',
          tags,
          querystring: usageFilter,
          response: { 200: outcomeUsage },
        },
      },
      (req) => usage.outcomes(req.ctx, req.query),
    );
    app.get(
      '/api/sharing/usage/top-consumers',
      {
        config,
        schema: {
          summary: '调用最多的使用方',
          tags,
          querystring: topConsumersQuery,
          response: { 200: topConsumers },
        },
      },
      (req) => usage.topConsumers(req.ctx, req.query),
    );
    app.get(
      '/api/sharing/usage/calls',
      {
        config,
        schema: {
          summary: '最近的共享调用',
          tags,
          querystring: recentCallsQuery,
          response: { 200: recentCalls },
        },
      },
      (req) => usage.recent(req.ctx, req.query),
    );
  };
}
