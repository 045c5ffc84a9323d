import { todayInShanghai } from '../../../core/local-date.ts';
import type { LicenseDeps } from './deps.ts';
import * as repo from './repository.ts';
import { registryValues } from './view.ts';

/**
 * Brings the license registry in line with the licenses: delivers those whose registry entity is missing
 * (a stop between an issue's commit and its merge) or says another status (run out since). Run at start
 * and periodically; returns how many it delivered.
 */
export async function syncLicenseRegistry(deps: LicenseDeps): Promise<number> {
  const { db } = deps.database;
  const today = todayInShanghai();
  const rows = await repo.licensesOutOfSync(db, today);
  if (!rows.length) return 0;
  await repo.upsertLicenseSourceRecords(
    db,
    rows.map((row) => ({ key: row.licenseId, values: registryValues(row, today) })),
  );
  const ids = rows.map((row) => row.licenseId);
  await deps.registry.remerge('license', ids);
  return rows.length;
}
