/**
 * Importing past readings (a demo district's month, a former platform's data): checked as the write path checks a
 * device's payload (its profile's keys, types and ranges, nothing older than the profile keeps nor in the future),
 * written by COPY in one transaction with the latest values and the devices' last contact, then rolled up into the
 * 1m, 1h and 1d aggregates over their range. The rules do not see them: the alarms of the past are imported as
 * alarms (alarms.ts), not raised again now.
 */
import type { Ctx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import { InputError } from '../../../core/errors.ts';
import type { AuditService } from '../../audit/index.ts';
import type { DeviceRef, Point } from '../ports.ts';
import type { ProfileService } from '../profiles/service.ts';
import { checkValue, FUTURE_SLACK_MS } from '../protocol/parse.ts';
import { rollupRange } from '../telemetry/rollup.ts';
import {
  copyPointStream,
  csvLine,
  inWriteTransaction,
  markSeen,
  upsertLatest,
} from '../telemetry/write-repository.ts';
import { newestPerKey } from '../telemetry/writer.ts';
import * as repo from './repository.ts';

const DAY_MS = 86_400_000;

/** One past reading of a device: its values by key, as the device would have sent them at `ts`. */
export type PastReading = { deviceId: number; ts: Date; values: Record<string, number | string | boolean> };

/**
 * What an import of readings stored: points, readings left out (the device had data from then on), the devices
 * (codes) whose readings were stored, and the range.
 */
export type ReadingsImported = {
  points: number;
  skipped: number;
  devices: string[];
  from: string | null;
  to: string | null;
};

/** Creates the readings import. */
export function createReadingsImport(deps: {
  database: Database;
  audit: AuditService;
  profiles: ProfileService;
  now: () => Date;
}) {
  const { database, audit, profiles } = deps;
  const db = database.db;

  return {
    /**
     * Stores past readings of `devices`, given in batches (any order). A device's readings from its first stored
     * point on (since the oldest its profile keeps) are left out, so history fills in only before what a device
     * has: importing the same readings again adds nothing. One bad value or time refuses the whole import.
     */
    async importReadings(
      ctx: Ctx,
      devices: DeviceRef[],
      batches: Iterable<PastReading[]> | AsyncIterable<PastReading[]>,
    ): Promise<ReadingsImported> {
      const now = deps.now();
      const byId = new Map(devices.map((d) => [d.id, d]));
      const rules = new Map<
        string,
        { defs: Map<string, Parameters<typeof checkValue>[0]>; oldest: number }
      >();
      for (const code of new Set(devices.map((d) => d.profileCode))) {
        const profile = await profiles.require(code);
        rules.set(code, {
          defs: new Map(profile.keys.map((k) => [k.key, k])),
          oldest: now.getTime() - profile.retentionDays * DAY_MS,
        });
      }
      const horizon = Math.min(...[...rules.values()].map((r) => r.oldest), now.getTime());
      const stored = await repo.earliestPointsSince(db, [...byId.keys()], new Date(horizon));
      let points = 0;
      let skipped = 0;
      let first = Number.POSITIVE_INFINITY;
      let last = Number.NEGATIVE_INFINITY;
      const latest: Point[] = [];
      const seen = new Map<number, number>();
      const perDevice = new Map<number, number>();
      const refuse = (reason: string, reading: PastReading, key?: string): never => {
        const device = byId.get(reading.deviceId)?.code ?? String(reading.deviceId);
        const ts = reading.ts instanceof Date && !Number.isNaN(reading.ts.getTime()) ? reading.ts : null;
        const params = { device, ts: ts?.toISOString() ?? String(reading.ts), key: key ?? '' };
        throw new InputError('history_reading_invalid', 'A past reading is not valid', [
          { field: key ? `values.${key}` : 'ts', reason, params },
        ]);
      };

      /** The batches as COPY text, checked as they go; the newest point per key kept for the latest values. */
      async function* lines(): AsyncGenerator<string> {
        for await (const batch of batches) {
          let text = '';
          const kept: Point[] = [];
          for (const reading of batch) {
            const device = byId.get(reading.deviceId);
            if (!device) refuse('unknown_device', reading);
            const profile = rules.get(device!.profileCode)!;
            const at = reading.ts instanceof Date ? reading.ts.getTime() : Number.NaN;
            if (Number.isNaN(at) || at > now.getTime() + FUTURE_SLACK_MS) refuse('future_ts', reading);
            if (at < profile.oldest) refuse('old_ts', reading);
            const until = stored.get(reading.deviceId);
            if (until && at >= until.getTime()) {
              skipped++;
              continue;
            }
            for (const [key, value] of Object.entries(reading.values)) {
              const def = profile.defs.get(key);
              const checked = def ? checkValue(def, value) : 'unknown_key';
              if (typeof checked === 'string') refuse(checked, reading, key);
              const point = {
                deviceId: reading.deviceId,
                key,
                ts: reading.ts,
                ...(checked as object),
              } as Point;
              text += csvLine(point);
              kept.push(point);
              points++;
            }
            perDevice.set(reading.deviceId, (perDevice.get(reading.deviceId) ?? 0) + 1);
            first = Math.min(first, at);
            last = Math.max(last, at);
            seen.set(reading.deviceId, Math.max(seen.get(reading.deviceId) ?? 0, at));
          }
          // Only each key's newest point is kept between batches: a month of readings is not held in memory.
          const newest = newestPerKey([...latest, ...kept]);
          latest.length = 0;
          for (const row of newest) latest.push(row);
          if (text) yield text;
        }
      }

      await inWriteTransaction(database, async (tx) => {
        await copyPointStream(tx, lines());
        await upsertLatest(tx, newestPerKey(latest));
        // Each device's last contact is its newest reading (devices of one import mostly share it).
        const byTime = Map.groupBy([...seen], ([, at]) => at);
        for (const [at, ids] of byTime)
          await markSeen(
            tx,
            ids.map(([id]) => id).sort((a, b) => a - b),
            new Date(at),
          );
      });
      const range = points ? { from: new Date(first), to: new Date(last) } : null;
      if (range) await rollupRange(db, range.from, range.to);
      // One entry per device whose history was written, as a device's own page would want it.
      await audit.recordMany(
        db,
        [...perDevice].map(([id, readings]) => ({
          ctx,
          event: {
            action: 'iot.telemetry.import',
            targetType: 'iot_device',
            targetId: byId.get(id)!.code,
            detail: { readings, to: new Date(seen.get(id)!).toISOString() },
          },
        })),
      );
      return {
        points,
        skipped,
        devices: [...seen.keys()].map((id) => byId.get(id)!.code).sort(),
        from: range?.from.toISOString() ?? null,
        to: range?.to.toISOString() ?? null,
      };
    },
  };
}
