import type { Ctx } from '../../../core/context.ts';
import { NotFoundError } from '../../../core/errors.ts';
import { mayManageDevice, mayReadDevice, seesWholeDistrict } from '../policy.ts';
import { deviceStatuses, severities } from '../ports.ts';
import type { DeviceDetail, DeviceQuery, DeviceSummary, MapQuery, Overview } from './contract.ts';
import type { DeviceDeps } from './deps.ts';
import { deviceNamer } from './present.ts';
import * as repo from './repository.ts';

/** The department a caller's lists are limited to: none for those who see the whole district. */
function scopeOf(ctx: Ctx): number | undefined {
  return seesWholeDistrict(ctx.actor) ? undefined : (ctx.actor?.departmentId ?? -1);
}

/** Reading devices: lists, the map, one device, the overview; a department user sees only its own. */
export function deviceReads(deps: DeviceDeps) {
  const { db } = deps;

  async function detail(ctx: Ctx, code: string): Promise<DeviceDetail> {
    const found = await repo.findListed(db, code);
    if (!found || !mayReadDevice(ctx.actor, found.device.departmentId))
      throw new NotFoundError('device', code);
    const [names, bad] = await Promise.all([deviceNamer(deps), repo.badOf(db, found.device.id)]);
    const profile = names.profileOf.get(found.device.profileCode);
    return {
      ...names.summary(found.device, found),
      attributes: found.device.attributes,
      keys: profile?.keys ?? [],
      attributeDefs: profile?.attributes ?? [],
      gatewayCode: found.gatewayCode,
      bad: bad.map((b) => ({ ...b, count: Number(b.count), lastAt: b.lastAt.toISOString() })),
      canManage: found.device.status !== 'retired' && mayManageDevice(ctx.actor, found.device.departmentId),
    };
  }

  return {
    /** One device in full; NotFoundError for another department's. */
    detail,

    /** A page of the devices the caller may see. */
    async list(ctx: Ctx, q: DeviceQuery): Promise<{ items: DeviceSummary[]; total: number }> {
      const scope = scopeOf(ctx);
      // A department user asking for another department's devices gets none rather than an error.
      const departmentId = scope ?? q.departmentId;
      const wantsOther = scope !== undefined && q.departmentId !== undefined && q.departmentId !== scope;
      const filter = { ...q, departmentId: wantsOther ? -1 : departmentId };
      const [page, names] = await Promise.all([repo.listDevices(db, filter, q.sort, q), deviceNamer(deps)]);
      return { items: page.items.map((r) => names.summary(r.device, r)), total: page.total };
    },

    /** Every device the caller may see, with few fields, for the map. */
    async map(ctx: Ctx, q: MapQuery) {
      const rows = await repo.mapDevices(db, { ...q, departmentId: scopeOf(ctx) });
      return { items: rows.map((r) => ({ ...r, status: r.status as (typeof deviceStatuses)[number] })) };
    },

    /**
     * For the operations screen, whose own policy says who sees it (so not limited to the caller's department): the
     * devices in service placed inside `box`, nearest to `centre` first, at most `limit`.
     */
    inBox(
      centre: { lng: number; lat: number },
      box: { west: number; south: number; east: number; north: number },
      limit: number,
    ) {
      return repo.devicesInBox(db, centre, box, limit);
    },

    /** Devices by status and profile, and active alarms by severity, of what the caller may see. */
    async overview(ctx: Ctx): Promise<Overview> {
      const scope = scopeOf(ctx);
      const [counts, alarms] = await Promise.all([
        repo.deviceCounts(db, scope),
        repo.activeAlarmCounts(db, scope),
      ]);
      const devices = { total: 0, online: 0, offline: 0, fault: 0, retired: 0 };
      const byProfile = new Map<string, { profileCode: string; total: number; online: number }>();
      for (const c of counts) {
        const n = Number(c.n);
        if ((deviceStatuses as readonly string[]).includes(c.status))
          devices[c.status as keyof typeof devices] += n;
        devices.total += n;
        const p = byProfile.get(c.profileCode) ?? { profileCode: c.profileCode, total: 0, online: 0 };
        p.total += n;
        if (c.status === 'online') p.online += n;
        byProfile.set(c.profileCode, p);
      }
      const alarmCounts = { active: 0, critical: 0, major: 0, minor: 0, warning: 0 };
      for (const a of alarms) {
        const n = Number(a.n);
        alarmCounts.active += n;
        if ((severities as readonly string[]).includes(a.severity))
          alarmCounts[a.severity as (typeof severities)[number]] += n;
      }
      return {
        devices,
        byProfile: [...byProfile.values()].sort((a, b) => a.profileCode.localeCompare(b.profileCode)),
        alarms: alarmCounts,
      };
    },

    /** Devices in service and active alarms per subdistrict (null: a device outside every subdistrict). */
    async bySubdistrict(
      ctx: Ctx,
    ): Promise<{ subdistrictCode: string | null; devices: number; activeAlarms: number }[]> {
      const scope = scopeOf(ctx);
      const [counts, alarms] = await Promise.all([
        repo.devicesBySubdistrict(db, scope),
        repo.activeAlarmsBySubdistrict(db, scope),
      ]);
      const out = new Map<
        string | null,
        { subdistrictCode: string | null; devices: number; activeAlarms: number }
      >();
      const entry = (code: string | null) => {
        const known = out.get(code) ?? { subdistrictCode: code, devices: 0, activeAlarms: 0 };
        out.set(code, known);
        return known;
      };
      for (const c of counts) entry(c.subdistrictCode).devices += Number(c.n);
      for (const a of alarms) entry(a.subdistrictCode).activeAlarms += Number(a.n);
      return [...out.values()];
    },

    /**
     * The devices in service of a profile the caller may see, with the latest value of each of `keys` (null when
     * none came yet) and their attributes: the water stations with their level and warning level, the
     * construction sites with their PM10.
     */
    async latestOfProfile(ctx: Ctx, profileCode: string, keys: string[]) {
      const rows = await repo.devicesWithLatest(db, profileCode, keys, scopeOf(ctx));
      const byCode = new Map<
        string,
        {
          code: string;
          name: string;
          status: string;
          lng: number;
          lat: number;
          attributes: Record<string, unknown>;
          values: Record<string, number | null>;
        }
      >();
      for (const r of rows) {
        const device = byCode.get(r.code) ?? {
          code: r.code,
          name: r.name,
          status: r.status,
          lng: r.lng,
          lat: r.lat,
          attributes: r.attributes,
          values: Object.fromEntries(keys.map((k) => [k, null])),
        };
        if (r.key !== null) device.values[r.key] = r.num;
        byCode.set(r.code, device);
      }
      return [...byCode.values()];
    },
  };
}
