import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../web/kit/api.ts';
import type { Alarm } from './iot-types.ts';

/** Query keys of alarms start with this; the live stream invalidates them when an alarm changes. */
export const alarmsKey = ['iot', 'alarms'] as const;

export const alarmsPath = '/iot/alarms';

/** Where the server pushes alarms as they are raised, updated and cleared (server-sent events). */
export const alarmStreamUrl = '/api/iot/alarms/stream';

export type AlarmFilters = {
  status?: string;
  severity?: string;
  device?: string;
  profile?: string;
  page: number;
  pageSize: number;
};

/**
 * One page of alarms. No polling: the live stream (alarm-listener.tsx) invalidates the list when an alarm
 * changes.
 */
export function useAlarmPage(filters: AlarmFilters, enabled = true) {
  return useQuery({
    queryKey: [...alarmsKey, 'list', filters],
    queryFn: () => api.get<{ items: Alarm[]; total: number }>('/api/iot/alarms', filters),
    placeholderData: (previous) => previous,
    enabled,
  });
}

/** Acknowledges an alarm (someone is on it). */
export const ackAlarm = (id: number) => api.post<Alarm>(`/api/iot/alarms/${id}/ack`);

/** Clears an alarm by hand. */
export const clearAlarm = (id: number) => api.post<Alarm>(`/api/iot/alarms/${id}/clear`);
