import type { Alarm, AlarmStatus } from './contract.ts';
import type { AlarmJoined } from './repository.ts';

/** The lifecycle state of an alarm from its times. */
export function statusOf(a: { acknowledgedAt: Date | null; clearedAt: Date | null }): AlarmStatus {
  return `${a.clearedAt ? 'cleared' : 'active'}_${a.acknowledgedAt ? 'ack' : 'unack'}` as AlarmStatus;
}

/** An alarm as the console and the stream show it; with the device's department, for scoping (not sent). */
export function alarmView(j: AlarmJoined): Alarm & { departmentId: number } {
  const a = j.alarm;
  return {
    id: a.id,
    deviceCode: j.deviceCode,
    deviceName: j.deviceName,
    profileCode: j.profileCode,
    ruleId: a.ruleId,
    ruleName: j.ruleName ?? '',
    severity: a.severity,
    status: statusOf(a),
    message: a.message,
    subject: a.subject,
    startedAt: a.startedAt.toISOString(),
    lastAt: a.lastAt.toISOString(),
    count: a.count,
    firstValue: a.firstValue ?? null,
    lastValue: a.lastValue ?? null,
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: a.acknowledgedBy,
    clearedAt: a.clearedAt?.toISOString() ?? null,
    // '' marks a case being opened (see repository.claimForCase): none yet, as far as anyone looking knows.
    caseNumber: a.caseNumber || null,
    lng: j.lng,
    lat: j.lat,
    departmentId: j.departmentId,
  };
}

/** The view without what only the server needs. */
export function publicView({ departmentId: _, ...alarm }: Alarm & { departmentId: number }): Alarm {
  return alarm;
}
