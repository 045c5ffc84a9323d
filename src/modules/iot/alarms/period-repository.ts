import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../core/db.ts';
import { alarms, devices, profiles, rules } from '../schema.ts';

/** An instant as a bound timestamptz (the PostgreSQL driver takes no Date inside raw SQL). */
const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;

// The alarms raised in a period, for the operations center's briefings: counted by when each alarm started, so a
// period's figures stay the same when asked again later.

/** Alarms that started in [start, end), per severity and device profile. */
export function raisedIn(db: Db, start: Date, end: Date) {
  return queryRows<{ severity: string; profile_code: string; profile_name: string | null; raised: number }>(
    db,
    sql`select ${alarms.severity} as severity, ${devices.profileCode} as profile_code,
               ${profiles.name} as profile_name, count(*)::int as raised
        from ${alarms}
        join ${devices} on ${devices.id} = ${alarms.deviceId}
        left join ${profiles} on ${profiles.code} = ${devices.profileCode}
        where ${alarms.startedAt} >= ${at(start)} and ${alarms.startedAt} < ${at(end)}
        group by 1, 2, 3`,
  );
}

/** The device and rule pairs that raised the most alarms in [start, end), the most first. */
export function mostRepeatedIn(db: Db, start: Date, end: Date, limit: number) {
  return queryRows<{
    device_code: string;
    device_name: string;
    profile_name: string | null;
    rule_name: string | null;
    severity: string;
    raised: number;
    last_started_at: string;
  }>(
    db,
    sql`select ${devices.code} as device_code, ${devices.name} as device_name, ${profiles.name} as profile_name,
               ${rules.name} as rule_name, (array_agg(${alarms.severity} order by ${alarms.startedAt} desc))[1] as severity, count(*)::int as raised,
               to_char(max(${alarms.startedAt}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as last_started_at
        from ${alarms}
        join ${devices} on ${devices.id} = ${alarms.deviceId}
        left join ${profiles} on ${profiles.code} = ${devices.profileCode}
        left join ${rules} on ${rules.id} = ${alarms.ruleId}
        where ${alarms.startedAt} >= ${at(start)} and ${alarms.startedAt} < ${at(end)}
        group by ${devices.code}, ${devices.name}, ${profiles.name}, ${alarms.ruleId}, ${rules.name}
        order by count(*) desc, ${devices.code}, ${alarms.ruleId}
        limit ${limit}`,
  );
}
