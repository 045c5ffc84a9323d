import { Button, Input, Popup, Selector, Toast } from 'antd-mobile';
import { useState } from 'react';
import { errorText } from '../../../../web/m/api.ts';
import { useT } from '../../../../web/m/i18n.ts';
import {
  absoluteLink,
  type License,
  type ShareCreated,
  shareDurations,
  useShareActions,
} from './wallet-api.ts';

/**
 * The share sheet: pick how long the link lives (1 hour, 1 day, 7 days) and, if wished, what for; then copy the
 * link or hand it to another app (navigator.share, where the phone has it). The link is shown this once.
 */
export function ShareSheet({
  license,
  visible,
  onClose,
}: {
  license: License;
  visible: boolean;
  onClose: () => void;
}) {
  const t = useT('citizen');
  const actions = useShareActions(license.id);
  const [hours, setHours] = useState<number>(24);
  const [purpose, setPurpose] = useState('');
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<ShareCreated | null>(null);
  const link = made ? absoluteLink(made.link) : '';

  const close = () => {
    setMade(null);
    setPurpose('');
    onClose();
  };
  const create = async () => {
    setBusy(true);
    try {
      setMade(await actions.create(hours, purpose.trim() || undefined));
    } catch (err) {
      Toast.show({ icon: 'fail', content: errorText(err) });
    } finally {
      setBusy(false);
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      Toast.show({ icon: 'success', content: t('share.copied') });
    } catch {
      Toast.show({ content: t('share.copyFailed') });
    }
  };
  const send = async () => {
    try {
      await navigator.share({ title: t('share.sendTitle', { type: license.typeName }), url: link });
    } catch {
      // Dismissed by the resident, or refused by the phone: the link is still on screen to copy.
    }
  };

  return (
    <Popup
      visible={visible}
      onMaskClick={close}
      onClose={close}
      bodyStyle={{ borderRadius: '12px 12px 0 0' }}
    >
      {/* Padding inside: the sheet's body is as wide as the screen, so padding on it would overflow. */}
      <div style={{ padding: 16 }}>
        <div style={{ fontSize: 17, fontWeight: 600, marginBottom: 8 }}>
          {made ? t('share.created') : t('share.sheetTitle')}
        </div>
        {made ? (
          <div data-testid="share-made">
            <div style={{ color: '#666', fontSize: 13 }}>{t('share.linkHint')}</div>
            <div
              data-testid="share-link"
              style={{
                margin: '12px 0',
                padding: 12,
                background: '#f5f5f5',
                borderRadius: 8,
                wordBreak: 'break-all',
                userSelect: 'all',
                fontFamily: 'monospace',
                fontSize: 13,
              }}
            >
              {link}
            </div>
            <div style={{ display: 'flex', gap: 8 }}>
              <Button size="large" color="primary" onClick={copy} style={{ flex: 1 }}>
                {t('share.copy')}
              </Button>
              {typeof navigator.share === 'function' && (
                <Button size="large" color="primary" fill="outline" onClick={send} style={{ flex: 1 }}>
                  {t('share.send')}
                </Button>
              )}
            </div>
            <Button block size="large" fill="none" onClick={close} style={{ marginTop: 8 }}>
              {t('share.done')}
            </Button>
          </div>
        ) : (
          <div>
            <div style={{ color: '#666', fontSize: 13, marginBottom: 12 }}>{t('share.sheetHint')}</div>
            <div style={{ marginBottom: 8 }}>{t('share.duration')}</div>
            <Selector
              columns={3}
              value={[hours]}
              onChange={(v) => v.length && setHours(v[0]!)}
              options={shareDurations.map((d) => ({ value: d.hours, label: t(d.label) }))}
              data-testid="share-hours"
            />
            <div style={{ margin: '16px 0 8px' }}>{t('share.purpose')}</div>
            <div style={{ border: '1px solid #eee', borderRadius: 8, padding: '8px 12px' }}>
              <Input
                value={purpose}
                onChange={setPurpose}
                maxLength={100}
                clearable
                placeholder={t('share.purposePlaceholder')}
              />
            </div>
            <Button
              block
              size="large"
              color="primary"
              loading={busy}
              onClick={create}
              style={{ marginTop: 16 }}
              data-testid="share-create"
            >
              {t('share.create')}
            </Button>
          </div>
        )}
      </div>
    </Popup>
  );
}
