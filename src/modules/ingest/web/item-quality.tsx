import { KeyOutlined } from '@ant-design/icons';
import { Flex, Progress, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface.js';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../../web/kit/format.ts';
import type { Resource } from '../../catalog/contract.ts';
import { formatPercent, ratio } from './format.ts';
import type { Batch } from './ingest-api.ts';

type Quality = NonNullable<Batch['quality']>[number];

/** A share as a short bar and a figure; green from 95 %, orange from 60 %, red below. */
function ShareBar({ share }: { share: number | null }) {
  if (share === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const color = share >= 0.95 ? '#52c41a' : share >= 0.6 ? '#faad14' : '#ff4d4f';
  return (
    <Flex align="center" gap={8}>
      <Progress
        percent={share * 100}
        showInfo={false}
        strokeColor={color}
        size="small"
        style={{ margin: 0, width: 64 }}
      />
      <span style={{ minWidth: 48 }}>{formatPercent(share)}</span>
    </Flex>
  );
}

/** An item the source had no column for: its counts say nothing of the source, so none are shown. */
function NotSupplied() {
  const { t } = useTranslation('ingest');
  return (
    <Tooltip title={t('quality.notSuppliedHint')}>
      <Tag variant="outlined" data-testid="not-supplied">
        {t('quality.notSupplied')}
      </Tag>
    </Tooltip>
  );
}

/**
 * How well each data item was filled in a batch: completeness is the share of rows with a value, validity the
 * share of those values that passed the item's checks. Items the source did not supply are marked as such.
 */
export function ItemQualityTable({ batch, resource }: { batch: Batch; resource?: Resource }) {
  const { t } = useTranslation('ingest');
  const columnOf = new Map(
    Object.entries(batch.mapping)
      .filter(([, code]) => code)
      .map(([header, code]) => [code!, header]),
  );
  const keys = new Set(resource?.keyItems ?? []);
  const columns: ColumnsType<Quality> = [
    {
      key: 'item',
      title: t('quality.item'),
      render: (_, q) => (
        <Flex vertical style={{ lineHeight: 1.3 }}>
          <span>{q.name}</span>
          <span>
            <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 4 }}>
              {q.code}
            </Typography.Text>
            {keys.has(q.code) && <KeyOutlined aria-label={t('mapping.key')} style={{ color: '#d48806' }} />}
          </span>
        </Flex>
      ),
    },
    {
      key: 'column',
      title: t('quality.column'),
      width: 120,
      ellipsis: true,
      render: (_, q) => (q.supplied ? (columnOf.get(q.code) ?? '—') : <NotSupplied />),
    },
    {
      key: 'filled',
      title: t('quality.filled'),
      width: 110,
      align: 'right',
      render: (_, q) => (q.supplied ? formatNumber(q.filled) : '—'),
    },
    {
      key: 'completeness',
      title: t('quality.completeness'),
      width: 150,
      render: (_, q) => <ShareBar share={q.supplied ? ratio(q.filled, batch.total) : null} />,
    },
    {
      key: 'validity',
      title: t('quality.validity'),
      width: 150,
      render: (_, q) => <ShareBar share={q.supplied ? ratio(q.valid, q.filled) : null} />,
    },
  ];
  return (
    <Table<Quality>
      rowKey="code"
      size="small"
      columns={columns}
      dataSource={batch.quality ?? []}
      pagination={false}
      scroll={{ x: 660 }}
      locale={{ emptyText: t('quality.none') }}
      data-testid="item-quality"
    />
  );
}
