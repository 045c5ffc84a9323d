import { z } from 'zod';
import type { Database } from '../core/db.ts';
import type { App } from '../core/http.ts';

/** Liveness and readiness: public, for load balancers and operators. */
export function systemRoutes(database: Database, version: string) {
  return async (app: App) => {
    app.get(
      '/api/health',
      {
        config: { access: 'public' },
        schema: {
          summary: '存活检查',
          tags: ['system'],
          response: { 200: z.object({ status: z.literal('ok') }) },
        },
      },
      async () => ({ status: 'ok' as const }),
    );
    const ready = z.object({
      status: z.enum(['ready', 'migrating']),
      version: z.string(),
      database: z.enum(['pglite', 'postgres']),
      migrations: z.object({ applied: z.number(), known: z.number(), latest: z.string().nullable() }),
    });
    app.get(
      '/api/ready',
      {
        config: { access: 'public' },
        schema: { summary: '就绪检查（数据库可用）', tags: ['system'], response: { 200: ready } },
      },
      async () => {
        const migrations = await database.migrationLevel();
        const status = migrations.applied >= migrations.known ? ('ready' as const) : ('migrating' as const);
        return { status, version, database: database.kind, migrations };
      },
    );
  };
}
