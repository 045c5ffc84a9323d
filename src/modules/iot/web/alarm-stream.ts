import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { alarmStreamUrl, alarmsKey } from './alarms-api.ts';
import { devicePath, devicesKey } from './devices-api.ts';
import type { Alarm } from './iot-types.ts';

// Each alarm is announced once, on whichever sensing page is open: repeats of an alarm only raise its count.
const announced = new Set<number>();

const notice: Record<string, 'error' | 'warning' | 'info'> = {
  critical: 'error',
  major: 'error',
  minor: 'warning',
  warning: 'info',
};

// Only the alarm list and the device page listen, not the whole console: an open stream is a request that never
// ends, and tests of the other pages wait for the network to go quiet.

/**
 * Listens to the alarm stream while the alarm list or a device's page is open: any change refreshes the alarm lists and device
 * views (so alarms are never polled), and an alarm raised now is announced with a notification in its severity's
 * colour. The browser's EventSource reconnects by itself when the connection drops.
 */
export function useAlarmStream() {
  const { t } = useTranslation('iot');
  const { notification } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const say = useRef({ t, notification, navigate });
  say.current = { t, notification, navigate };

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(alarmStreamUrl, { withCredentials: true });
    source.addEventListener('alarm', (event) => {
      void queryClient.invalidateQueries({ queryKey: alarmsKey });
      void queryClient.invalidateQueries({ queryKey: devicesKey });
      let alarm: Alarm;
      try {
        alarm = JSON.parse((event as MessageEvent<string>).data) as Alarm;
      } catch {
        return;
      }
      if (alarm.status !== 'active_unack' || announced.has(alarm.id)) return;
      announced.add(alarm.id);
      const { t, notification, navigate } = say.current;
      notification[notice[alarm.severity] ?? 'warning']({
        key: `iot-alarm-${alarm.id}`,
        title: `${t(`severity.${alarm.severity}`)} · ${alarm.deviceName || alarm.deviceCode}`,
        description: alarm.message,
        placement: 'bottomRight',
        duration: alarm.severity === 'critical' ? 0 : 8,
        onClick: () => navigate(devicePath(alarm.deviceCode)),
        props: { 'data-testid': 'alarm-notification' } as object,
      });
    });
    return () => source.close();
  }, [queryClient]);
}
