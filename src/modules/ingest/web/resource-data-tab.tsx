import { KeyOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Input, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { RawViewSwitch } from '../../../../web/kit/raw-view-switch.tsx';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import type { Resource } from '../../catalog/contract.ts';
import { useRecords } from './ingest-api.ts';
import { UploadDataButton } from './upload-button.tsx';

type Row = Record<string, string | null> & { __n: number };

/**
 * The 数据 tab: the resource's loaded records, newest first, found by the start of their key: one box for a key of
 * one item, one box per item for a key of several.
 */
export function ResourceDataTab({ resource }: { resource: Resource }) {
  const { t } = useTranslation('ingest');
  // What is typed, and what was last searched for, by key item.
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [search, setSearch] = useState<Record<string, string>>({});
  const [page, setPage] = useState({ current: 1, size: 20 });
  // Masked by default; the reason given to see this view raw, while it is shown raw.
  const [rawReason, setRawReason] = useState<string | null>(null);
  const records = useRecords(resource.code, page.current, page.size, search, rawReason);
  const keys = new Set(resource.keyItems);
  const itemName = (code: string) => resource.items.find((i) => i.code === code)?.name ?? code;
  const keyNames = resource.keyItems.map(itemName);
  const searched = Object.values(search).join(' + ');
  const find = (values: Record<string, string>) => {
    setSearch(
      Object.fromEntries(Object.entries(values).flatMap(([k, v]) => (v.trim() ? [[k, v.trim()]] : []))),
    );
    setPage({ current: 1, size: page.size });
  };
  const type = (code: string, value: string) => setTyped({ ...typed, [code]: value });
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
        {resource.keyItems.length === 1 ? (
          <Input.Search
            allowClear
            value={typed[resource.keyItems[0]!] ?? ''}
            onChange={(e) => type(resource.keyItems[0]!, e.target.value)}
            onSearch={(value) => find({ [resource.keyItems[0]!]: value })}
            placeholder={t('data.searchPlaceholder', { keys: keyNames.join(' + ') })}
            style={{ width: 360 }}
            data-testid="records-search"
          />
        ) : (
          <Space.Compact data-testid="records-search">
            {resource.keyItems.map((code) => (
              <Input
                key={code}
                allowClear
                value={typed[code] ?? ''}
                onChange={(e) => type(code, e.target.value)}
                onPressEnter={() => find(typed)}
                placeholder={t('data.searchItem', { item: itemName(code) })}
                aria-label={t('data.searchItem', { item: itemName(code) })}
                style={{ width: 200 }}
                data-testid={`records-search-${code}`}
              />
            ))}
            <Button icon={<SearchOutlined />} onClick={() => find(typed)} aria-label={t('data.search')} />
          </Space.Compact>
        )}
        {records.data && personal && (
          <Space>
            {records.data.rawAllowed && (
              <RawViewSwitch
                reason={rawReason}
                onChange={setRawReason}
                texts={{
                  show: t('data.rawShow'),
                  hint: t('data.rawHint'),
                  title: t('data.rawTitle'),
                  reason: t('data.rawReason'),
                  placeholder: t('data.rawPlaceholder'),
                  ok: t('data.rawOk'),
                  cancel: t('common:common.cancel'),
                }}
              />
            )}
            <Alert
              type={records.data.masked ? 'info' : 'warning'}
              showIcon
              title={records.data.masked ? t('data.masked') : t('data.raw')}
              style={{ padding: '4px 12px' }}
              data-testid="records-masked"
            />
          </Space>
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
            emptyText: searched ? (
              <TableEmpty text={t('data.noMatch', { key: searched })} />
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
