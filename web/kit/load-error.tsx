import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from './api.ts';

/** What a page shows when its data could not be loaded, with a way to try again. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="warning"
      title={t('errors.loadFailed')}
      subTitle={errorText(error)}
      extra={
        <Button type="primary" onClick={onRetry}>
          {t('errors.retry')}
        </Button>
      }
    />
  );
}
