/**
 * The demo district's resident, to try the citizen app (/m) with: a person of the district who is also the legal
 * representative of a company in business, linked to it so that "act for the company" works at once. Picked the same
 * way every time from the loaded registries: the first such company by credit code whose representative the
 * population registry holds under the same name. Created once, with a random password printed once, like the first
 * admin's: the demo makes no account whose password anyone else knows.
 */
import { ConflictError } from '../core/errors.ts';
import { generatePassword } from '../modules/accounts/index.ts';
import type { Modules } from '../server/modules.ts';
import { demoCtx } from './demo-ctx.ts';

/** The resident made (or found made already), and the password to print (null when it was made before). */
export type DemoResident = {
  idNumber: string;
  name: string;
  phone: string | null;
  company: { creditCode: string; name: string };
  username: string | null;
  password: string | null;
};

const PAGE = 100;
// Companies looked at before giving up (a district whose registries hold no match has no demo resident).
const MAX_PAGES = 20;

/** The first company in business whose legal representative the population registry holds by the same name. */
async function pick(modules: Modules) {
  const { registry } = modules;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { rows } = await registry.service.share.page('legal_person', [], { page, pageSize: PAGE });
    for (const row of rows) {
      const { status, legal_rep_id_number: repId, legal_rep_name: repName, name } = row.values;
      if ((status !== '存续' && status !== '在业') || !repId || !repName || !name) continue;
      const person = await registry.service.get('population', repId).catch(() => null);
      if (person?.values.name !== repName) continue;
      return {
        idNumber: repId,
        name: repName,
        // A mobile number is a name to sign in with; a landline is not.
        phone: /^1\d{10}$/.test(person.values.phone ?? '') ? person.values.phone! : null,
        company: { creditCode: row.key, name },
      };
    }
    if (rows.length < PAGE) break;
  }
  return null;
}

/** Makes the demo resident's account (once) and links their company; null when the registries hold no one fitting. */
export async function seedDemoResident(modules: Modules): Promise<DemoResident | null> {
  const picked = await pick(modules);
  if (!picked) return null;
  const password = generatePassword();
  const created = await modules.accounts.users
    .createCitizen(demoCtx('demo', '演示数据'), { ...picked, password }, 'demo')
    .catch((error: unknown) => {
      if (error instanceof ConflictError && error.code === 'duplicate_id_number') return null;
      throw error;
    });
  if (!created) return { ...picked, username: null, password: null };
  const actor = {
    userId: created.id,
    username: created.username,
    displayName: created.displayName,
    departmentId: null,
    roles: created.roles,
    via: 'system' as const,
  };
  await modules.citizen.companies.link({ actor, ip: null, requestId: null }, picked.company.creditCode);
  return { ...picked, username: created.username, password };
}

/** The line the demo load prints: how a tester signs in to the citizen app. */
export function describeDemoResident(resident: DemoResident | null): string {
  if (!resident) return 'no demo resident: the registries hold no legal representative to make one of';
  const who = `${resident.name}, legal representative of ${resident.company.name} (${resident.company.creditCode})`;
  if (!resident.password)
    return `the demo resident exists already (${who}): sign in to /m with ID number ${resident.idNumber}`;
  return `demo resident for the citizen app: sign in at /m/login with ID number ${resident.idNumber} (or user name ${resident.username}) and password ${resident.password}  (shown once; ${who})`;
}
