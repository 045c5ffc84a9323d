import { ErrorBlock, PullToRefresh } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { errorText } from '../../../../web/m/api.ts';
import { Loading } from '../../../../web/m/app.tsx';
import { useT } from '../../../../web/m/i18n.ts';
import { type License, licensePath, useWallet } from './wallet-api.ts';
import { cardColors, LicenseStatusTag, shortNumber } from './wallet-status.tsx';

/** 我的证照: the e-licenses of whom the resident acts as (themselves or their company), as cards. */
export function WalletListPage() {
  const t = useT('citizen');
  const wallet = useWallet();
  if (wallet.isPending) return <Loading />;
  if (wallet.isError) return <ErrorBlock status="default" title={errorText(wallet.error)} description="" />;
  const { holder, items } = wallet.data;
  return (
    <PullToRefresh onRefresh={() => wallet.refetch().then(() => undefined)}>
      <div style={{ padding: '12px 16px 4px', color: '#666', fontSize: 14 }}>
        {holder.kind === 'company' && (
          <div style={{ fontWeight: 600 }}>{t('wallet.companyTitle', { name: holder.name })}</div>
        )}
        {t('wallet.count', { count: items.length })}
      </div>
      {items.length === 0 ? (
        <ErrorBlock status="empty" title={t('wallet.empty')} description={t('wallet.emptyHint')} />
      ) : (
        <div
          style={{ padding: '4px 16px 16px', display: 'flex', flexDirection: 'column', gap: 12 }}
          data-testid="wallet"
        >
          {items.map((license) => (
            <LicenseCard key={license.id} license={license} />
          ))}
        </div>
      )}
    </PullToRefresh>
  );
}

/** One license as a card in the wallet: type, holder, issuer, validity; tapping opens it with its QR code. */
function LicenseCard({ license }: { license: License }) {
  const t = useT('citizen');
  const navigate = useNavigate();
  return (
    <button
      type="button"
      data-testid="wallet-card"
      onClick={() => navigate(licensePath(license.id))}
      style={{
        all: 'unset',
        display: 'block',
        cursor: 'pointer',
        borderRadius: 12,
        padding: 16,
        minHeight: 96,
        color: '#fff',
        background: cardColors[license.status],
        boxShadow: '0 2px 8px rgba(0,0,0,.12)',
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
        <span style={{ fontSize: 18, fontWeight: 600 }}>{license.typeName}</span>
        <LicenseStatusTag status={license.status} />
      </div>
      <div style={{ marginTop: 8, fontSize: 14, opacity: 0.95 }}>
        {t('wallet.holder')}：{license.holderName}
      </div>
      <div style={{ marginTop: 4, fontSize: 13, opacity: 0.85 }}>
        {license.issuerName} · {t('wallet.validUntil')} {license.validUntil ?? t('wallet.longTerm')}
      </div>
      <div style={{ marginTop: 4, fontSize: 12, opacity: 0.75, fontFamily: 'monospace' }}>
        {t('wallet.number')} …{shortNumber(license.id)}
      </div>
    </button>
  );
}
