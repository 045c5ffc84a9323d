import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LicenseStatus } from './license-api.ts';

const colors: Record<LicenseStatus, string> = { valid: 'success', expired: 'warning', revoked: 'error' };

/** A license's status as a coloured tag: valid, expired or revoked. */
export function LicenseStatusTag({ status }: { status: LicenseStatus }) {
  const { t } = useTranslation('registry');
  return (
    <Tag color={colors[status]} data-testid="license-status">
      {t(`licenses.statuses.${status}`)}
    </Tag>
  );
}
