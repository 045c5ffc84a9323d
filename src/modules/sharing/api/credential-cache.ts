import type { Database } from '../../../core/db.ts';
import type { Logger } from '../../../core/logger.ts';
import type { CredentialGrant } from './repository.ts';

/** The channel every change of a credential's or grant's state is announced on (see grants/repository.ts). */
export const CREDENTIALS_CHANNEL = 'sharing_credentials';

// A bound on how long a cached credential is trusted even if a notification were somehow missed.
const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 10_000;

/**
 * Credentials with their grants, kept between calls so that a call costs one database round trip (its rows) instead
 * of two. Revoking, rotating or changing a grant announces itself with NOTIFY in the same transaction; every process
 * drops its whole cache when the notification arrives (milliseconds after the commit; the writing process drops its
 * own at once, through `invalidate`) and whenever its listening
 * connection restarts, as notifications may have been lost meanwhile. Until the first listen succeeds nothing is
 * cached. Expiry needs no notification: the cached times are compared with the clock at each call.
 */
export function createCredentialCache(deps: {
  database: Database;
  logger: Logger;
  load: (keyId: string) => Promise<CredentialGrant | undefined>;
}) {
  const cache = new Map<string, { found: CredentialGrant; at: number }>();
  let listening = false;
  // Bumped on every invalidation, so a lookup that started before one does not store what it read.
  let generation = 0;
  const invalidate = () => {
    generation++;
    cache.clear();
  };

  const started = deps.database
    .listen(CREDENTIALS_CHANNEL, invalidate, () => {
      invalidate();
      listening = true;
    })
    .catch((error: unknown) => {
      deps.logger.warn({ err: error }, 'sharing credentials are not cached: cannot listen for changes');
      return async () => {};
    });

  return {
    /** The credential of `keyId` with its grant; undefined when there is none (never cached). */
    async get(keyId: string): Promise<CredentialGrant | undefined> {
      const hit = cache.get(keyId);
      if (hit && Date.now() - hit.at < MAX_AGE_MS) return hit.found;
      const seen = generation;
      const found = await deps.load(keyId);
      if (found && listening && seen === generation) {
        if (cache.size >= MAX_ENTRIES) cache.clear();
        cache.set(keyId, { found, at: Date.now() });
      }
      return found;
    },

    /** Drops every cached credential: called by this process's own changes right after they commit. */
    invalidate,

    /** Stops listening (the database closes the connection anyway; for tests that keep it open). */
    async stop() {
      listening = false;
      invalidate();
      await (await started)();
    },
  };
}

export type CredentialCache = ReturnType<typeof createCredentialCache>;
