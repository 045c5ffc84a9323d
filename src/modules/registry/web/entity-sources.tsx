import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface.js';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { useLabels } from './labels.ts';
import { batchPath, type EntityView } from './registry-api.ts';

type Row = { code: string; name: string };

/** What each source last delivered for this entity, item by item side by side, so disagreements stand out. */
export function EntitySources({ entity }: { entity: EntityView }) {
  const { t } = useTranslation('registry');
  const labels = useLabels(entity.registry);
  // Only the items some source delivered: the rest would be rows of dashes.
  const rows: Row[] = entity.items
    .filter((i) => entity.sources.some((s) => s.values[i.code]))
    .map((i) => ({ code: i.code, name: labels.item(i.code, i.name) }));

  const columns: ColumnsType<Row> = [
    { key: 'item', title: t('entity.item'), dataIndex: 'name', width: 180, fixed: 'left' },
    ...entity.sources.map((s) => ({
      key: s.source,
      title: (
        <div style={{ lineHeight: 1.4 }}>
          <div>{s.sourceName ?? s.source}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            {s.batchId > 0 ? (
              <Link to={batchPath(s.batchId)}>{t('entity.batch', { id: s.batchId })}</Link>
            ) : (
              t('entity.directDelivery')
            )}{' '}
            · {formatDateTime(s.observedAt)}
          </Typography.Text>
        </div>
      ),
      render: (_: unknown, r: Row) => {
        const value = s.values[r.code];
        if (!value) return <Typography.Text type="secondary">—</Typography.Text>;
        // A value other than the merged one is what a conflict or a precedence rule set aside.
        const differs = value !== entity.values[r.code];
        return <Typography.Text type={differs ? 'warning' : undefined}>{value}</Typography.Text>;
      },
    })),
  ];

  return (
    <Table<Row>
      rowKey="code"
      size="small"
      pagination={false}
      columns={columns}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      data-testid="entity-sources"
    />
  );
}
