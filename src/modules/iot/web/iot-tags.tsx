import { Tag, Tooltip } from 'antd';
import i18n from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../web/kit/format.ts';
import type { AlarmStatus, DeviceStatus, Severity, TelemetryKeyDef } from './iot-types.ts';

export const statusColors: Record<DeviceStatus, string> = {
  online: 'green',
  offline: 'default',
  fault: 'orange',
  retired: 'default',
};

/** Map and notification colours of alarm severities, worst first. */
export const severityColors: Record<Severity, string> = {
  critical: '#cf1322',
  major: '#fa541c',
  minor: '#faad14',
  warning: '#1677ff',
};

const severityTagColors: Record<Severity, string> = {
  critical: 'red',
  major: 'volcano',
  minor: 'gold',
  warning: 'blue',
};

/** 在线 in green, 离线 in grey, 故障 in orange, 已报废 struck through. */
export function DeviceStatusTag({ status }: { status: DeviceStatus }) {
  const { t } = useTranslation('iot');
  return (
    <Tag color={statusColors[status]} data-testid="device-status" data-status={status}>
      {status === 'retired' ? <s>{t(`status.${status}`)}</s> : t(`status.${status}`)}
    </Tag>
  );
}

/** An alarm's severity, coloured. */
export function SeverityTag({ severity }: { severity: Severity }) {
  const { t } = useTranslation('iot');
  return (
    <Tag color={severityTagColors[severity]} data-testid="alarm-severity">
      {t(`severity.${severity}`)}
    </Tag>
  );
}

/** An alarm's state: active (red when nobody has acknowledged it) or cleared. */
export function AlarmStatusTag({ status }: { status: AlarmStatus }) {
  const { t } = useTranslation('iot');
  const color =
    status === 'active_unack'
      ? 'red'
      : status === 'active_ack'
        ? 'orange'
        : status === 'cleared_unack'
          ? 'blue'
          : 'default';
  return (
    <Tag color={color} data-testid="alarm-status" data-status={status}>
      {t(`alarmStatus.${status}`)}
    </Tag>
  );
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** "3 分钟前", "2 days ago": how long ago `iso` was, in the user's language. */
export function agoText(iso: string, now = Date.now()): string {
  const ms = new Date(iso).getTime() - now;
  const format = new Intl.RelativeTimeFormat(i18n.language, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(ms) >= size || unit === 'second') return format.format(Math.round(ms / size), unit);
  }
  return '';
}

/** A time shown as "how long ago", with the exact time on hover; a dash for never. */
export function Ago({ iso }: { iso: string | null | undefined }) {
  if (!iso) return <>—</>;
  return (
    <Tooltip title={formatDateTime(iso, true)}>
      <span>{agoText(iso)}</span>
    </Tooltip>
  );
}

/** A key's (or attribute's) name in the user's language. */
export const keyName = (def: { name: string; nameEn: string }) =>
  i18n.language.startsWith('zh') ? def.name : def.nameEn;

/** A value as a key defines it: booleans as 是/否, numbers as they came, with the key's unit. */
export function valueText(value: unknown, def?: Pick<TelemetryKeyDef, 'type' | 'unit'>): string {
  if (value === null || value === undefined) return '—';
  if (def?.type === 'boolean' || typeof value === 'boolean')
    return i18n.t(value === true || value === 1 ? 'iot:common.yes' : 'iot:common.no');
  if (typeof value === 'number') {
    const text = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 3 }).format(value);
    return def?.unit ? `${text} ${def.unit}` : text;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}
