/**
 * Registering many devices at once for the demo and for `onecity simulate --register`, with their tokens.
 * Stands in for the device registry's `registerMany` until that lands (then the callers switch to it).
 */
import type { Ctx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import type { AuditService } from '../../audit/index.ts';
import type { OrgService } from '../../org/index.ts';
import { hashToken, newAccessToken, tokenHint } from '../devices/token.ts';
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

// Inserted and audited this many at a time: one transaction per chunk keeps each short.
const CHUNK = 500;

/**
 * Registers the devices whose codes are free (the others are left as they are), each with a new access token,
 * placed in its subdistrict and community by its point; returns the new devices' codes and tokens.
 */
export async function registerDevices(
  deps: { db: Db; audit: AuditService; org: Pick<OrgService, 'places'> },
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
    if (fresh.length === 0) continue;
    const rows = await Promise.all(
      fresh.map(async (d) => {
        const token = newAccessToken();
        const located = await deps.org.places.locate(d.lng, d.lat);
        tokens.push({ code: d.code, token });
        return {
          code: d.code,
          profileCode: d.profileCode,
          name: d.name,
          lng: d.lng,
          lat: d.lat,
          subdistrictCode: located?.subdistrictCode ?? null,
          communityCode: located?.communityCode ?? null,
          departmentId: d.departmentId,
          componentCode: d.componentCode ?? null,
          installedOn: d.installedOn ?? null,
          status: 'offline',
          tokenHash: hashToken(token),
          tokenHint: tokenHint(token),
          attributes: d.attributes ?? {},
        };
      }),
    );
    await deps.db.transaction(async (tx) => {
      const inserted = await repo.insertDevices(tx, rows);
      await deps.audit.recordMany(
        tx,
        inserted.map((d) => ({
          ctx,
          event: { action: 'iot.device.create', targetType: 'iot_device', targetId: d.code },
        })),
      );
    });
  }
  return tokens;
}
