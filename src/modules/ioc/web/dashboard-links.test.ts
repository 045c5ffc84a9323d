// Every link of the dashboards opens a page the console routes, for the roles that get it. The console's routes are
// the web modules' `routes` (the shell's web/src/modules.ts lists them; a module may not import the shell).
import { matchPath } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../core/context.ts';
import { eventsWeb } from '../../events/web/index.ts';
import { ingestWeb } from '../../ingest/web/index.ts';
import { iotWeb } from '../../iot/web/index.ts';
import { registryWeb } from '../../registry/web/index.ts';
import { sharingWeb } from '../../sharing/web/index.ts';
import { casesByDueLink, type TodoKey, todoKeys, todoLinks } from '../dashboard/links.ts';
import { iocPolicy } from '../policy.ts';

const routes = [eventsWeb, ingestWeb, iotWeb, registryWeb, sharingWeb].flatMap((m) => m.routes);

/** Who gets each to-do (dashboard/service.ts): they must be let onto its page. */
const holders: Record<TodoKey, Role[]> = {
  overdueCases: ['admin', 'steward', 'department_user', 'leader', 'operator'],
  warningCases: ['operator'],
  caseInbox: ['department_user'],
  deskInbox: ['operator'],
  failedBatches: ['admin', 'steward', 'department_user'],
  activeAlarms: ['department_user', 'operator'],
  offlineDevices: ['admin', 'steward', 'department_user'],
  sharingCenterApprovals: ['admin', 'steward'],
  sharingProviderApprovals: ['department_user'],
  registryConflicts: ['admin', 'steward'],
  objectionsOpen: ['admin', 'steward'],
  objectionsAssigned: ['department_user'],
};

/** The console route a link opens (its path without the query), or undefined. */
function routeOf(link: string) {
  const url = new URL(link, 'http://console');
  expect(url.origin + url.pathname + url.search).toBe(`http://console${link}`);
  // Static paths rank above parameterised ones in react-router, as here.
  const matching = routes.filter((route) => matchPath(route.path, url.pathname));
  return matching.find((route) => !route.path.includes(':')) ?? matching[0];
}

describe('the dashboards’ links', () => {
  it('opens a routed page for each to-do, to everyone who gets it', () => {
    for (const key of todoKeys) {
      const route = routeOf(todoLinks[key].link);
      expect(route, key).toBeDefined();
      for (const role of holders[key]) {
        expect(route!.roles === undefined || route!.roles.includes(role), `${key} for ${role}`).toBe(true);
        expect(iocPolicy.dashboard as readonly Role[]).toContain(role);
      }
    }
  });

  it("opens a department's cases soonest due first from the cases-by-due card", () => {
    const route = routeOf(casesByDueLink);
    expect(route?.path).toBe('/events/cases');
    for (const role of iocPolicy.departmentDashboard) expect(route!.roles).toContain(role);
  });

  it('finds no page for a path the console does not have (the check can fail)', () => {
    expect(routeOf('/events/no-such-page?clock=overdue')).toBeUndefined();
    expect(routeOf('/sharing/applications/inbox/all')).toBeUndefined();
  });
});
