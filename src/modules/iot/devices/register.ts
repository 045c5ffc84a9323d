import { announceChangeIn } from '../../../core/changes.ts';
import type { Ctx } from '../../../core/context.ts';
import { type Db, isUniqueViolation } from '../../../core/db.ts';
import { ConflictError, type FieldError, ForbiddenError, InputError } from '../../../core/errors.ts';
import { checkDevice, type DeviceInput } from './checks.ts';
import type { DeviceCreate } from './contract.ts';
import type { DeviceDeps } from './deps.ts';
import * as repo from './repository.ts';
import { hashToken, newAccessToken, tokenHint } from './token.ts';

/** A device ready to insert (checked), and the token it is given. */
export type NewDevice = { values: repo.DeviceValues; token: string };

/** A checked device's row values with a fresh token. */
export function withToken(values: Partial<repo.DeviceValues>): NewDevice {
  const token = newAccessToken();
  return {
    values: { ...(values as repo.DeviceValues), tokenHash: hashToken(token), tokenHint: tokenHint(token) },
    token,
  };
}

/** The duplicate-code answer, naming the field. */
export function duplicateCode(code: string) {
  return new ConflictError('duplicate_code', `Device code ${code} is already used`, { code }, [
    { field: 'code', reason: 'duplicate_code', params: { code } },
  ]);
}

/** Inserts checked devices and audits each, in the caller's transaction. */
export async function insertChecked(deps: DeviceDeps, tx: Db, ctx: Ctx, batch: NewDevice[]) {
  if (!batch.length) return [];
  const rows = await repo
    .insertDevices(
      tx,
      batch.map((d) => d.values),
    )
    .catch((error) => {
      if (isUniqueViolation(error)) throw duplicateCode(batch.length === 1 ? batch[0]!.values.code : '');
      throw error;
    });
  for (const row of rows)
    await deps.audit.record(tx, ctx, {
      action: 'iot.device.create',
      targetType: 'iot_device',
      targetId: row.code,
      detail: { profileCode: row.profileCode, name: row.name, departmentId: row.departmentId },
    });
  await announceChangeIn(tx, 'devices');
  return rows;
}

/** Registering devices: one from the console or CLI, many at once for the demo. */
export function deviceRegistration(deps: DeviceDeps) {
  const { db } = deps;

  /** Checks one device to register; throws for a bad field, another department, or a code in use. */
  async function checkNew(
    ctx: Ctx,
    input: DeviceInput,
    directory: Awaited<ReturnType<typeof deps.org.departmentDirectory>>,
    row?: number,
  ) {
    const checked = await checkDevice(deps, ctx, input, directory);
    const at = (errors: FieldError[]) => (row === undefined ? errors : errors.map((e) => ({ ...e, row })));
    if (checked.foreignDepartment)
      throw new ForbiddenError('other_department', 'A department registers only its own devices');
    if (checked.errors.length)
      throw new InputError('invalid_input', 'The device is invalid', at(checked.errors));
    return withToken(checked.values);
  }

  return {
    /** Registers a device; its token is returned this once (only its hash is kept). */
    async register(ctx: Ctx, input: DeviceCreate | DeviceInput) {
      const directory = await deps.org.departmentDirectory();
      const made = await checkNew(ctx, input, directory);
      if ((await repo.findByCodes(db, [made.values.code])).length) throw duplicateCode(made.values.code);
      const [row] = await db.transaction((tx) => insertChecked(deps, tx, ctx, [made]));
      return { code: row!.code, token: made.token };
    },

    /** Registers many devices in one transaction (all or none); returns each one's token. */
    async registerMany(ctx: Ctx, inputs: DeviceInput[]): Promise<{ code: string; token: string }[]> {
      const directory = await deps.org.departmentDirectory();
      const made: NewDevice[] = [];
      for (const [i, input] of inputs.entries()) made.push(await checkNew(ctx, input, directory, i + 1));
      const codes = made.map((d) => d.values.code);
      const taken = await repo.findByCodes(db, codes);
      if (taken.length) throw duplicateCode(taken[0]!.code);
      const twice = codes.find((c, i) => codes.indexOf(c) !== i);
      if (twice) throw duplicateCode(twice);
      await db.transaction((tx) => insertChecked(deps, tx, ctx, made));
      return made.map((d) => ({ code: d.values.code, token: d.token }));
    },
  };
}
