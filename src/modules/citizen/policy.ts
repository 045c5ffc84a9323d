/**
 * Who may use the citizen app's API and the center's side of it. Residents (role `citizen`) see and act on their
 * own data only; a resident acting for a company (its legal representative) sees that company's. The center's
 * staff keep the services directory and the notices.
 */
import type { Role } from '../../core/context.ts';

export const citizenPolicy = {
  /** A resident's own pages: information, licenses, reports, companies. */
  resident: ['citizen'] as const satisfies readonly Role[],
  /** Keep the services directory and publish notices (console). */
  publish: ['admin', 'steward'] as const satisfies readonly Role[],
};
