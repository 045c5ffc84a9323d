/**
 * Registering many devices at once for the demo and for `onecity simulate --register`: the device registry's
 * `registerMany` (checks, placing, audit), for the codes not registered yet, so that registering again adds
 * only what is missing.
 */
import type { Ctx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import type { DeviceService } from '../devices/service.ts';
import * as repo from './repository.ts';

/** A device to register (the fields of POST /api/iot/devices, with the department's id). */
export type DeviceInput = {
  code: string;
  profileCode: string;
  name: string;
  lng: number;
  lat: number;
  departmentId: number;
  componentCode?: string;
  installedOn?: string;
  attributes?: Record<string, unknown>;
};

// Registered this many at a time: one transaction per chunk keeps each short.
const CHUNK = 500;

/** Registers the devices whose codes are free (the others are left as they are); returns the new ones' tokens. */
export async function registerDevices(
  deps: { db: Db; devices: Pick<DeviceService, 'registerMany'> },
  ctx: Ctx,
  inputs: DeviceInput[],
): Promise<{ code: string; token: string }[]> {
  const tokens: { code: string; token: string }[] = [];
  for (let i = 0; i < inputs.length; i += CHUNK) {
    const chunk = inputs.slice(i, i + CHUNK);
    const taken = await repo.existingCodes(
      deps.db,
      chunk.map((d) => d.code),
    );
    const fresh = chunk.filter((d) => !taken.has(d.code));
    if (fresh.length) tokens.push(...(await deps.devices.registerMany(ctx, fresh)));
  }
  return tokens;
}
