import { announceChangeIn } from '../../../core/changes.ts';
import type { Ctx } from '../../../core/context.ts';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../../../core/errors.ts';
import { fieldChanges } from '../../../core/field-changes.ts';
import { mayManageDevice, mayReadDevice } from '../policy.ts';
import { checkDevice } from './checks.ts';
import type { DeviceUpdate } from './contract.ts';
import type { DeviceDeps } from './deps.ts';
import * as repo from './repository.ts';
import { hashToken, newAccessToken, tokenHint } from './token.ts';

/** Changing devices: edit, retire, fault, a new token. Each is audited in its transaction. */
export function deviceChanges(deps: DeviceDeps, forgetTokens: () => void) {
  const { db, audit } = deps;

  /**
   * The device the caller may change: another department's is not found (as in reading), one they may read but
   * not change is forbidden, a retired one is kept as it was (its history stays readable; it is never re-enabled,
   * a replacement is registered under a new code).
   */
  async function manageable(ctx: Ctx, code: string) {
    const [row] = await repo.findByCodes(db, [code]);
    if (!row || !mayReadDevice(ctx.actor, row.departmentId)) throw new NotFoundError('device', code);
    if (!mayManageDevice(ctx.actor, row.departmentId))
      throw new ForbiddenError('forbidden', 'You may not change this device');
    if (row.status === 'retired')
      throw new ConflictError('device_retired', `Device ${code} is retired`, { code });
    return row;
  }

  return {
    /** Edits a device's name, place, component, date, attributes or (the center, or to its own) department. */
    async update(ctx: Ctx, code: string, patch: DeviceUpdate) {
      const before = await manageable(ctx, code);
      const directory = await deps.org.departmentDirectory();
      const checked = await checkDevice(deps, ctx, patch, directory, before);
      if (checked.foreignDepartment) throw new ForbiddenError('other_department', 'Not your department');
      if (checked.errors.length)
        throw new InputError('invalid_input', 'The change is invalid', checked.errors);
      await db.transaction(async (tx) => {
        await repo.updateDevice(tx, before.id, { ...checked.values, updatedAt: deps.now() });
        await audit.record(tx, ctx, {
          action: 'iot.device.update',
          targetType: 'iot_device',
          targetId: code,
          detail: fieldChanges(before, checked.values),
        });
        await announceChangeIn(tx, 'devices');
      });
      forgetTokens(); // the data path caches devices with their attributes and department
    },

    /** Retires a device: its token is refused from now on, its data stays. */
    async retire(ctx: Ctx, code: string, reason: string) {
      const before = await manageable(ctx, code);
      await db.transaction(async (tx) => {
        await repo.updateDevice(tx, before.id, { status: 'retired', updatedAt: deps.now() });
        await audit.record(tx, ctx, {
          action: 'iot.device.retire',
          targetType: 'iot_device',
          targetId: code,
          detail: { reason, status: before.status },
        });
        await announceChangeIn(tx, 'devices');
      });
      forgetTokens();
    },

    /** Gives the device a new token, shown this once; the old one is refused from now on. */
    async rotateToken(ctx: Ctx, code: string): Promise<{ token: string }> {
      const before = await manageable(ctx, code);
      const token = newAccessToken();
      await db.transaction(async (tx) => {
        await repo.updateDevice(tx, before.id, {
          tokenHash: hashToken(token),
          tokenHint: tokenHint(token),
          updatedAt: deps.now(),
        });
        await audit.record(tx, ctx, {
          action: 'iot.device.token',
          targetType: 'iot_device',
          targetId: code,
          detail: { oldHint: before.tokenHint, newHint: tokenHint(token) },
        });
      });
      forgetTokens();
      return { token };
    },

    /**
     * Marks a device faulty (in repair: its silence raises no alarm) or back in service; back in service it is
     * offline until it next sends.
     */
    async setFault(ctx: Ctx, code: string, fault: boolean, reason?: string) {
      const before = await manageable(ctx, code);
      const status = fault ? 'fault' : before.status === 'fault' ? 'offline' : before.status;
      if (status === before.status) return;
      await db.transaction(async (tx) => {
        await repo.updateDevice(tx, before.id, { status, updatedAt: deps.now() });
        await audit.record(tx, ctx, {
          action: fault ? 'iot.device.fault' : 'iot.device.repair',
          targetType: 'iot_device',
          targetId: code,
          detail: { reason: reason ?? null, from: before.status, to: status },
        });
        await announceChangeIn(tx, 'devices');
      });
      forgetTokens();
    },
  };
}
