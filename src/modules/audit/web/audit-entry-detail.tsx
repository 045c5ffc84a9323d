import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../contract.ts';

/** The expanded row of an audit entry: what exactly was recorded, and the entry's link in the hash chain. */
export function AuditEntryDetail({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation('audit');
  const hasDetail = Object.keys(entry.detail).length > 0;
  return (
    <Descriptions column={1} size="small" bordered data-testid={`audit-detail-${entry.id}`}>
      <Descriptions.Item label={t('fields.detail')}>
        {hasDetail ? (
          <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            {JSON.stringify(entry.detail, null, 2)}
          </pre>
        ) : (
          <Typography.Text type="secondary">{t('noDetail')}</Typography.Text>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('fields.hash')}>
        <Typography.Text code copyable style={{ fontSize: 12, wordBreak: 'break-all' }}>
          {entry.hash}
        </Typography.Text>
      </Descriptions.Item>
    </Descriptions>
  );
}
