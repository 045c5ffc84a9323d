// The statements of the history import: where each device's stored readings begin, past alarms inserted once, and
// the cases of those alarms linked to them. The points themselves go in by the writer's COPY (write-repository.ts).
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../core/db.ts';
import type { AlarmWrite } from '../alarms/repository.ts';

/** The earliest point of each of these devices at or after `since` (devices without one are left out). */
export async function earliestPointsSince(
  db: Db,
  deviceIds: number[],
  since: Date,
): Promise<Map<number, Date>> {
  if (!deviceIds.length) return new Map();
  const rows = await queryRows<{ device_id: number; ts: string | Date }>(
    db,
    sql`select device_id, min(ts) as ts from iot.telemetry
        where device_id = any(${`{${deviceIds.map((id) => Math.trunc(id)).join(',')}}`}::int[])
          and ts >= ${since.toISOString()}::timestamptz
        group by device_id`,
  );
  return new Map(rows.map((r) => [Number(r.device_id), new Date(r.ts)]));
}

/** A past alarm as stored: what the engine writes, and its acknowledgement. */
export type PastAlarmRow = AlarmWrite & { acknowledgedAt: Date | null; acknowledgedBy: string | null };

/** An alarm the import inserted, by its key and start (what tells the caller's rows apart). */
export type InsertedAlarm = {
  id: number;
  deviceId: number;
  ruleId: number;
  subject: string;
  startedAt: Date;
};

/**
 * Inserts the past alarms not stored yet (none of the same device, rule, subject and start), oldest first. An active
 * one whose key already has an active alarm is left out too: a device and rule have one active alarm at a time.
 */
export async function insertPastAlarms(db: Db, rows: PastAlarmRow[]): Promise<InsertedAlarm[]> {
  if (!rows.length) return [];
  const json = JSON.stringify(
    rows.map((r) => ({
      device_id: r.deviceId,
      rule_id: r.ruleId,
      subject: r.subject,
      severity: r.severity,
      message: r.message,
      started_at: r.startedAt.toISOString(),
      last_at: r.lastAt.toISOString(),
      count: r.count,
      first_value: r.firstValue ?? null,
      last_value: r.lastValue ?? null,
      cleared_at: r.clearedAt?.toISOString() ?? null,
      acknowledged_at: r.acknowledgedAt?.toISOString() ?? null,
      acknowledged_by: r.acknowledgedBy,
    })),
  );
  const inserted = await queryRows<{
    id: string | number;
    device_id: number;
    rule_id: number;
    subject: string;
    started_at: string | Date;
  }>(
    db,
    sql`with given as (
          select * from jsonb_to_recordset(${json}::text::jsonb) as g(device_id int, rule_id int, subject text,
            severity text, message text, started_at timestamptz, last_at timestamptz, count int, first_value jsonb,
            last_value jsonb, cleared_at timestamptz, acknowledged_at timestamptz, acknowledged_by text))
        insert into iot.alarms (device_id, rule_id, subject, severity, message, started_at, last_at, count,
          first_value, last_value, cleared_at, acknowledged_at, acknowledged_by)
        select device_id, rule_id, subject, severity, message, started_at, last_at, count, first_value, last_value,
          cleared_at, acknowledged_at, acknowledged_by
        from given g
        where not exists (select 1 from iot.alarms a where a.device_id = g.device_id and a.rule_id = g.rule_id
          and a.subject = g.subject and a.started_at = g.started_at)
        order by started_at
        on conflict (device_id, rule_id, subject) where cleared_at is null do nothing
        returning id, device_id, rule_id, subject, started_at`,
  );
  return inserted.map((r) => ({
    id: Number(r.id),
    deviceId: r.device_id,
    ruleId: r.rule_id,
    subject: r.subject,
    startedAt: new Date(r.started_at),
  }));
}

/** Stores the case each alarm opened; an alarm whose case is closed is acknowledged by it (as a live one would be). */
export async function linkCases(
  db: Db,
  links: { id: number; caseNumber: string; acknowledgedAt: Date | null }[],
): Promise<void> {
  if (!links.length) return;
  const json = JSON.stringify(
    links.map((l) => ({ id: l.id, number: l.caseNumber, ack: l.acknowledgedAt?.toISOString() ?? null })),
  );
  await db.execute(
    sql`update iot.alarms a set case_number = l.number,
          acknowledged_at = coalesce(l.ack, a.acknowledged_at),
          acknowledged_by = case when l.ack is null then a.acknowledged_by else 'case:' || l.number end
        from jsonb_to_recordset(${json}::text::jsonb) as l(id bigint, number text, ack timestamptz)
        where a.id = l.id`,
  );
}
