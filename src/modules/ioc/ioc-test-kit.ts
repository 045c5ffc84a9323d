// Test support for the ioc tests: a platform with the center, a department, a leader, a screen account and the desk.
import { type DatabaseKind, startPlatformWithUsers } from '../../../test/databases.ts';

export type Who = { cookie: string };

/**
 * A platform with: `admin`, `steward`, `cgj` (城管局 department user), `operator` (12345 desk), `leader`, `screen` (a
 * screen account). `now` is the platform's clock (tests move it).
 */
export async function iocPlatform(kind: DatabaseKind, now?: () => Date, env: Record<string, string> = {}) {
  const { p, as, ids, call } = await startPlatformWithUsers(
    kind,
    [
      ['steward', 'SJZX', ['steward']],
      ['cgj', 'CGJ', ['department_user']],
      ['operator', 'SJZX', ['operator']],
      ['leader', null, ['leader']],
      ['screen', null, ['screen']],
    ],
    'Operations#2026x',
    env,
    now,
  );
  return { p, as, ids, call };
}
