// Test support for the iot tests: a platform with the center, departments and a leader, calls as each, and devices.
import { type DatabaseKind, startPlatformWithUsers } from '../../../test/databases.ts';
import { hashToken, newAccessToken, tokenHint } from './devices/token.ts';
import { devices } from './schema.ts';

export type Who = { cookie: string };

const PASSWORD = 'Sensing#2026x';

/** A point in 高塘岭街道, inside the district. */
export const GAOTANGLING = { lng: 112.82, lat: 28.37 };

/**
 * A platform with: `admin`, `cgj` (城管局), `slj` (水利局), `jtysj` (交通运输局), `operator` (12345 desk), `leader`.
 * `now` is the platform's clock (tests move it).
 */
export async function iotPlatform(kind: DatabaseKind, now?: () => Date, env: Record<string, string> = {}) {
  const { p, as, ids, call, directory } = await startPlatformWithUsers(
    kind,
    [
      ['cgj', 'CGJ', ['department_user']],
      ['slj', 'SLJ', ['department_user']],
      ['jtysj', 'JTYSJ', ['department_user']],
      ['operator', 'SJZX', ['operator']],
      ['leader', null, ['leader']],
    ],
    PASSWORD,
    env,
    now,
  );

  /**
   * Registers a device straight in the table (for the tests of the data path, which do not test registration) and
   * returns it with its access token.
   */
  async function addDevice(input: {
    code: string;
    profile: string;
    department: string;
    lng?: number;
    lat?: number;
    attributes?: Record<string, unknown>;
    status?: string;
  }) {
    const token = newAccessToken();
    const [row] = await p.database.db
      .insert(devices)
      .values({
        code: input.code,
        profileCode: input.profile,
        name: input.code,
        lng: input.lng ?? GAOTANGLING.lng,
        lat: input.lat ?? GAOTANGLING.lat,
        departmentId: directory.byCode.get(input.department)!.id,
        status: input.status ?? 'offline',
        tokenHash: hashToken(token),
        tokenHint: tokenHint(token),
        attributes: input.attributes ?? {},
      })
      .returning();
    return { ...row!, token };
  }

  return { p, as, ids, call, addDevice };
}
