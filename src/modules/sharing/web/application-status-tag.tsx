import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus, Credential, GrantStatus } from './sharing-api.ts';

const applicationColors: Record<ApplicationStatus, string> = {
  pending_provider: 'orange',
  pending_center: 'gold',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'default',
};
const grantColors: Record<GrantStatus, string> = {
  active: 'green',
  not_yet_valid: 'blue',
  expired: 'default',
  revoked: 'red',
};
const credentialColors: Record<Credential['status'], string> = {
  live: 'green',
  expiring: 'orange',
  expired: 'default',
  revoked: 'red',
};

/** An application's status as a coloured tag. */
export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation('sharing');
  return (
    <Tag color={applicationColors[status]} data-testid="application-status">
      {t(`status.${status}`)}
    </Tag>
  );
}

/** A grant's status as a coloured tag. */
export function GrantStatusTag({ status }: { status: GrantStatus }) {
  const { t } = useTranslation('sharing');
  return (
    <Tag color={grantColors[status]} data-testid="grant-status">
      {t(`grantStatus.${status}`)}
    </Tag>
  );
}

/** A credential's status as a coloured tag. */
export function CredentialStatusTag({ status }: { status: Credential['status'] }) {
  const { t } = useTranslation('sharing');
  return <Tag color={credentialColors[status]}>{t(`credentialStatus.${status}`)}</Tag>;
}
