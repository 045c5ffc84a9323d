import type { Ctx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import { ForbiddenError, NotFoundError } from '../../../core/errors.ts';
import { holds } from '../../../core/policy.ts';
import type { AuditService } from '../../audit/index.ts';
import { iotPolicy } from '../policy.ts';
import * as repo from './repository.ts';
import { profileSeeds, ruleSeeds } from './seed-data.ts';

export type Profile = repo.ProfileRow;

// Profiles change rarely and are read on every message: each process keeps them, reloading after this long.
const CACHE_MS = 30_000;

/** Device profiles (设备类型): the telemetry keys each type sends, its attributes, retention and offline time. */
export function createProfileService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;
  let cache: { byCode: Map<string, Profile>; at: number } | undefined;

  async function load() {
    if (!cache || Date.now() - cache.at > CACHE_MS) {
      const rows = await repo.allProfiles(db);
      cache = { byCode: new Map(rows.map((p) => [p.code, p])), at: Date.now() };
    }
    return cache.byCode;
  }

  return {
    /** Adds the seed profiles missing, with their default rules. Idempotent: an edited profile stays as edited. */
    async seed() {
      await db.transaction(async (tx) => {
        const added = new Set(await repo.insertMissingProfiles(tx, profileSeeds));
        await repo.insertRules(
          tx,
          ruleSeeds.filter((r) => added.has(r.profileCode)),
        );
      });
      cache = undefined;
    },

    /** Every profile. */
    async list(): Promise<Profile[]> {
      return [...(await load()).values()];
    },

    /** One profile, or undefined. */
    async find(code: string): Promise<Profile | undefined> {
      return (await load()).get(code);
    },

    /** One profile; NotFoundError when there is none. */
    async require(code: string): Promise<Profile> {
      const profile = (await load()).get(code);
      if (!profile) throw new NotFoundError('profile', code);
      return profile;
    },

    /** Changes a profile's retention and offline time (the center only). */
    async update(ctx: Ctx, code: string, input: { retentionDays?: number; offlineMinutes?: number }) {
      if (!holds(ctx.actor, iotPolicy.configure))
        throw new ForbiddenError('forbidden', 'Only the center edits device profiles', {});
      const row = await db.transaction(async (tx) => {
        const updated = await repo.updateProfile(tx, code, input);
        if (!updated) throw new NotFoundError('profile', code);
        await audit.record(tx, ctx, {
          action: 'iot.profile.update',
          targetType: 'iot_profile',
          targetId: code,
          detail: input,
        });
        return updated;
      });
      cache = undefined;
      return row;
    },
  };
}
export type ProfileService = ReturnType<typeof createProfileService>;
