import type { Ctx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import type { Logger } from '../../../core/logger.ts';
import type { AuditService } from '../../audit/index.ts';
import type { EventsModule } from '../../events/index.ts';
import type { DeviceService } from '../devices/service.ts';
import { seesWholeDistrict } from '../policy.ts';
import { type Severity, type StoredBatch, severities } from '../ports.ts';
import type { ProfileService } from '../profiles/service.ts';
import type { RuleService } from '../rules/service.ts';
import type { Alarm, AlarmQuery } from './contract.ts';
import { createAlarmEngine } from './engine.ts';
import { createAlarmLifecycle } from './lifecycle.ts';
import * as period from './period-repository.ts';
import * as repo from './repository.ts';
import { createAlarmStream } from './stream.ts';
import { alarmView, publicView } from './views.ts';

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
export function createAlarmService(deps: AlarmDeps) {
  const { database, logger } = deps;
  const db = database.db;
  const engine = createAlarmEngine(deps);
  const stream = createAlarmStream({
    database,
    logger,
    read: async (ids) => (await repo.alarmsById(db, ids)).map(alarmView),
  });
  const lifecycle = createAlarmLifecycle({ ...deps, stream });

  return {
    /** The push to consoles (server-sent events). */
    stream,

    /** Applies the rules to a committed batch. Cases and pushes follow without holding up the batch. */
    async evaluate(batch: StoredBatch): Promise<void> {
      const { written } = await engine.evaluate(batch);
      lifecycle.followUp(written);
    },

    /** Raises "no data" alarms and marks silent devices offline (run every minute). */
    checkOffline: () => lifecycle.checkOffline(),

    /** A case opened by an alarm closed: the alarm is acknowledged. */
    onCaseClosed: (number: string) => lifecycle.onCaseClosed(number),

    /** Acknowledges an alarm. */
    acknowledge: (ctx: Ctx, id: number) => lifecycle.acknowledge(ctx, id),

    /** Clears an alarm by hand. */
    clear: (ctx: Ctx, id: number) => lifecycle.clear(ctx, id),

    /** Resolves once the work started after commits (cases, case notes, pushes) is done (tests, shutdown). */
    idle: () => lifecycle.idle(),

    /**
     * For the operations screen, whose own policy says who sees it (so not limited to the caller's department): the
     * alarms of these ids that exist, with their devices' departments.
     */
    async byIds(ids: number[]): Promise<(Alarm & { departmentId: number })[]> {
      return (await repo.alarmsById(db, [...new Set(ids)])).map(alarmView);
    },

    /** One page of the alarms the caller may see, newest first. */
    async list(ctx: Ctx, q: AlarmQuery): Promise<{ items: Alarm[]; total: number }> {
      const page = await repo.listAlarms(
        db,
        {
          status: q.status,
          ...(q.severity && { severity: q.severity }),
          ...(q.device && { deviceCode: q.device }),
          ...(q.profile && { profileCode: q.profile }),
          ...(!seesWholeDistrict(ctx.actor) && { departmentId: ctx.actor?.departmentId ?? -1 }),
        },
        q,
      );
      return { items: page.items.map((j) => publicView(alarmView(j))), total: page.total };
    },

    /**
     * The alarms raised in [start, end) in the whole district (for the operations center's briefings; the caller
     * checks who may read them): by severity, by device profile, and the device and rule pairs raising the most.
     */
    async periodSummary(q: { start: Date; end: Date; top?: number }): Promise<AlarmPeriodSummary> {
      const [rows, repeated] = await Promise.all([
        period.raisedIn(db, q.start, q.end),
        period.mostRepeatedIn(db, q.start, q.end, q.top ?? 5),
      ]);
      const bySeverity = Object.fromEntries(severities.map((s) => [s, 0])) as Record<Severity, number>;
      const byProfile = new Map<string, { profileCode: string; profileName: string; raised: number }>();
      for (const r of rows) {
        if (r.severity in bySeverity) bySeverity[r.severity as Severity] += r.raised;
        const p = byProfile.get(r.profile_code) ?? {
          profileCode: r.profile_code,
          profileName: r.profile_name ?? r.profile_code,
          raised: 0,
        };
        byProfile.set(r.profile_code, { ...p, raised: p.raised + r.raised });
      }
      return {
        raised: rows.reduce((sum, r) => sum + r.raised, 0),
        bySeverity,
        byProfile: [...byProfile.values()].sort(
          (a, b) => b.raised - a.raised || a.profileCode.localeCompare(b.profileCode),
        ),
        mostRepeated: repeated.map((r) => ({
          deviceCode: r.device_code,
          deviceName: r.device_name,
          profileName: r.profile_name,
          ruleName: r.rule_name,
          severity: r.severity,
          raised: r.raised,
          lastStartedAt: r.last_started_at,
        })),
      };
    },

    /** The newest alarms the caller may see, newest first: the device's code, name and subdistrict, the rule. */
    async newest(ctx: Ctx, limit = 30) {
      const rows = await repo.newestAlarms(db, limit, scopeOf(ctx));
      return rows.map((r) => ({ ...r, ruleName: r.ruleName ?? '' }));
    },

    /** The active alarms the caller may see with their device's place, newest first (at most `limit`). */
    async activeOnMap(ctx: Ctx, limit = 2000) {
      return repo.activeAlarmPoints(db, limit, scopeOf(ctx));
    },

    /** Alarms started per China-local day (YYYY-MM-DD) since `since`, of the devices the caller may see. */
    async perDay(ctx: Ctx, since: Date): Promise<{ day: string; count: number }[]> {
      return repo.alarmsPerDay(db, since, scopeOf(ctx));
    },
  };
}

/** The department a caller's alarms are limited to: none for those who see the whole district. */
function scopeOf(ctx: Ctx): number | undefined {
  return seesWholeDistrict(ctx.actor) ? undefined : (ctx.actor?.departmentId ?? -1);
}
export type AlarmService = ReturnType<typeof createAlarmService>;

/** The alarms raised in a period (see periodSummary). */
export type AlarmPeriodSummary = {
  raised: number;
  bySeverity: Record<Severity, number>;
  byProfile: { profileCode: string; profileName: string; raised: number }[];
  mostRepeated: {
    deviceCode: string;
    deviceName: string;
    profileName: string | null;
    ruleName: string | null;
    severity: string;
    raised: number;
    lastStartedAt: string;
  }[];
};
