import type { Db } from '../../../core/db.ts';
import type { AuditService } from '../../audit/index.ts';
import type { OrgService } from '../../org/index.ts';
import type { ProfileService } from '../profiles/service.ts';

/** What the device registry's parts are given. */
export type DeviceDeps = {
  db: Db;
  audit: AuditService;
  org: OrgService;
  profiles: ProfileService;
  /** Whether a city component code is in the component registry. */
  componentExists: (code: string) => Promise<boolean>;
  now: () => Date;
};
