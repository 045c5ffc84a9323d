// STUB (issue 16 skeleton): the rules area replaces this file.
import type { Db } from '../../../core/db.ts';
import type { AuditService } from '../../audit/index.ts';
import type { DeviceRef } from '../ports.ts';
import type { ProfileService } from '../profiles/service.ts';
import type { rules } from '../schema.ts';

export type Rule = typeof rules.$inferSelect;

/** Alarm rules of profiles and devices: edited by the center, read (cached) by the alarm engine. */
export function createRuleService(_deps: {
  db: Db;
  audit: AuditService;
  profiles: ProfileService;
  now: () => Date;
}) {
  return {
    /** The enabled rules that apply to a device: its profile's and its own. */
    async rulesFor(_device: DeviceRef): Promise<Rule[]> {
      return [];
    },
  };
}
export type RuleService = ReturnType<typeof createRuleService>;
