import { KeyOutlined } from '@ant-design/icons';
import { Alert, Flex, Input, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../web/src/shared/format.ts';
import { LoadError } from '../../../../web/src/shared/load-error.tsx';
import { TableEmpty } from '../../../../web/src/shared/table-empty.tsx';
import type { Resource } from '../../catalog/contract.ts';
import { useRecords } from './ingest-api.ts';
import { UploadDataButton } from './upload-button.tsx';

type Row = Record<string, string | null> & { __n: number };

/**
 * The server keeps a key of several items as the JSON array of their values; a prefix of the first item's value
 * is then the start of that array. One key item is kept as its value.
 */
const keyPrefix = (resource: Resource, prefix: string) =>
  resource.keyItems.length > 1 ? JSON.stringify([prefix]).slice(0, -2) : prefix;

/** The 数据 tab: the resource's loaded records, newest first, found by the start of their key. */
export function ResourceDataTab({ resource }: { resource: Resource }) {
  const { t } = useTranslation('ingest');
  const [search, setSearch] = useState('');
  const [key, setKey] = useState('');
  const [page, setPage] = useState({ current: 1, size: 20 });
  const records = useRecords(resource.code, page.current, page.size, key ? keyPrefix(resource, key) : '');
  const keys = new Set(resource.keyItems);
  const keyNames = resource.keyItems.map((k) => resource.items.find((i) => i.code === k)?.name ?? k);
  const personal = resource.items.some((i) => i.personal);

  const columns: ColumnsType<Row> = [
    ...resource.items.map((item) => ({
      key: item.code,
      dataIndex: item.code,
      width: item.type === 'id_number' || item.type === 'credit_code' ? 190 : 130,
      ellipsis: { showTitle: true },
      title: (
        <Tooltip title={item.code}>
          <span>
            {keys.has(item.code) && <KeyOutlined style={{ color: '#d48806', marginInlineEnd: 4 }} />}
            {item.name}
          </span>
        </Tooltip>
      ),
      render: (value: string | null) => value ?? <Typography.Text type="secondary">—</Typography.Text>,
    })),
    {
      key: '_updatedAt',
      dataIndex: '_updatedAt',
      title: t('data.updatedAt'),
      width: 170,
      render: (at: string) => formatDateTime(at),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Input.Search
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(value) => {
            setKey(value.trim());
            setPage({ current: 1, size: page.size });
          }}
          placeholder={t('data.searchPlaceholder', { keys: keyNames.join(' + ') })}
          style={{ width: 360 }}
          data-testid="records-search"
        />
        {records.data && personal && (
          <Alert
            type={records.data.masked ? 'info' : 'warning'}
            showIcon
            title={records.data.masked ? t('data.masked') : t('data.raw')}
            style={{ padding: '4px 12px' }}
            data-testid="records-masked"
          />
        )}
      </Flex>
      {records.isError ? (
        <LoadError error={records.error} onRetry={() => records.refetch()} />
      ) : (
        <Table<Row>
          rowKey="__n"
          size="small"
          columns={columns}
          dataSource={records.data?.items.map((r, i) => ({ ...r, __n: i }) as Row)}
          loading={records.isFetching}
          tableLayout="fixed"
          scroll={{ x: columns.reduce((sum, c) => sum + Number(c.width ?? 130), 0) }}
          data-testid="records-table"
          locale={{
            emptyText: key ? (
              <TableEmpty text={t('data.noMatch', { key })} />
            ) : (
              <TableEmpty text={t('data.empty')}>
                <UploadDataButton resource={resource} quiet />
              </TableEmpty>
            ),
          }}
          pagination={{
            current: page.current,
            pageSize: page.size,
            total: records.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100, 200],
            showTotal: (total) => t('common:common.total', { total }),
            onChange: (current, size) => setPage({ current: size === page.size ? current : 1, size }),
          }}
        />
      )}
      {personal && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('data.personalHint')}
          {resource.items
            .filter((i) => i.personal)
            .map((i) => i.name)
            .join('、')}
        </Typography.Text>
      )}
    </Flex>
  );
}
