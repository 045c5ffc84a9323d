import { Button, ErrorBlock, List, NoticeBar } from 'antd-mobile';
import { EyeInvisibleOutline, EyeOutline, LinkOutline } from 'antd-mobile-icons';
import { useState } from 'react';
import { useParams } from 'react-router';
import { errorText } from '../../../../web/m/api.ts';
import { Loading } from '../../../../web/m/app.tsx';
import { useT } from '../../../../web/m/i18n.ts';
import { ShareList } from './share-list.tsx';
import { ShareSheet } from './share-sheet.tsx';
import { type License, useWalletLicense } from './wallet-api.ts';
import { WalletQr } from './wallet-qr.tsx';
import { cardColors, LicenseStatusTag } from './wallet-status.tsx';

/** A person's ID number with the middle hidden, for the screen (the resident may show it in full). */
const hidden = (id: string) =>
  id.length > 10 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : id;

/** One of my licenses: its big QR code, its details, and the links that share it. */
export function WalletLicensePage() {
  const t = useT('citizen');
  const { id = '' } = useParams();
  const license = useWalletLicense(id);
  const [sharing, setSharing] = useState(false);
  if (license.isPending) return <Loading />;
  if (license.isError)
    return (
      <ErrorBlock
        status="empty"
        title={t('wallet.notFound')}
        description={errorText(license.error)}
        style={{ paddingTop: 48 }}
      />
    );
  const l = license.data;
  const usable = l.status === 'valid';
  return (
    <div style={{ paddingBottom: 24 }}>
      <div style={{ background: cardColors[l.status], color: '#fff', padding: '16px 16px 56px' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <span style={{ fontSize: 20, fontWeight: 600 }}>{l.typeName}</span>
          <LicenseStatusTag status={l.status} />
        </div>
        <div style={{ marginTop: 4, opacity: 0.9 }}>{l.issuerName}</div>
      </div>
      <div
        style={{
          margin: '-44px 16px 0',
          background: '#fff',
          borderRadius: 12,
          padding: '20px 16px 16px',
          boxShadow: '0 2px 8px rgba(0,0,0,.08)',
          textAlign: 'center',
        }}
      >
        {l.qr && (
          <div style={{ opacity: usable ? 1 : 0.35 }}>
            <WalletQr value={l.qr} size={240} label={t('wallet.qrAlt')} />
          </div>
        )}
        <div style={{ marginTop: 12, color: '#666', fontSize: 13 }}>{t('wallet.qrHint')}</div>
      </div>
      {!usable && (
        <NoticeBar
          color="alert"
          style={{ margin: '12px 16px 0' }}
          content={t('wallet.notUsable', { status: t(`wallet.status.${l.status}`) })}
          wrap
        />
      )}
      <Details license={l} />
      {usable && (
        <div style={{ padding: '16px 16px 0' }}>
          <Button
            block
            color="primary"
            size="large"
            onClick={() => setSharing(true)}
            data-testid="share-open"
          >
            <LinkOutline /> {t('share.button')}
          </Button>
        </div>
      )}
      <ShareList licenseId={l.id} />
      <ShareSheet license={l} visible={sharing} onClose={() => setSharing(false)} />
    </div>
  );
}

function Details({ license: l }: { license: License }) {
  const t = useT('citizen');
  const [showId, setShowId] = useState(false);
  const person = l.holderIdType === '111';
  return (
    <List style={{ marginTop: 12 }}>
      <List.Item extra={l.holderName}>{t('wallet.holder')}</List.Item>
      <List.Item
        extra={
          <span style={{ fontFamily: 'monospace' }}>
            {person && !showId ? hidden(l.holderId) : l.holderId}{' '}
            {person && (
              <button
                type="button"
                onClick={() => setShowId(!showId)}
                aria-label={showId ? t('wallet.hideId') : t('wallet.showId')}
                style={{ all: 'unset', cursor: 'pointer', padding: 4, color: '#1677ff' }}
              >
                {showId ? <EyeInvisibleOutline /> : <EyeOutline />}
              </button>
            )}
          </span>
        }
      >
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
  );
}
