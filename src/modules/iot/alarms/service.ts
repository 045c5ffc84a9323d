// STUB (issue 16 skeleton): the alarms area replaces this file.
import type { Database } from '../../../core/db.ts';
import type { Logger } from '../../../core/logger.ts';
import type { AuditService } from '../../audit/index.ts';
import type { EventsModule } from '../../events/index.ts';
import type { DeviceService } from '../devices/service.ts';
import type { StoredBatch } from '../ports.ts';
import type { ProfileService } from '../profiles/service.ts';
import type { RuleService } from '../rules/service.ts';

export type AlarmDeps = {
  database: Database;
  audit: AuditService;
  devices: DeviceService;
  profiles: ProfileService;
  rules: RuleService;
  events: Pick<EventsModule, 'intake' | 'handle' | 'categories'>;
  logger: Logger;
  now: () => Date;
};

/** Alarms: the rules applied to each stored batch, the lifecycle, cases opened, and the push to consoles. */
export function createAlarmService(_deps: AlarmDeps) {
  return {
    /** Applies the rules to a committed batch. */
    async evaluate(_batch: StoredBatch): Promise<void> {},
    /** Raises "no data" alarms and marks silent devices offline (run every minute). */
    async checkOffline(): Promise<void> {},
    /** A case opened by an alarm closed: the alarm is acknowledged. */
    async onCaseClosed(_number: string): Promise<void> {},
  };
}
export type AlarmService = ReturnType<typeof createAlarmService>;
