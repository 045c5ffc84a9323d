import type { Ctx } from '../../../core/context.ts';
import type { FieldError } from '../../../core/errors.ts';
import { isCenterStaff } from '../../../core/policy.ts';
import type { DepartmentDirectory } from '../../org/index.ts';
import { mayManageDevice } from '../policy.ts';
import type { Profile } from '../profiles/service.ts';
import { DEVICE_CODE } from './contract.ts';
import type { DeviceDeps } from './deps.ts';
import type { DeviceRow, DeviceValues } from './repository.ts';

/** A device's fields as a caller gave them, unchecked (from the API, a workbook row, the CLI). */
export type DeviceInput = {
  code?: unknown;
  profileCode?: unknown;
  name?: unknown;
  lng?: unknown;
  lat?: unknown;
  departmentId?: unknown;
  componentCode?: unknown;
  installedOn?: unknown;
  attributes?: unknown;
};

/** What checking a device found: the columns to write, the bad fields, and whether the department is another's. */
export type Checked = { values: Partial<DeviceValues>; errors: FieldError[]; foreignDepartment: boolean };

const isDate = (text: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
};

/**
 * Checks a new device (no `before`) or a change to `before` (only the fields given): every bad field is named,
 * the point is placed in a subdistrict and community, attributes are only the profile's. Shared by the API, the
 * workbook import and the CLI, so a device is refused for the same reasons wherever it comes from.
 */
export async function checkDevice(
  deps: DeviceDeps,
  ctx: Ctx,
  input: DeviceInput,
  directory: DepartmentDirectory,
  before?: DeviceRow,
): Promise<Checked> {
  const errors: FieldError[] = [];
  const values: Partial<DeviceValues> = {};
  const bad = (field: string, reason: string, params?: Record<string, unknown>) =>
    errors.push({ field, reason, ...(params && { params }) });
  const creating = !before;
  let foreignDepartment = false;

  if (creating) {
    if (typeof input.code !== 'string' || !input.code.trim()) bad('code', 'required');
    else if (!DEVICE_CODE.test(input.code.trim())) bad('code', 'bad_device_code');
    else values.code = input.code.trim();
  }

  let profile: Profile | undefined;
  if (creating) {
    if (typeof input.profileCode !== 'string' || !input.profileCode.trim()) bad('profileCode', 'required');
    else {
      profile = await deps.profiles.find(input.profileCode.trim());
      if (!profile) bad('profileCode', 'unknown_profile', { code: input.profileCode });
      else values.profileCode = profile.code;
    }
  } else profile = await deps.profiles.find(before.profileCode);

  if (input.name !== undefined || creating) {
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (!name) bad('name', 'required');
    else if (name.length > 100) bad('name', 'too_long', { maximum: 100 });
    else values.name = name;
  }

  if (input.lng !== undefined || input.lat !== undefined || creating) {
    const lng = input.lng === undefined ? before?.lng : input.lng;
    const lat = input.lat === undefined ? before?.lat : input.lat;
    const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
    if (lng === undefined || lng === null) bad('lng', 'required');
    else if (!isNum(lng)) bad('lng', 'not_a_number');
    if (lat === undefined || lat === null) bad('lat', 'required');
    else if (!isNum(lat)) bad('lat', 'not_a_number');
    if (isNum(lng) && isNum(lat)) {
      const place = await deps.org.places.locate(lng, lat);
      if (!place) bad('lng', 'outside_district');
      else
        Object.assign(values, {
          lng,
          lat,
          subdistrictCode: place.subdistrictCode,
          communityCode: place.communityCode,
        });
    }
  }

  if (input.departmentId !== undefined && input.departmentId !== null) {
    const department =
      typeof input.departmentId === 'number' ? directory.byId.get(input.departmentId) : undefined;
    if (!department) bad('departmentId', 'unknown_department', { department: input.departmentId });
    else if (!department.active) bad('departmentId', 'inactive_department', { department: department.name });
    else if (!mayManageDevice(ctx.actor, department.id)) foreignDepartment = true;
    else values.departmentId = department.id;
  } else if (creating) {
    // A department user registers for their own department; the center says whose the device is.
    const own = ctx.actor?.departmentId;
    if (own && !isCenterStaff(ctx.actor) && mayManageDevice(ctx.actor, own)) values.departmentId = own;
    else bad('departmentId', 'required');
  }

  if (input.componentCode !== undefined) {
    const code = typeof input.componentCode === 'string' ? input.componentCode.trim() : null;
    if (input.componentCode !== null && typeof input.componentCode !== 'string')
      bad('componentCode', 'invalid');
    else if (code && !(await deps.componentExists(code))) bad('componentCode', 'unknown_component', { code });
    else values.componentCode = code || null;
  }

  if (input.installedOn !== undefined) {
    if (input.installedOn === null || input.installedOn === '') values.installedOn = null;
    else if (typeof input.installedOn !== 'string' || !isDate(input.installedOn))
      bad('installedOn', 'not_a_date');
    else values.installedOn = input.installedOn;
  }

  if (input.attributes !== undefined && profile) {
    const given = input.attributes;
    if (typeof given !== 'object' || given === null || Array.isArray(given)) bad('attributes', 'invalid');
    else {
      const attrs: Record<string, unknown> = { ...(before?.attributes ?? {}) };
      for (const [key, value] of Object.entries(given)) {
        const def = profile.attributes.find((a) => a.key === key);
        if (!def) bad(`attributes.${key}`, 'not_an_attribute', { profile: profile.code, key });
        else if (value === null || value === '') delete attrs[key];
        else if (def.type === 'number' && (typeof value !== 'number' || !Number.isFinite(value)))
          bad(`attributes.${key}`, 'not_a_number');
        else if (def.type === 'string' && typeof value !== 'string') bad(`attributes.${key}`, 'invalid');
        else attrs[key] = value;
      }
      values.attributes = attrs;
    }
  }
  return { values, errors, foreignDepartment };
}
