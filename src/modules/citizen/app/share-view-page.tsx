import { ErrorBlock, List, Result } from 'antd-mobile';
import { useParams } from 'react-router';
import { errorText } from '../../../../web/m/api.ts';
import { Loading } from '../../../../web/m/app.tsx';
import { useT } from '../../../../web/m/i18n.ts';
import { type SharedLicense, shortDate, useSharedLicense } from './wallet-api.ts';
import { LicenseStatusTag } from './wallet-status.tsx';

type Verdict = SharedLicense['license']['verification']['verdict'];
const results: Record<Verdict, 'success' | 'warning' | 'error'> = {
  valid: 'success',
  expired: 'warning',
  revoked: 'error',
  forged: 'error',
};

/**
 * What a stranger sees who opens a shared link (no account needed): the verdict of the check against the issuer's
 * signature and the registry, then the license as its holder chose to show it. A link run out, withdrawn or unknown
 * says so in plain words.
 */
export function ShareViewPage() {
  const t = useT('citizen');
  const { token = '' } = useParams();
  const shared = useSharedLicense(token);
  if (shared.isPending) return <Loading />;
  if (shared.isError)
    return (
      <ErrorBlock
        status="empty"
        title={t('shared.unavailable')}
        description={errorText(shared.error)}
        style={{ paddingTop: 48 }}
        data-testid="shared-error"
      />
    );
  const { license: l, expiresAt, purpose } = shared.data;
  const verdict = l.verification.verdict;
  return (
    <div data-testid="shared-license">
      <Result
        status={results[verdict]}
        title={t(`shared.verdict.${verdict}`)}
        description={t('shared.checkedBy')}
      />
      <List header={l.typeName}>
        <List.Item extra={<LicenseStatusTag status={l.status} />}>{l.typeName}</List.Item>
        <List.Item extra={l.holderName}>{t('wallet.holder')}</List.Item>
        <List.Item extra={<span style={{ fontFamily: 'monospace' }}>{l.holderId}</span>}>
          {t('wallet.holderId')}
        </List.Item>
        <List.Item extra={l.issuerName}>{t('wallet.issuer')}</List.Item>
        <List.Item extra={l.issueDate}>{t('wallet.issueDate')}</List.Item>
        <List.Item extra={l.validUntil ?? t('wallet.longTerm')}>{t('wallet.validUntil')}</List.Item>
        <List.Item
          description={<span style={{ wordBreak: 'break-all', fontFamily: 'monospace' }}>{l.id}</span>}
        >
          {t('wallet.number')}
        </List.Item>
      </List>
      <div style={{ padding: 16, color: '#888', fontSize: 13, lineHeight: 1.6 }}>
        {purpose && <div>{t('shared.purpose', { purpose })}</div>}
        <div>{t('shared.sharedBy', { time: shortDate(expiresAt, true, t.lang) })}</div>
      </div>
    </div>
  );
}
