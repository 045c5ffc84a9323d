/**
 * An alarm's life beyond the engine: the case it opens (after its row is committed, never holding up the batch that
 * raised it), the note on that case when it clears, acknowledgement when the case closes, acknowledging and clearing
 * by hand, and the no-data check that marks silent devices offline.
 */
import { announceChangeIn } from '../../../core/changes.ts';
import { type Ctx, systemCtx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../core/errors.ts';
import { type Logger, logSafeError } from '../../../core/logger.ts';
import type { AuditService } from '../../audit/index.ts';
import type { EventsModule } from '../../events/index.ts';
import { mayHandleAlarm, mayReadDevice } from '../policy.ts';
import type { ProfileService } from '../profiles/service.ts';
import type { NodataParams } from '../rules/contract.ts';
import { nodataMessage } from '../rules/kinds.ts';
import type { RuleService } from '../rules/service.ts';
import type { Alarm } from './contract.ts';
import * as repo from './repository.ts';
import type { AlarmStream } from './stream.ts';
import { alarmView, publicView } from './views.ts';

/** Who the sensing layer is when it opens cases and writes on them. */
export function sensingCtx(): Ctx {
  const ctx = systemCtx('iot');
  return { ...ctx, actor: { ...ctx.actor!, displayName: '物联感知平台' } };
}

export type LifecycleDeps = {
  database: Database;
  audit: AuditService;
  profiles: ProfileService;
  rules: RuleService;
  events: Pick<EventsModule, 'intake' | 'handle'>;
  stream: AlarmStream;
  logger: Logger;
  now: () => Date;
};

/** Creates the lifecycle half of the alarm service. */
export function createAlarmLifecycle(deps: LifecycleDeps) {
  const { database, audit, rules, events, stream, logger } = deps;
  const db = database.db;
  // Work after a commit that the batch does not wait for; kept so that tests and shutdown can wait for it.
  const pending = new Set<Promise<unknown>>();

  function later(what: string, work: () => Promise<unknown>) {
    const job = work()
      .catch((err) => logger.warn({ err: logSafeError(err) }, `${what} failed`))
      .finally(() => pending.delete(job));
    pending.add(job);
  }

  /** Opens the case of a new alarm whose rule asks for one; stores its number on the alarm and pushes it. */
  async function openCase(alarmId: number) {
    if (!(await repo.claimForCase(db, alarmId))) return;
    try {
      const [joined] = await repo.alarmsById(db, [alarmId]);
      const rule = joined && (await rules.cached(joined.alarm.ruleId));
      if (!joined || !rule?.caseCategory) {
        await repo.setCaseNumber(db, alarmId, null);
        return;
      }
      const a = joined.alarm;
      const row = await events.intake.receive(
        sensingCtx(),
        'sensor',
        {
          content: `${a.message}。设备：${joined.deviceName}（${joined.deviceCode}），告警时间 ${a.startedAt.toISOString()}。`,
          title: `${rule.name}（${joined.deviceCode}）`,
          lng: joined.lng,
          lat: joined.lat,
          categoryCode: rule.caseCategory,
          urgency: a.severity === 'critical' ? 'urgent' : 'normal',
          dispatch: true,
          wantsReply: false,
          mediaUrls: [],
        },
        { autoDispatch: true },
      );
      await repo.setCaseNumber(db, alarmId, row.number);
      await stream.publish([alarmId]);
    } catch (err) {
      // The alarm keeps no case; a repeat of it tries again.
      await repo.setCaseNumber(db, alarmId, null).catch(() => {});
      throw err;
    }
  }

  /** Writes on the alarm's case that the alarm cleared. */
  async function noteCleared(caseNumber: string, message: string, by: string) {
    await events.handle.annotate(sensingCtx(), caseNumber, {
      action: 'alarm_cleared',
      note: `告警已消除（${by}）：${message}`,
    });
  }

  /** After alarms were written: push them, open the cases of new ones, note on the cases of cleared ones. */
  function followUp(written: repo.Written[]) {
    const byId = new Map(written.map((w) => [w.id, w]));
    if (!byId.size) return;
    later('alarm push', () => stream.publish([...byId.keys()]));
    for (const w of byId.values()) {
      if (!w.clearedAt && w.caseNumber === null)
        later('case opening', async () => {
          if ((await rules.cached(w.ruleId))?.caseCategory) await openCase(w.id);
        });
      if (w.clearedAt && w.caseNumber)
        later('case note', async () => {
          const [joined] = await repo.alarmsById(db, [w.id]);
          if (joined) await noteCleared(w.caseNumber!, joined.alarm.message, '设备恢复正常');
        });
    }
  }

  async function requireVisible(ctx: Ctx, id: number) {
    const [joined] = await repo.alarmsById(db, [id]);
    if (!joined || !mayReadDevice(ctx.actor, joined.departmentId)) throw new NotFoundError('alarm', id);
    if (!mayHandleAlarm(ctx.actor, joined.departmentId))
      await audit.deny(
        ctx,
        { targetType: 'iot_alarm', targetId: id },
        new ForbiddenError('alarm_other_department', "Only the device's department handles its alarms"),
      );
    return joined;
  }

  async function viewOf(id: number): Promise<Alarm> {
    const [joined] = await repo.alarmsById(db, [id]);
    return publicView(alarmView(joined!));
  }

  return {
    later,

    /** Resolves once the work started after commits (cases, notes, pushes) is done. */
    async idle() {
      while (pending.size) await Promise.all([...pending]);
    },

    followUp,

    /** Acknowledges an alarm (the device's department, or the center). */
    async acknowledge(ctx: Ctx, id: number): Promise<Alarm> {
      await requireVisible(ctx, id);
      await db.transaction(async (tx) => {
        const row = await repo.acknowledge(tx, id, deps.now(), ctx.actor?.displayName ?? 'system');
        if (!row) throw new ConflictError('alarm_already_acknowledged', 'The alarm is already acknowledged');
        await audit.record(tx, ctx, { action: 'iot.alarm.ack', targetType: 'iot_alarm', targetId: id });
      });
      later('alarm push', () => stream.publish([id]));
      return viewOf(id);
    },

    /** Clears an alarm by hand; its case, if any, is told. */
    async clear(ctx: Ctx, id: number): Promise<Alarm> {
      await requireVisible(ctx, id);
      const row = await db.transaction(async (tx) => {
        const row = await repo.clear(tx, id, deps.now());
        if (!row) throw new ConflictError('alarm_already_cleared', 'The alarm is already cleared');
        await audit.record(tx, ctx, { action: 'iot.alarm.clear', targetType: 'iot_alarm', targetId: id });
        return row;
      });
      later('alarm push', () => stream.publish([id]));
      if (row.caseNumber)
        later('case note', () =>
          noteCleared(row.caseNumber!, row.message, ctx.actor?.displayName ?? 'system'),
        );
      return viewOf(id);
    },

    /** A case closed: the alarms that opened it are acknowledged, by the case's closing. */
    async onCaseClosed(number: string): Promise<void> {
      try {
        const ids = await db.transaction(async (tx) => {
          const ids = await repo.acknowledgeByCase(tx, number, deps.now(), `case:${number}`);
          if (ids.length)
            await audit.recordMany(
              tx,
              ids.map((id) => ({
                ctx: sensingCtx(),
                event: {
                  action: 'iot.alarm.ack',
                  targetType: 'iot_alarm',
                  targetId: id,
                  detail: { case: number },
                },
              })),
            );
          return ids;
        });
        if (ids.length) later('alarm push', () => stream.publish(ids));
      } catch (err) {
        // Closing the case stands whatever happens here.
        logger.warn(
          { err: logSafeError(err), case: number },
          'acknowledging the alarms of a closed case failed',
        );
      }
    },

    /**
     * Devices silent for longer than their no-data rules allow (the rule's minutes, else the profile's offline time;
     * a device never seen counts from its registration) are marked offline and get a no-data alarm.
     */
    async checkOffline(): Promise<void> {
      const now = deps.now();
      const raised: repo.AlarmWrite[] = [];
      const silentIds = new Set<number>();
      for (const rule of await rules.enabledOfKind('nodata')) {
        const profileCode = rule.profileCode ?? (await repo.profileOfDevice(db, rule.deviceId!));
        const profile = profileCode ? await deps.profiles.find(profileCode) : undefined;
        if (!profile) continue;
        const minutes = (rule.params as NodataParams).minutes ?? profile.offlineMinutes;
        const scope = rule.deviceId !== null ? { deviceId: rule.deviceId } : { profileCode: profile.code };
        for (const d of await repo.silentDevices(db, scope, new Date(now.getTime() - minutes * 60_000))) {
          silentIds.add(d.id);
          raised.push({
            deviceId: d.id,
            ruleId: rule.id,
            subject: '',
            severity: rule.severity,
            message: nodataMessage(rule.name, d.code, minutes),
            startedAt: now,
            lastAt: now,
            count: 1,
            firstValue: null,
            lastValue: null,
            clearedAt: null,
          });
        }
      }
      if (!raised.length) return;
      const ids = await db.transaction(async (tx) => {
        if (await repo.markOffline(tx, [...silentIds])) await announceChangeIn(tx, 'devices');
        return repo.insertIfNone(tx, raised);
      });
      followUp(ids.map((r) => ({ ...r, inserted: true, caseNumber: null, clearedAt: null })));
    },
  };
}
export type AlarmLifecycle = ReturnType<typeof createAlarmLifecycle>;
