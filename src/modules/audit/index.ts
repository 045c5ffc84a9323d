import type { Db } from '../../core/db.ts';
import { auditRoutes } from './routes.ts';
import { createAuditService } from './service.ts';

export type { AuditEvent, AuditService } from './service.ts';
export type { TargetNamer } from './target-names.ts';

/** The audit log module: every write and personal-data read is recorded here. */
export function createAuditModule(deps: { db: Db; dataDir: string }) {
  const service = createAuditService(deps);
  return { service, routes: auditRoutes(service) };
}
