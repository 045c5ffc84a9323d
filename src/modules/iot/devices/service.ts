// STUB (issue 16 skeleton): the devices area replaces this file.
import type { Db } from '../../../core/db.ts';
import type { AuditService } from '../../audit/index.ts';
import type { OrgService } from '../../org/index.ts';
import type { DeviceRef } from '../ports.ts';
import type { ProfileService } from '../profiles/service.ts';

export type DeviceDeps = {
  db: Db;
  audit: AuditService;
  org: OrgService;
  profiles: ProfileService;
  /** Whether a city component code is in the component registry. */
  componentExists: (code: string) => Promise<boolean>;
  now: () => Date;
};

/** The device registry: register, import, edit, retire, tokens; and the data path's lookups. */
export function createDeviceService(_deps: DeviceDeps) {
  return {
    /** The device holding this access token, or null (unknown, or retired). */
    async authenticate(_token: string): Promise<DeviceRef | null> {
      return null;
    },
    /** A device by its code (a gateway names its devices so), or null. */
    async byCode(_code: string): Promise<DeviceRef | null> {
      return null;
    },
  };
}
export type DeviceService = ReturnType<typeof createDeviceService>;
