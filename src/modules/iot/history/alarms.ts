/**
 * Importing past alarms (a demo district's month, a former platform's record): each worded as the engine words a
 * live one, inserted once (an alarm of the same device, rule, subject and start is there already: left alone), and,
 * where its rule opens cases and the caller says how the case went, with its case loaded into events as it was
 * handled then: received when the alarm started, dispatched by the rules, and so on; a closed case acknowledges its
 * alarm, as closing a live one does. The engine is not involved: past readings must not raise alarms now.
 */
import type { Ctx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import { InputError } from '../../../core/errors.ts';
import type { AuditService } from '../../audit/index.ts';
import { dueAt, type EventsModule, type ImportCase, type ImportStep } from '../../events/index.ts';
import { sensingCtx } from '../alarms/lifecycle.ts';
import type { DeviceService } from '../devices/service.ts';
import type { DeviceRef } from '../ports.ts';
import type { ProfileService } from '../profiles/service.ts';
import type { Rule, RuleService } from '../rules/service.ts';
import { pastAlarmText } from './alarm-text.ts';
import * as repo from './repository.ts';

/** How far the case of a past alarm came: its status and when it got to each step. */
export type PastCaseHandling = {
  status: 'dispatched' | 'accepted' | 'in_progress' | 'replied' | 'closed';
  acceptedAt?: Date | null;
  repliedAt?: Date | null;
  closedAt?: Date | null;
  reply?: string | null;
};

/** A past alarm of a device's rule. */
export type PastAlarm = {
  deviceCode: string;
  /** One of the device's rules (RuleService.rulesFor). */
  ruleId: number;
  /** A truck's plate for the overweight rule; '' (the default) for the others. */
  subject?: string;
  startedAt: Date;
  /** The last reading that kept it raised (default: the start), and how many readings did (default 1). */
  lastAt?: Date;
  count?: number;
  /**
   * The reading that raised it: a number (threshold, duration; rate: the change), each condition's value
   * (combination), the truck weighed (overweight: plate, axles, weight), null (no data). The last reading, the same.
   */
  reading: unknown;
  lastReading?: unknown;
  clearedAt: Date | null;
  /** Acknowledged by someone on duty (an alarm whose case closed is acknowledged by the case). */
  acknowledgedAt?: Date | null;
  acknowledgedBy?: string | null;
  /** Its case, when its rule opens cases; without one the alarm has none (as one that cleared at once). */
  handling?: PastCaseHandling;
};

/** What an import of alarms did: alarms inserted, left alone (there already), cases opened. */
export type AlarmsImported = { imported: number; skipped: number; cases: number };

type Checked = { alarm: PastAlarm; device: DeviceRef; rule: Rule; row: repo.PastAlarmRow };

const steps = ['dispatched', 'accepted', 'in_progress', 'replied', 'closed'] as const;

/** What the history import works with: the sensing layer's services, events' import and categories, the clock. */
export type HistoryDeps = {
  database: Database;
  audit: AuditService;
  devices: DeviceService;
  profiles: ProfileService;
  rules: RuleService;
  events: Pick<EventsModule, 'imports' | 'categories'>;
  now: () => Date;
};

/** Creates the alarms import. */
export function createAlarmsImport(deps: HistoryDeps) {
  const { database, audit, devices, profiles, rules, events } = deps;
  const db = database.db;

  /** The alarm checked against its device, rule and the clock, as it will be stored. */
  async function check(alarm: PastAlarm, index: number, now: Date): Promise<Checked> {
    const refuse = (field: string, reason: string): never => {
      throw new InputError('history_alarm_invalid', 'A past alarm is not valid', [
        { field: `alarms.${index}.${field}`, reason, params: { device: alarm.deviceCode } },
      ]);
    };
    const device = await devices.byCode(alarm.deviceCode);
    if (!device) return refuse('deviceCode', 'unknown_device');
    const rule = (await rules.rulesFor(device)).find((r) => r.id === alarm.ruleId);
    if (!rule) return refuse('ruleId', 'not_a_rule_of_the_device');
    const profile = await profiles.require(device.profileCode);
    const labels = new Map(profile.keys.map((k) => [k.key, { name: k.name, unit: k.unit ?? '' }]));
    const label = (key: string) => labels.get(key) ?? { name: key, unit: '' };
    const first = pastAlarmText(rule, device, label, alarm.reading, profile.offlineMinutes);
    const last = pastAlarmText(
      rule,
      device,
      label,
      alarm.lastReading ?? alarm.reading,
      profile.offlineMinutes,
    );
    if (!first || !last) return refuse('reading', 'not_raised');
    const lastAt = alarm.lastAt ?? alarm.startedAt;
    const times = [alarm.startedAt, lastAt, alarm.clearedAt].filter((t): t is Date => t !== null);
    if (
      times.some((t, i) => !(t instanceof Date) || Number.isNaN(t.getTime()) || (i > 0 && t < times[i - 1]!))
    )
      refuse('clearedAt', 'out_of_order');
    if (times.at(-1)! > now || (alarm.acknowledgedAt && alarm.acknowledgedAt > now))
      refuse('startedAt', 'future');
    if (alarm.acknowledgedAt && alarm.acknowledgedAt < alarm.startedAt)
      refuse('acknowledgedAt', 'out_of_order');
    if (alarm.handling) {
      if (!rule.caseCategory) refuse('handling', 'rule_opens_no_case');
      const h = alarm.handling;
      const reached = steps.indexOf(h.status);
      if (reached < 0) refuse('handling.status', 'invalid');
      // Each step the case reached has its time, in order, none later than now; a step not reached has none.
      const marks = [
        ['acceptedAt', h.acceptedAt, reached >= 1],
        ['repliedAt', h.repliedAt, reached >= 3],
        ['closedAt', h.closedAt, reached >= 4],
      ] as const;
      let previous = alarm.startedAt;
      for (const [field, at, needed] of marks) {
        if (needed !== (at != null)) refuse(`handling.${field}`, needed ? 'required' : 'not_reached');
        if (!at) continue;
        if (at < previous || at > now) refuse(`handling.${field}`, 'out_of_order');
        previous = at;
      }
    }
    return {
      alarm,
      device,
      rule,
      row: {
        deviceId: device.id,
        ruleId: rule.id,
        subject: alarm.subject ?? '',
        severity: rule.severity,
        message: first.message,
        startedAt: alarm.startedAt,
        lastAt,
        count: alarm.count ?? 1,
        firstValue: first.value,
        lastValue: last.value,
        clearedAt: alarm.clearedAt,
        acknowledgedAt: alarm.acknowledgedAt ?? null,
        acknowledgedBy: alarm.acknowledgedAt ? (alarm.acknowledgedBy ?? 'system') : null,
      },
    };
  }

  /** The case of an imported alarm, as intake and the department would have written it then. */
  async function caseOf(c: Checked): Promise<Omit<ImportCase, 'number'>> {
    const { alarm, device, rule, row } = c;
    const h = alarm.handling!;
    const category = await events.categories.require(rule.caseCategory!);
    const departmentId = await events.categories.route(category.code, device.subdistrictCode);
    const department = (await events.categories.departments()).byId.get(departmentId)?.name ?? '承办部门';
    const reached = steps.indexOf(h.status);
    const history: ImportStep[] = [];
    const step = (
      action: string,
      from: string | null,
      to: string,
      at: Date,
      actorName: string,
      note?: string,
    ) =>
      history.push({
        action,
        fromStatus: from,
        toStatus: to,
        actorName,
        departmentId,
        note: note ?? null,
        at,
      });
    step('receive', null, 'received', alarm.startedAt, '物联感知平台');
    step('dispatch', 'received', 'dispatched', alarm.startedAt, '物联感知平台', 'auto');
    if (reached >= 1) step('accept', 'dispatched', 'accepted', h.acceptedAt!, department);
    if (reached >= 2) step('start', 'accepted', 'in_progress', h.acceptedAt!, department);
    if (reached >= 3) step('reply', 'in_progress', 'replied', h.repliedAt!, department, h.reply ?? undefined);
    if (reached >= 4) step('close', 'replied', 'closed', h.closedAt!, '指挥中心');
    if (alarm.clearedAt) {
      // The note the sensing layer writes on a case when its alarm clears, among the steps by time.
      const status = [...history].reverse().find((s) => s.at <= alarm.clearedAt!)?.toStatus ?? 'dispatched';
      step(
        'alarm_cleared',
        status,
        status,
        alarm.clearedAt,
        '物联感知平台',
        `告警已消除（设备恢复正常）：${row.message}`,
      );
      history.sort((a, b) => a.at.getTime() - b.at.getTime());
    }
    return {
      channel: 'sensor',
      status: h.status,
      categoryCode: category.code,
      departmentId,
      content: `${row.message}。设备：${device.name}（${device.code}），告警时间 ${alarm.startedAt.toISOString()}。`,
      address: null,
      lng: device.lng,
      lat: device.lat,
      subdistrictCode: device.subdistrictCode,
      communityCode: device.communityCode,
      urgency: rule.severity === 'critical' ? 'urgent' : 'normal',
      receivedAt: alarm.startedAt,
      dueAt: dueAt(alarm.startedAt, category.timeLimit),
      dispatchedAt: alarm.startedAt,
      acceptedAt: reached >= 1 ? h.acceptedAt! : null,
      repliedAt: reached >= 3 ? h.repliedAt! : null,
      closedAt: reached >= 4 ? h.closedAt! : null,
      reply: reached >= 3 ? (h.reply ?? null) : null,
      satisfaction: null,
      reopenCount: 0,
      supervised: false,
      escalated: false,
      extensionRequest: null,
      suspendedAt: null,
      suspendedFrom: null,
      mergedInto: null,
      steps: history,
    };
  }

  return {
    /**
     * Imports past alarms; the ones already there (same device, rule, subject and start) are left alone, and so is
     * an active one whose device and rule have an active alarm now. Their cases are opened for the alarms inserted
     * only, so importing the same alarms again adds nothing. One alarm that could not have been raised as given
     * (unknown device, a rule not the device's, a reading that does not raise it, times out of order or to come)
     * refuses the whole import.
     */
    async importAlarms(ctx: Ctx, alarms: PastAlarm[]): Promise<AlarmsImported> {
      const now = deps.now();
      const checked: Checked[] = [];
      for (const [i, alarm] of alarms.entries()) checked.push(await check(alarm, i, now));
      const keyOf = (r: { deviceId: number; ruleId: number; subject: string; startedAt: Date }) =>
        `${r.deviceId}|${r.ruleId}|${r.subject}|${r.startedAt.getTime()}`;
      const inserted = await repo.insertPastAlarms(
        db,
        checked.map((c) => c.row),
      );
      const byKey = new Map(checked.map((c) => [keyOf(c.row), c]));
      const withCases = inserted.flatMap((a) => {
        const c = byKey.get(keyOf(a));
        return c?.alarm.handling ? [{ id: a.id, c }] : [];
      });
      const numbers = await events.imports.loadNumbered(
        sensingCtx(),
        await Promise.all(withCases.map(({ c }) => caseOf(c))),
        { source: 'iot' },
      );
      await db.transaction(async (tx) => {
        await repo.linkCases(
          tx,
          withCases.map(({ id, c }, i) => ({
            id,
            caseNumber: numbers[i]!,
            acknowledgedAt: c.alarm.handling!.status === 'closed' ? c.alarm.handling!.closedAt! : null,
          })),
        );
        const caseOfAlarm = new Map(withCases.map(({ id }, i) => [id, numbers[i]!]));
        await audit.recordMany(
          tx,
          inserted.map((a) => ({
            ctx,
            event: {
              action: 'iot.alarm.import',
              targetType: 'iot_alarm',
              targetId: a.id,
              detail: {
                device: byKey.get(keyOf(a))?.device.code,
                startedAt: a.startedAt.toISOString(),
                case: caseOfAlarm.get(a.id) ?? null,
              },
            },
          })),
        );
      });
      return { imported: inserted.length, skipped: alarms.length - inserted.length, cases: numbers.length };
    },
  };
}
