import type { Ctx } from '../../../core/context.ts';
import { NotFoundError } from '../../../core/errors.ts';
import { mayReadDevice } from '../policy.ts';
import type { DeviceRef } from '../ports.ts';
import { deviceChanges } from './change.ts';
import type { DeviceDeps } from './deps.ts';
import { deviceImport } from './import.ts';
import { deviceReads } from './read.ts';
import { deviceRegistration } from './register.ts';
import * as repo from './repository.ts';
import { hashToken } from './token.ts';

export type { DeviceDeps } from './deps.ts';

// A device's messages arrive many times a second: each process keeps what a token stands for this long, so a
// retired device or a rotated token is refused within it everywhere (at once in the process that made the change).
const TOKEN_CACHE_MS = 5_000;

/** The device registry: register, import, edit, retire, tokens; and the data path's lookups. */
export function createDeviceService(deps: DeviceDeps) {
  const { db } = deps;
  const byToken = new Map<string, { device: DeviceRef | null; at: number }>();
  const forgetTokens = () => byToken.clear();
  // The audit page names a device by its name; its code is the entry's target id.
  deps.audit.nameTargets('iot_device', async (codes) => {
    const rows = await repo.namesOf(db, codes);
    return new Map(rows.map((r) => [r.code, `${r.name}（${r.code}）`]));
  });

  return {
    ...deviceRegistration(deps),
    ...deviceReads(deps),
    ...deviceChanges(deps, forgetTokens),
    ...deviceImport(deps, forgetTokens),

    /** The device holding this access token, or null (unknown, or retired). */
    async authenticate(token: string): Promise<DeviceRef | null> {
      const hash = hashToken(token);
      const cached = byToken.get(hash);
      if (cached && Date.now() - cached.at < TOKEN_CACHE_MS) return cached.device;
      const found = await repo.findRefByTokenHash(db, hash);
      const device = found && found.status !== 'retired' ? found : null;
      if (byToken.size > 100_000) byToken.clear();
      byToken.set(hash, { device, at: Date.now() });
      return device;
    },

    /** Forgets what this process cached of tokens (after a device is retired or its token rotated). */
    forgetTokens,

    /** A device by its code (a gateway names its devices so), or null. */
    async byCode(code: string): Promise<DeviceRef | null> {
      return repo.findRefByCode(db, code);
    },

    /** The device `code` if the caller may read it; NotFoundError otherwise (another department's is not shown). */
    async requireReadable(ctx: Ctx, code: string): Promise<DeviceRef> {
      const device = await repo.findRefByCode(db, code);
      if (!device || !mayReadDevice(ctx.actor, device.departmentId)) throw new NotFoundError('device', code);
      return device;
    },
  };
}
export type DeviceService = ReturnType<typeof createDeviceService>;
