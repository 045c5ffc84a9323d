import type { IncidentView } from '../contract.ts';
import type { IncidentRow } from './repository.ts';

type Line = IncidentView['timeline'][number];
type LinkedCase = {
  number: string;
  steps: { action: string; actorName: string; note: string | null; at: string }[];
};
type LinkedAlarm = {
  id: number;
  deviceCode: string;
  deviceName: string;
  message: string;
  startedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  clearedAt: string | null;
};

// The timeline is a screen's column, not an archive: past this many lines only the newest are shown.
const MOST_LINES = 300;

const iso = (at: string | Date) => new Date(at).toISOString();

/** Everything that happened to an incident and its linked cases and alarms, oldest first. */
export function timelineOf(row: IncidentRow, cases: LinkedCase[], alarms: LinkedAlarm[]): Line[] {
  const lines: Line[] = [];
  const add = (line: Omit<Line, 'action' | 'note'> & Partial<Pick<Line, 'action' | 'note'>>) =>
    lines.push({ action: null, note: null, ...line });
  const ref = String(row.id);
  add({
    at: iso(row.startedAt),
    kind: 'incident_started',
    ref,
    what: `启动战时：${row.title}`,
    by: row.startedByName,
  });
  if (row.endedAt)
    add({
      at: iso(row.endedAt),
      kind: 'incident_ended',
      ref,
      what: row.endNote ? `恢复平时：${row.endNote}` : '恢复平时',
      by: row.endedByName,
      note: row.endNote,
    });
  for (const c of cases)
    for (const step of c.steps)
      add({
        at: iso(step.at),
        kind: 'case_step',
        ref: c.number,
        action: step.action,
        what: `工单 ${c.number} ${step.action}${step.note ? `：${step.note}` : ''}`,
        by: step.actorName,
        note: step.note,
      });
  for (const a of alarms) {
    const device = `${a.deviceName}（${a.deviceCode}）`;
    const alarm = String(a.id);
    add({
      at: iso(a.startedAt),
      kind: 'alarm_started',
      ref: alarm,
      what: `告警：${a.message}`,
      by: null,
      note: a.message,
    });
    if (a.acknowledgedAt)
      add({
        at: iso(a.acknowledgedAt),
        kind: 'alarm_acknowledged',
        ref: alarm,
        what: `告警已确认：${device}`,
        by: a.acknowledgedBy,
      });
    if (a.clearedAt)
      add({
        at: iso(a.clearedAt),
        kind: 'alarm_cleared',
        ref: alarm,
        what: `告警已消除：${device}`,
        by: null,
      });
  }
  // Stable: lines of one moment keep the order they were added in (the incident, then cases, then alarms).
  return lines.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).slice(-MOST_LINES);
}
