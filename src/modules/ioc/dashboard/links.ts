/**
 * Where each to-do of the dashboards is done: a console page, with the list's filter in the query string as that
 * page reads it (its useListParams keys). Plain data, so the server (which may not import the console) and the
 * test that checks each path against the console's routes read the same list.
 */

/** The to-dos a dashboard may show, most pressing first within each tone. */
export const todoKeys = [
  'overdueCases',
  'failedBatches',
  'activeAlarms',
  'sharingCenterApprovals',
  'sharingProviderApprovals',
  'registryConflicts',
  'objectionsOpen',
  'objectionsAssigned',
  'caseInbox',
  'deskInbox',
  'warningCases',
  'offlineDevices',
] as const;
export type TodoKey = (typeof todoKeys)[number];

/** Each to-do's page and its tone: 'danger' for what is late or broken, 'warning' for what waits on the user. */
export const todoLinks: Record<TodoKey, { link: string; tone: 'danger' | 'warning' | 'info' }> = {
  // events/web/cases-page.tsx: `clock` (warning | overdue) and `tab` (inbox | all).
  overdueCases: { link: '/events/cases?clock=overdue', tone: 'danger' },
  warningCases: { link: '/events/cases?clock=warning', tone: 'warning' },
  caseInbox: { link: '/events/cases?tab=inbox', tone: 'warning' },
  deskInbox: { link: '/events/cases?tab=inbox', tone: 'warning' },
  // ingest/web/batches-page.tsx: `status`.
  failedBatches: { link: '/ingest/batches?status=failed', tone: 'danger' },
  // iot/web/alarms-page.tsx and devices-page.tsx: `status`.
  activeAlarms: { link: '/iot/alarms?status=active', tone: 'danger' },
  offlineDevices: { link: '/iot/devices?status=offline', tone: 'warning' },
  // sharing/web/applications-page.tsx: `scope` (inbox | all | mine) and `status`.
  sharingCenterApprovals: {
    link: '/sharing/applications?scope=inbox&status=pending_center',
    tone: 'warning',
  },
  sharingProviderApprovals: {
    link: '/sharing/applications?scope=inbox&status=pending_provider',
    tone: 'warning',
  },
  // registry/web/conflicts-page.tsx: `status`; objections-page.tsx: `scope` (all | raised | assigned) and `status`.
  registryConflicts: { link: '/registry/conflicts?status=open', tone: 'warning' },
  objectionsOpen: { link: '/registry/objections?scope=all&status=open', tone: 'warning' },
  objectionsAssigned: { link: '/registry/objections?scope=assigned&status=open', tone: 'warning' },
};

/** A department's open cases waiting for it, soonest due first: where the dashboard's cases-by-due card leads. */
export const casesByDueLink = '/events/cases?tab=inbox&sort=dueAt&order=asc';
