import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { deviceStatuses } from '../ports.ts';
import { profileName, useProfiles } from './config-api.ts';

type FilterProps = { value: string; onChange: (value: string) => void; width?: number; testId?: string };

/** The "any" option of a filter: "类型：全部". */
export function useAnyOption() {
  const { t } = useTranslation('iot');
  return (label: string) => ({ value: '', label: `${label}: ${t('common.any')}` });
}

/** A filter by device profile, with "any" first (device list, map, alarms). */
export function ProfileFilter({ value, onChange, width = 180, testId }: FilterProps) {
  const { t, i18n } = useTranslation('iot');
  const any = useAnyOption();
  const profiles = useProfiles();
  return (
    <Select
      aria-label={t('devices.fields.profile')}
      value={value}
      onChange={onChange}
      loading={profiles.isPending}
      style={{ width }}
      data-testid={testId}
      options={[
        any(t('devices.fields.profile')),
        ...(profiles.data ?? []).map((p) => ({ value: p.code, label: profileName(p, i18n.language) })),
      ]}
    />
  );
}

/** A filter by device status, with "any" first (device list, map). */
export function StatusFilter({ value, onChange, width = 150, testId }: FilterProps) {
  const { t } = useTranslation('iot');
  const any = useAnyOption();
  return (
    <Select
      aria-label={t('devices.fields.status')}
      value={value}
      onChange={onChange}
      style={{ width }}
      data-testid={testId}
      options={[
        any(t('devices.fields.status')),
        ...deviceStatuses.map((s) => ({ value: s, label: t(`status.${s}`) })),
      ]}
    />
  );
}
