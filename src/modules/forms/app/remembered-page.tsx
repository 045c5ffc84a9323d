import { useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, ErrorBlock, List, Toast } from 'antd-mobile';
import { api, errorText } from '../../../../web/m/api.ts';
import { Loading } from '../../../../web/m/app.tsx';
import { useT } from '../../../../web/m/i18n.ts';
import { day, formsKeys, useRemembered } from './forms-data.ts';

/** 信息复用授权: the answers the resident agreed to have reused, each with where it came from, and withdrawing one. */
export function RememberedPage() {
  const t = useT('forms');
  const client = useQueryClient();
  const remembered = useRemembered();
  if (remembered.isPending) return <Loading />;
  if (remembered.isError)
    return (
      <ErrorBlock status="default" title={errorText(remembered.error)} description="">
        <Button onClick={() => void remembered.refetch()}>{t('retry')}</Button>
      </ErrorBlock>
    );
  const items = remembered.data.items;

  async function withdraw(reuseKey: string, label: string) {
    if (!(await Dialog.confirm({ content: t('remembered.withdrawConfirm', { label }) }))) return;
    try {
      await api.delete(`/api/forms/remembered/${encodeURIComponent(reuseKey)}`);
      Toast.show({ icon: 'success', content: t('remembered.withdrawn') });
    } catch (error) {
      Toast.show({ content: errorText(error) });
    }
    await client.invalidateQueries({ queryKey: formsKeys.all });
  }

  return (
    <div>
      <div style={{ padding: '12px 16px', color: '#666', fontSize: 14, lineHeight: 1.6 }}>
        {t('remembered.intro')}
      </div>
      {items.length === 0 ? (
        <ErrorBlock status="empty" title={t('remembered.empty')} description="" />
      ) : (
        <List>
          {items.map((r) => (
            <List.Item
              key={r.reuseKey}
              title={r.label}
              description={
                r.formTitle
                  ? t('remembered.from', { form: r.formTitle, date: day(r.consentedAt) })
                  : t('remembered.fromUnknown', { date: day(r.consentedAt) })
              }
              extra={
                <Button
                  color="danger"
                  fill="outline"
                  style={{ minHeight: 40, minWidth: 64 }}
                  onClick={() => withdraw(r.reuseKey, r.label)}
                >
                  {t('remembered.withdraw')}
                </Button>
              }
            >
              <span style={{ fontSize: 17, wordBreak: 'break-all' }}>{r.value}</span>
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
