import {
  AlertOutlined,
  ApiOutlined,
  AppstoreOutlined,
  EnvironmentOutlined,
  NodeIndexOutlined,
  RadarChartOutlined,
} from '@ant-design/icons';
import { createElement, lazy } from 'react';
import type { WebModule } from '../../../../web/kit/web-module.ts';
import { iotPolicy } from '../policy.ts';
import { alarmsPath } from './alarms-api.ts';
import { profilesPath, rulesPath } from './config-api.ts';
import { deviceMapPath, devicesPath } from './devices-api.ts';
import { menuEn, menuZhCN } from './menu-messages.ts';

const DevicesPage = lazy(() => import('./devices-page.tsx').then((m) => ({ default: m.DevicesPage })));
const DevicePage = lazy(() => import('./device-page.tsx').then((m) => ({ default: m.DevicePage })));
const DeviceMapPage = lazy(() => import('./device-map-page.tsx').then((m) => ({ default: m.DeviceMapPage })));
const AlarmsPage = lazy(() => import('./alarms-page.tsx').then((m) => ({ default: m.AlarmsPage })));
const RulesPage = lazy(() => import('./rules-page.tsx').then((m) => ({ default: m.RulesPage })));
const ProfilesPage = lazy(() => import('./profiles-page.tsx').then((m) => ({ default: m.ProfilesPage })));

// The side menu gathers the module's entries under one heading, 城市感知.
const group = { key: 'iot', label: 'menu.group', icon: createElement(RadarChartOutlined) };

/** The city-sensing console (城市感知): devices, their map and pages, alarms (pushed live), rules and profiles. */
export const iotWeb: WebModule = {
  name: 'iot',
  messages: { 'zh-CN': menuZhCN, en: menuEn },
  routes: [
    { path: devicesPath, component: DevicesPage, roles: iotPolicy.read },
    { path: `${devicesPath}/:code`, component: DevicePage, roles: iotPolicy.read },
    { path: deviceMapPath, component: DeviceMapPage, roles: iotPolicy.read },
    { path: alarmsPath, component: AlarmsPage, roles: iotPolicy.read },
    { path: rulesPath, component: RulesPage, roles: iotPolicy.read },
    { path: profilesPath, component: ProfilesPage, roles: iotPolicy.read },
  ],
  menu: [
    {
      path: devicesPath,
      label: 'menu.devices',
      icon: createElement(ApiOutlined),
      order: 70,
      roles: iotPolicy.read,
      group,
    },
    {
      path: deviceMapPath,
      label: 'menu.map',
      icon: createElement(EnvironmentOutlined),
      order: 71,
      roles: iotPolicy.read,
      group,
    },
    {
      path: alarmsPath,
      label: 'menu.alarms',
      icon: createElement(AlertOutlined),
      order: 72,
      roles: iotPolicy.read,
      group,
    },
    {
      path: rulesPath,
      label: 'menu.rules',
      icon: createElement(NodeIndexOutlined),
      order: 73,
      roles: iotPolicy.read,
      group,
    },
    {
      path: profilesPath,
      label: 'menu.profiles',
      icon: createElement(AppstoreOutlined),
      order: 74,
      roles: iotPolicy.read,
      group,
    },
  ],
};
