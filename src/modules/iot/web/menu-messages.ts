import type { Messages } from '../../../../web/kit/web-module.ts';

// What the console knows of the `iot` namespace before any sensing page loads: the menu's labels (messages.ts
// adds the pages' strings).

export const menuZhCN: Messages = {
  menu: {
    group: '城市感知',
    devices: '设备',
    map: '设备地图',
    alarms: '告警',
    rules: '告警规则',
    profiles: '设备类型',
  },
};

export const menuEn: Messages = {
  menu: {
    group: 'City sensing',
    devices: 'Devices',
    map: 'Device map',
    alarms: 'Alarms',
    rules: 'Alarm rules',
    profiles: 'Device profiles',
  },
};
