import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../web/kit/api.ts';
import type { Incident, IncidentInput, IncidentView, ScreenMode } from '../contract.ts';

/** The screen's mode (routine, or emergency with its incident): GET /api/ioc/mode, also pushed as `mode` events. */
export const modeKey = ['ioc', 'mode'] as const;
/** Past and open incidents. */
export const incidentsKey = ['ioc', 'incidents'] as const;

/** The screen's mode as the server has it. No polling: the live stream pushes each switch (`{ type: 'mode' }`). */
export function useScreenMode(enabled = true) {
  return useQuery({
    queryKey: modeKey,
    queryFn: () => api.get<ScreenMode>('/api/ioc/mode'),
    enabled,
  });
}

/** One page of incidents, newest first. */
export function useIncidents(page: number, pageSize = 10, enabled = true) {
  return useQuery({
    queryKey: [...incidentsKey, page, pageSize],
    queryFn: () => api.get<{ items: Incident[]; total: number }>('/api/ioc/incidents', { page, pageSize }),
    placeholderData: (previous) => previous,
    enabled,
  });
}

/** Switches the screen to an incident (切换战时). */
export const startIncident = (input: IncidentInput) => api.post<IncidentView>('/api/ioc/incidents', input);

/** Returns the screen to routine (恢复平时). */
export const endIncident = (id: number, note?: string) =>
  api.post<Incident>(`/api/ioc/incidents/${id}/end`, note ? { note } : {});
