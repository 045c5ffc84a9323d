/**
 * The sensing layer's history import (历史数据导入): past readings and past alarms with their cases, for a district
 * that moves to OneCity with its record, and for the demo district's month. In-process callers only: no route
 * offers it, since the times of what it writes are the caller's word.
 */
import { createAlarmsImport, type HistoryDeps } from './alarms.ts';
import './messages.ts';
import { createReadingsImport } from './readings.ts';

export type { AlarmsImported, PastAlarm, PastCaseHandling } from './alarms.ts';
export type { PastReading, ReadingsImported } from './readings.ts';

/** Creates the history import. */
export function createHistoryService(deps: HistoryDeps) {
  return { ...createReadingsImport(deps), ...createAlarmsImport(deps) };
}
export type HistoryService = ReturnType<typeof createHistoryService>;
