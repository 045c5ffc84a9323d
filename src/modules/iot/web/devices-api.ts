import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../web/kit/api.ts';
import type {
  DeviceDetail,
  DeviceInput,
  DevicePoint,
  DeviceSummary,
  ImportResult,
  Latest,
  Timeseries,
} from './iot-types.ts';

/** Query keys of devices start with this, so one invalidation refreshes every device view. */
export const devicesKey = ['iot', 'devices'] as const;

export const devicesPath = '/iot/devices';
export const deviceMapPath = '/iot/map';
/** The console path of one device. */
export const devicePath = (code: string) => `${devicesPath}/${encodeURIComponent(code)}`;

const one = (code: string) => `/api/iot/devices/${encodeURIComponent(code)}`;

export type DeviceFilters = {
  q?: string;
  profile?: string;
  status?: string;
  departmentId?: string;
  subdistrict?: string;
  page: number;
  pageSize: number;
  sort?: string;
};

/** One page of the devices the user sees. */
export function useDevicePage(filters: DeviceFilters) {
  return useQuery({
    queryKey: [...devicesKey, 'list', filters],
    queryFn: () => api.get<{ items: DeviceSummary[]; total: number }>('/api/iot/devices', filters),
    placeholderData: (previous) => previous,
  });
}

/** Every device the user sees, as points for the map. */
export function useDeviceMap(filters: { profile?: string; status?: string }) {
  return useQuery({
    queryKey: [...devicesKey, 'map', filters],
    queryFn: () => api.get<{ items: DevicePoint[] }>('/api/iot/devices/map', filters),
    placeholderData: (previous) => previous,
    refetchInterval: 30_000,
  });
}

/** One device with its keys, attributes, refused payloads and whether the user may manage it. */
export function useDevice(code: string, enabled = true) {
  return useQuery({
    queryKey: [...devicesKey, 'one', code],
    queryFn: () => api.get<DeviceDetail>(one(code)),
    enabled,
  });
}

/** The device's last values, asked for every second: a value a device sends shows within a second. */
export function useLatest(code: string) {
  return useQuery({
    queryKey: [...devicesKey, 'latest', code],
    queryFn: () => api.get<Latest>(`${one(code)}/latest`),
    refetchInterval: 1000,
    placeholderData: (previous) => previous,
  });
}

/** The values of `keys` over the last `hours` hours; the server picks the interval. */
export function useTimeseries(code: string, keys: string[], hours: number) {
  return useQuery({
    queryKey: [...devicesKey, 'timeseries', code, keys, hours],
    queryFn: () => {
      const to = new Date();
      const from = new Date(to.getTime() - hours * 3_600_000);
      return api.get<Timeseries>(`${one(code)}/timeseries`, {
        keys: keys.join(','),
        from: from.toISOString(),
        to: to.toISOString(),
        interval: 'auto',
      });
    },
    enabled: keys.length > 0,
    placeholderData: (previous) => previous,
    refetchInterval: hours <= 1 ? 10_000 : 60_000,
  });
}

/** Registers a device; the answer holds its token, shown once. */
export const registerDevice = (input: DeviceInput) =>
  api.post<{ device: DeviceDetail; token: string }>('/api/iot/devices', input);

/** Changes a device's name, place, component, install date, attributes or department. */
export const updateDevice = (code: string, input: Partial<Omit<DeviceInput, 'code' | 'profileCode'>>) =>
  api.patch<DeviceDetail>(one(code), input);

/** Takes a device out of service for good. */
export const retireDevice = (code: string, reason: string) => api.post(`${one(code)}/retire`, { reason });

/** Gives the device a new token (the old one stops working); the answer's token is shown once. */
export const rotateToken = (code: string) => api.post<{ token: string }>(`${one(code)}/token`);

/** Marks a device faulty, or back in service. */
export const markFault = (code: string, fault: boolean, reason?: string) =>
  api.post(`${one(code)}/fault`, { fault, reason });

// The workbook goes as the raw request body, as the catalog's import does (the server takes no multipart).
/** Tries (dryRun) or imports a workbook of devices. */
export const importDevices = (file: Blob, dryRun: boolean) =>
  api.upload<ImportResult>('/api/iot/devices/import', { dryRun }, file);

/** Downloads the import template (a workbook with the columns of every profile). */
export const downloadTemplate = () => api.download('/api/iot/devices/template.xlsx', 'devices-template.xlsx');
