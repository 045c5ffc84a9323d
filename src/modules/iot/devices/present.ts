import { lookupCtx } from '../../../core/context.ts';
import type { DeviceStatus } from '../ports.ts';
import type { DeviceSummary } from './contract.ts';
import type { DeviceDeps } from './deps.ts';
import type { DeviceRow } from './repository.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Names for devices as people read them: profile, department, subdistrict and community. Loaded once per request
 * (a page of devices shares them).
 */
export async function deviceNamer(deps: DeviceDeps) {
  const [directory, divisions, profiles] = await Promise.all([
    deps.org.departmentDirectory(),
    deps.org.listDivisions(lookupCtx, {}),
    deps.profiles.list(),
  ]);
  const divisionName = new Map(divisions.map((d) => [d.code, d.name]));
  const profileOf = new Map(profiles.map((p) => [p.code, p]));
  return {
    directory,
    profileOf,
    /** A device as lists show it. */
    summary(row: DeviceRow, counts: { badCount: number; activeAlarms: number }): DeviceSummary {
      return {
        code: row.code,
        name: row.name,
        profileCode: row.profileCode,
        profileName: profileOf.get(row.profileCode)?.name ?? row.profileCode,
        status: row.status as DeviceStatus,
        lng: row.lng,
        lat: row.lat,
        subdistrictCode: row.subdistrictCode,
        subdistrictName: row.subdistrictCode ? (divisionName.get(row.subdistrictCode) ?? null) : null,
        communityCode: row.communityCode,
        communityName: row.communityCode ? (divisionName.get(row.communityCode) ?? null) : null,
        departmentId: row.departmentId,
        departmentName: directory.byId.get(row.departmentId)?.name ?? null,
        componentCode: row.componentCode,
        installedOn: row.installedOn,
        lastSeenAt: iso(row.lastSeenAt),
        tokenHint: row.tokenHint,
        badCount: Number(counts.badCount),
        activeAlarms: Number(counts.activeAlarms),
      };
    },
  };
}
