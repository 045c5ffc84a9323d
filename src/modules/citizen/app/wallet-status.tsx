import { Tag } from 'antd-mobile';
import { useT } from '../../../../web/m/i18n.ts';
import type { License } from './wallet-api.ts';

/** The colours of a license's card and tag by status: valid ones stand out, others are greyed. */
export const cardColors: Record<License['status'], string> = {
  valid: 'linear-gradient(135deg,#c8102e,#e8573f)',
  expired: 'linear-gradient(135deg,#8c8c8c,#bfbfbf)',
  revoked: 'linear-gradient(135deg,#595959,#8c8c8c)',
};

const tagColors: Record<License['status'], string> = {
  valid: 'success',
  expired: 'warning',
  revoked: 'default',
};

/** A license's status as a tag. */
export function LicenseStatusTag({ status }: { status: License['status'] }) {
  const t = useT('citizen');
  return (
    <Tag color={tagColors[status]} fill="solid" style={{ fontSize: 12 }}>
      {t(`wallet.status.${status}`)}
    </Tag>
  );
}

/** The last part of a license's identifier (its serial and check character), enough to tell two apart. */
export const shortNumber = (id: string) => id.split('.').slice(-3).join('.');
