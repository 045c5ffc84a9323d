import type { Ctx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import { type FieldError, InputError } from '../../../core/errors.ts';
import { fieldChanges } from '../../../core/field-changes.ts';
import type { AuditService } from '../../audit/index.ts';
import type { OrgService } from '../../org/index.ts';
import { type Facility, type FacilityImportResult, type FacilityKind, facilityKinds } from '../contract.ts';
import * as repo from './repository.ts';

export type { Facility } from '../contract.ts';
export type FacilityInput = Omit<Facility, 'id' | 'subdistrictCode' | 'address' | 'capacity'> & {
  address?: string | null;
  capacity?: number | null;
  subdistrictCode?: string | null;
};

type Checked = Omit<repo.FacilityValues, 'id'>;

const NAME_MAX = 100;
const ADDRESS_MAX = 200;

const toFacility = (r: repo.FacilityRow): Facility => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  address: r.address,
  lng: r.lng,
  lat: r.lat,
  subdistrictCode: r.subdistrictCode,
  capacity: r.capacity,
});

/** Schools, emergency shelters (避难场所) and hospitals: the places the screen shows near an incident. */
export function createFacilityService(deps: { db: Db; audit: AuditService; org: OrgService }) {
  const { db, audit, org } = deps;
  // The audit page names a facility by its name; its id is the entry's target id.
  audit.nameTargets('ioc_facility', async (ids) => {
    const rows = await repo.namesOf(db, ids.map(Number).filter(Number.isSafeInteger));
    return new Map(rows.map((r) => [String(r.id), r.name]));
  });

  /** One row checked: its columns (the point placed in a subdistrict), or its bad fields. */
  async function checkRow(raw: unknown, row: number): Promise<{ values?: Checked; errors: FieldError[] }> {
    const errors: FieldError[] = [];
    const bad = (field: string, reason: string, params?: Record<string, unknown>) =>
      errors.push({ row, field, reason, ...(params && { params }) });
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      bad('', 'facility_not_a_row');
      return { errors };
    }
    const r = raw as Record<string, unknown>;
    const kind = r.kind;
    if (kind === undefined || kind === null || kind === '') bad('kind', 'required');
    else if (!facilityKinds.includes(kind as FacilityKind))
      bad('kind', 'invalid_value', { values: facilityKinds.join(', ') });
    const name = typeof r.name === 'string' ? r.name.trim() : '';
    if (!name) bad('name', typeof r.name === 'string' || r.name == null ? 'required' : 'invalid');
    else if (name.length > NAME_MAX) bad('name', 'too_long', { maximum: NAME_MAX });
    const address = typeof r.address === 'string' ? r.address.trim() || null : null;
    if (r.address != null && typeof r.address !== 'string') bad('address', 'invalid');
    else if (address && address.length > ADDRESS_MAX) bad('address', 'too_long', { maximum: ADDRESS_MAX });
    const number = (field: 'lng' | 'lat') => {
      const v = r[field];
      if (v === undefined || v === null || v === '') bad(field, 'required');
      else if (typeof v !== 'number' || !Number.isFinite(v)) bad(field, 'facility_not_a_number');
      else return v;
      return undefined;
    };
    const lng = number('lng');
    const lat = number('lat');
    let subdistrictCode: string | null = null;
    if (lng !== undefined && lat !== undefined) {
      const place = await org.places.locate(lng, lat);
      if (!place) bad('lng', 'facility_outside_district');
      else subdistrictCode = place.subdistrictCode;
    }
    const capacity = r.capacity ?? null;
    if (capacity !== null && (typeof capacity !== 'number' || !Number.isInteger(capacity)))
      bad('capacity', 'invalid_type', { expected: 'integer' });
    else if (capacity !== null && capacity < 0) bad('capacity', 'too_small', { minimum: 0 });
    if (errors.length) return { errors };
    return {
      values: {
        kind: kind as FacilityKind,
        name,
        address,
        lng: lng!,
        lat: lat!,
        subdistrictCode,
        capacity: capacity as number | null,
      },
      errors,
    };
  }

  return {
    /** Every facility, or those of one kind. */
    async list(_ctx: Ctx, kind?: FacilityKind): Promise<Facility[]> {
      return (await repo.listFacilities(db, kind)).map(toFacility);
    },

    /** Facilities inside the box, nearest to `centre` first, at most `limit`. */
    async inBox(
      centre: { lng: number; lat: number },
      box: { west: number; south: number; east: number; north: number },
      limit: number,
    ): Promise<Facility[]> {
      return (await repo.facilitiesInBox(db, centre, box, limit)).map(toFacility);
    },

    /**
     * Adds or updates facilities by kind and name (an import's, the demo's), all or none: every row is checked
     * (kind, name, a point inside the district, which gives its subdistrict) and every bad field is named with its
     * row. Each facility added or changed is audited; one that is the same already is left alone, so importing a
     * file again changes nothing.
     */
    async upsertMany(ctx: Ctx, rows: readonly unknown[]): Promise<FacilityImportResult> {
      const errors: FieldError[] = [];
      const checked: Checked[] = [];
      const seen = new Set<string>();
      for (const [i, raw] of rows.entries()) {
        const result = await checkRow(raw, i + 1);
        errors.push(...result.errors);
        if (!result.values) continue;
        const key = `${result.values.kind}:${result.values.name}`;
        if (seen.has(key))
          errors.push({
            row: i + 1,
            field: 'name',
            reason: 'facility_twice',
            params: { name: result.values.name },
          });
        seen.add(key);
        checked.push(result.values);
      }
      if (errors.length) throw new InputError('invalid_input', 'Some facilities are invalid', errors);
      return db.transaction(async (tx) => {
        const known = new Map(
          (await repo.findByNames(tx, [...new Set(checked.map((c) => c.name))])).map((r) => [
            `${r.kind}:${r.name}`,
            r,
          ]),
        );
        const fresh = checked.filter((c) => !known.has(`${c.kind}:${c.name}`));
        let updated = 0;
        for (const c of checked) {
          const before = known.get(`${c.kind}:${c.name}`);
          if (!before) continue;
          const changes = Object.fromEntries(
            Object.entries(fieldChanges(before, c)).filter(([, change]) => change.from !== change.to),
          );
          if (!Object.keys(changes).length) continue;
          await repo.updateFacility(tx, before.id, c);
          await audit.record(tx, ctx, {
            action: 'ioc.facility.update',
            targetType: 'ioc_facility',
            targetId: before.id,
            detail: changes,
          });
          updated++;
        }
        for (const row of await repo.insertFacilities(tx, fresh))
          await audit.record(tx, ctx, {
            action: 'ioc.facility.create',
            targetType: 'ioc_facility',
            targetId: row.id,
            detail: { kind: row.kind, name: row.name, subdistrictCode: row.subdistrictCode },
          });
        return { created: fresh.length, updated, unchanged: checked.length - fresh.length - updated };
      });
    },
  };
}
