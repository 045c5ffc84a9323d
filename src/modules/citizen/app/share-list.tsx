import { Button, Dialog, List, Tag, Toast } from 'antd-mobile';
import { errorText } from '../../../../web/m/api.ts';
import { useT } from '../../../../web/m/i18n.ts';
import { type LicenseShare, shortDate, useShareActions, useShares } from './wallet-api.ts';

const stateColors: Record<LicenseShare['state'], string> = {
  active: 'success',
  expired: 'default',
  revoked: 'default',
};

/** The links made to one license: until when, how often opened, open or not; an open one can be withdrawn. */
export function ShareList({ licenseId }: { licenseId: string }) {
  const t = useT('citizen');
  const shares = useShares(licenseId);
  const actions = useShareActions(licenseId);
  const items = shares.data ?? [];
  const revoke = async (share: LicenseShare) => {
    if (!(await Dialog.confirm({ content: t('share.revokeConfirm') }))) return;
    try {
      await actions.revoke(share.id);
      Toast.show({ icon: 'success', content: t('share.revoked') });
    } catch (err) {
      Toast.show({ icon: 'fail', content: errorText(err) });
    }
  };
  if (shares.isPending || (shares.isError && !items.length)) return null;
  return (
    <List header={t('share.listTitle')} style={{ marginTop: 16 }} data-testid="share-list">
      {items.length === 0 && <List.Item>{t('share.none')}</List.Item>}
      {items.map((share) => (
        <List.Item
          key={share.id}
          data-testid="share-item"
          description={
            <span>
              {t('share.expiresAt', { time: shortDate(share.expiresAt, true, t.lang) })} ·{' '}
              {t('share.views', { count: share.views })}
            </span>
          }
          extra={
            share.state === 'active' ? (
              <Button
                size="small"
                color="danger"
                fill="outline"
                onClick={() => revoke(share)}
                data-testid="share-revoke"
              >
                {t('share.revoke')}
              </Button>
            ) : undefined
          }
        >
          <Tag color={stateColors[share.state]} style={{ marginRight: 6 }}>
            {t(`share.state.${share.state}`)}
          </Tag>
          {share.purpose ?? ''}
        </List.Item>
      ))}
    </List>
  );
}
