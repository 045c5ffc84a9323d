/**
 * The seed profiles (设备类型) of the sensing layer the seeds describe, and their default rules. Data the center
 * edits later; seeding adds what is missing and changes nothing already there.
 */

import type { Severity } from '../ports.ts';
import type { AttributeDef, RuleKind, TelemetryKeyDef } from '../schema.ts';

export type ProfileSeed = {
  code: string;
  name: string;
  nameEn: string;
  keys: TelemetryKeyDef[];
  attributes?: AttributeDef[];
  retentionDays?: number;
  offlineMinutes?: number;
};

export type RuleSeed = {
  profileCode: string;
  name: string;
  kind: RuleKind;
  params: Record<string, unknown>;
  severity: Severity;
  caseCategory?: string;
};

const noise: TelemetryKeyDef = {
  key: 'noise',
  name: '噪声',
  nameEn: 'Noise',
  unit: 'dB',
  type: 'number',
  min: 20,
  max: 140,
};

export const profileSeeds: ProfileSeed[] = [
  {
    code: 'lamppost',
    name: '智慧灯杆',
    nameEn: 'Smart lamppost',
    keys: [
      { key: 'lamp', name: '照明', nameEn: 'Lamp on', type: 'boolean' },
      { key: 'power', name: '功率', nameEn: 'Power', unit: 'W', type: 'number', min: 0, max: 2000 },
      { key: 'pm25', name: 'PM2.5', nameEn: 'PM2.5', unit: 'µg/m³', type: 'number', min: 0, max: 1000 },
      noise,
    ],
  },
  {
    code: 'manhole',
    name: '智能井盖',
    nameEn: 'Smart manhole cover',
    keys: [
      { key: 'tilt', name: '倾角', nameEn: 'Tilt', unit: '°', type: 'number', min: 0, max: 180 },
      {
        key: 'water',
        name: '井下水位',
        nameEn: 'Water under cover',
        unit: 'cm',
        type: 'number',
        min: 0,
        max: 500,
      },
      { key: 'battery', name: '电量', nameEn: 'Battery', unit: '%', type: 'number', min: 0, max: 100 },
    ],
    offlineMinutes: 60,
  },
  {
    code: 'water_level',
    name: '水位站',
    nameEn: 'Water-level station',
    keys: [
      { key: 'level', name: '水位', nameEn: 'Water level', unit: 'm', type: 'number', min: 0, max: 200 },
      { key: 'rainfall', name: '雨强', nameEn: 'Rainfall', unit: 'mm/h', type: 'number', min: 0, max: 500 },
    ],
    attributes: [
      { key: 'warning_level', name: '警戒水位', nameEn: 'Warning level', unit: 'm', type: 'number' },
      { key: 'guarantee_level', name: '保证水位', nameEn: 'Guarantee level', unit: 'm', type: 'number' },
    ],
    retentionDays: 90,
  },
  {
    code: 'dust',
    name: '工地扬尘监测',
    nameEn: 'Construction-site monitor',
    keys: [
      { key: 'pm10', name: 'PM10', nameEn: 'PM10', unit: 'µg/m³', type: 'number', min: 0, max: 3000 },
      noise,
    ],
  },
  {
    code: 'wim',
    name: '治超检测站',
    nameEn: 'Weigh-in-motion station',
    keys: [
      { key: 'plate', name: '车牌', nameEn: 'Plate', type: 'string' },
      { key: 'axles', name: '轴数', nameEn: 'Axles', type: 'integer', min: 2, max: 12 },
      {
        key: 'gross_weight',
        name: '总重',
        nameEn: 'Gross weight',
        unit: 't',
        type: 'number',
        min: 0,
        max: 200,
      },
      { key: 'speed', name: '车速', nameEn: 'Speed', unit: 'km/h', type: 'number', min: 0, max: 200 },
    ],
    retentionDays: 365,
    offlineMinutes: 30,
  },
  {
    code: 'gateway',
    name: '物联网关',
    nameEn: 'IoT gateway',
    keys: [],
  },
];

/** Default rules. Thresholds by attribute name (`{ attr }`) read each station's own levels. */
export const ruleSeeds: RuleSeed[] = [
  {
    profileCode: 'manhole',
    name: '井盖倾斜',
    kind: 'threshold',
    params: { key: 'tilt', op: '>', value: 15, hysteresis: 3 },
    severity: 'critical',
    caseCategory: 'city.manhole',
  },
  {
    profileCode: 'manhole',
    name: '井下积水',
    kind: 'duration',
    params: { key: 'water', op: '>', value: 80, minutes: 10 },
    severity: 'major',
    caseCategory: 'water.flood',
  },
  {
    profileCode: 'manhole',
    name: '电量低',
    kind: 'threshold',
    params: { key: 'battery', op: '<', value: 10, hysteresis: 5 },
    severity: 'warning',
  },
  {
    profileCode: 'lamppost',
    name: '路灯不亮',
    kind: 'combination',
    params: {
      all: [
        { key: 'lamp', op: '=', value: 1 },
        { key: 'power', op: '<', value: 5 },
      ],
    },
    severity: 'minor',
    caseCategory: 'city.streetlight',
  },
  {
    profileCode: 'lamppost',
    name: 'PM2.5 持续超标',
    kind: 'duration',
    params: { key: 'pm25', op: '>', value: 150, minutes: 30 },
    severity: 'warning',
  },
  {
    profileCode: 'water_level',
    name: '超警戒水位',
    kind: 'threshold',
    params: { key: 'level', op: '>', value: { attr: 'warning_level' }, hysteresis: 0.05 },
    severity: 'major',
  },
  {
    profileCode: 'water_level',
    name: '超保证水位',
    kind: 'threshold',
    params: { key: 'level', op: '>', value: { attr: 'guarantee_level' }, hysteresis: 0.05 },
    severity: 'critical',
    caseCategory: 'water.flood',
  },
  {
    profileCode: 'water_level',
    name: '超警戒且强降雨',
    kind: 'combination',
    params: {
      all: [
        { key: 'level', op: '>', value: { attr: 'warning_level' } },
        { key: 'rainfall', op: '>', value: 30 },
      ],
    },
    severity: 'critical',
    caseCategory: 'water.flood',
  },
  {
    profileCode: 'water_level',
    name: '水位陡涨',
    kind: 'rate',
    params: { key: 'level', delta: 0.5, minutes: 60 },
    severity: 'major',
  },
  {
    profileCode: 'dust',
    name: '扬尘超标',
    kind: 'duration',
    params: { key: 'pm10', op: '>', value: 150, minutes: 15 },
    severity: 'major',
    caseCategory: 'construction.site',
  },
  {
    profileCode: 'dust',
    name: '施工噪声超标',
    kind: 'duration',
    params: { key: 'noise', op: '>', value: 85, minutes: 10 },
    severity: 'minor',
  },
  {
    profileCode: 'wim',
    name: '车辆超限',
    kind: 'overweight',
    // GB 1589 limits by axle count; a reading over the limit by more than the weighing tolerance is a case.
    params: { plateKey: 'plate', axlesKey: 'axles', weightKey: 'gross_weight', tolerancePercent: 5 },
    severity: 'major',
    caseCategory: 'transport.overload',
  },
  ...['lamppost', 'manhole', 'water_level', 'dust', 'wim', 'gateway'].map(
    (profileCode): RuleSeed => ({
      profileCode,
      name: '设备离线',
      kind: 'nodata',
      params: {},
      severity: 'minor',
    }),
  ),
];
