// Retention: raw points older than their profile's retentionDays are deleted; whole daily partitions older than the
// longest retention are dropped (cheaper than deleting their rows). Aggregates are kept.
import type { Db } from '../../../core/db.ts';
import type { Profile } from '../profiles/service.ts';
import { DAY_MS, partitionDay } from './partitions.ts';
import { dailyPartitions, deletePointsBefore, dropPartition } from './repository.ts';

/** What a retention run removed. */
export type RetentionResult = { dropped: string[]; deleted: number };

/** Drops the partitions past every profile's retention, then deletes each profile's points past its own. */
export async function applyRetention(db: Db, profiles: Profile[], now: Date): Promise<RetentionResult> {
  if (profiles.length === 0) return { dropped: [], deleted: 0 };
  const longest = Math.max(...profiles.map((p) => p.retentionDays));
  const keepFrom = now.getTime() - longest * DAY_MS;
  const dropped: string[] = [];
  for (const name of await dailyPartitions(db)) {
    const day = partitionDay(name);
    // Only a partition whose whole day (its end) is past the longest retention.
    if (day && day.getTime() + DAY_MS <= keepFrom) {
      await dropPartition(db, name);
      dropped.push(name);
    }
  }
  let deleted = 0;
  for (const profile of profiles)
    deleted += await deletePointsBefore(
      db,
      profile.code,
      new Date(now.getTime() - profile.retentionDays * DAY_MS),
    );
  return { dropped, deleted };
}
