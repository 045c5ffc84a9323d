import { z } from 'zod';
import type { App } from '../core/http.ts';
import type { Modules } from './modules.ts';

/** The console home page's counts, drawn from several modules' services. */
export function overviewRoutes(modules: Modules) {
  return async (app: App) => {
    app.get(
      '/api/overview',
      {
        config: { access: 'authenticated' },
        schema: {
          summary: '首页概况',
          tags: ['system'],
          response: { 200: z.record(z.string(), z.number()) },
        },
      },
      async () => {
        const [org, users, auditEntries, resources] = await Promise.all([
          modules.org.service.stats(),
          modules.accounts.users.count(),
          modules.audit.service.count(),
          modules.catalog.service.count(),
        ]);
        return { ...org, users, resources, auditEntries };
      },
    );
  };
}
