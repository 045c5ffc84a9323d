import { Alert, App, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Opens a dialog with a secret the server returns once (a generated password, a new API token), with a
 * copy button and a warning that it cannot be shown again.
 */
export function useShowOnce() {
  const { modal } = App.useApp();
  const { t } = useTranslation();
  return (title: string, label: string, secret: string) =>
    modal.success({
      title,
      width: 520,
      okText: t('showOnce.done'),
      content: (
        <>
          <Alert type="warning" showIcon title={t('showOnce.warning')} style={{ margin: '12px 0' }} />
          <Typography.Text type="secondary">{label}</Typography.Text>
          <Typography.Paragraph
            code
            copyable={{ text: secret, tooltips: [t('common.copy'), t('common.copied')] }}
            data-testid="secret-value"
            style={{ fontSize: 16, marginTop: 4, wordBreak: 'break-all' }}
          >
            {secret}
          </Typography.Paragraph>
        </>
      ),
    });
}
