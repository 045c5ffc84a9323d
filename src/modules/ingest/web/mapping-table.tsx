import { ArrowRightOutlined, KeyOutlined } from '@ant-design/icons';
import { Flex, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface.js';
import { useTranslation } from 'react-i18next';
import type { Resource } from '../../catalog/contract.ts';
import { PersonalTag } from '../../catalog/web/index.ts';

// The arrow between a file column and its data item, shared by both mapping tables.
const arrowColumn = {
  key: 'arrow',
  width: 40,
  align: 'center' as const,
  render: () => <ArrowRightOutlined style={{ color: '#999' }} />,
};

export type Mapping = Record<string, string | null>;

/** What keeps a mapping from being loaded, or makes it load badly; the page shows these above the table. */
export type MappingProblems = {
  /** Key items no column maps to: the server refuses the run. */
  unmappedKeys: string[];
  /** Items two or more columns map to: only one value could be kept. */
  duplicates: Set<string>;
  /** Required (non-key) items no column maps to: every row would be rejected. */
  unmappedRequired: string[];
  /** Items no column maps to. */
  unmapped: string[];
};

/** Checks a mapping against the resource's key and required items. */
export function mappingProblems(resource: Resource, mapping: Mapping): MappingProblems {
  const counts = new Map<string, number>();
  for (const code of Object.values(mapping)) if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
  const keys = new Set(resource.keyItems);
  const unmapped = resource.items.filter((i) => !counts.has(i.code));
  return {
    unmappedKeys: resource.keyItems.filter((k) => !counts.has(k)),
    duplicates: new Set([...counts].filter(([, n]) => n > 1).map(([code]) => code)),
    unmappedRequired: unmapped.filter((i) => i.required && !keys.has(i.code)).map((i) => i.code),
    unmapped: unmapped.map((i) => i.code),
  };
}

// The select's value for "不导入": antd keeps null for "nothing chosen".
const skip = '';

type Row = { header: string; index: number };

/**
 * One row per column of the file: the column, its first values, and the data item it goes into (the server's
 * automatic match preselected, "不导入" to leave it out). Key items carry a key mark; an item chosen twice is
 * marked as an error.
 */
export function MappingTable({
  resource,
  headers,
  sample,
  mapping,
  automatic,
  onChange,
}: {
  resource: Resource;
  headers: string[];
  sample: string[][];
  mapping: Mapping;
  automatic: Mapping;
  onChange: (header: string, code: string | null) => void;
}) {
  const { t } = useTranslation('ingest');
  const keys = new Set(resource.keyItems);
  const { duplicates } = mappingProblems(resource, mapping);
  const itemName = (code: string) => resource.items.find((i) => i.code === code)?.name ?? code;

  const options = [
    { value: skip, label: t('mapping.skip'), item: undefined },
    ...resource.items.map((item) => ({ value: item.code, label: item.name, item })),
  ];

  const columns: ColumnsType<Row> = [
    {
      key: 'header',
      title: t('mapping.column'),
      width: 200,
      render: (_, { header }) => <Typography.Text strong>{header}</Typography.Text>,
    },
    {
      key: 'sample',
      title: t('mapping.sample'),
      ellipsis: true,
      render: (_, { index }) => {
        const values = sample.map((row) => row[index] ?? '').filter(Boolean);
        return values.length ? (
          <Typography.Text type="secondary" ellipsis={{ tooltip: values.join(' / ') }}>
            {values.slice(0, 3).join(' / ')}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('mapping.noSample')}</Typography.Text>
        );
      },
    },
    arrowColumn,
    {
      key: 'item',
      title: t('mapping.item'),
      width: 300,
      render: (_, { header }) => {
        const code = mapping[header] ?? null;
        const duplicate = code !== null && duplicates.has(code);
        return (
          <Tooltip title={duplicate ? t('mapping.duplicateHint', { item: itemName(code) }) : undefined}>
            <Select
              aria-label={t('mapping.selectFor', { header })}
              value={code ?? skip}
              status={duplicate ? 'error' : undefined}
              onChange={(value: string) => onChange(header, value === skip ? null : value)}
              showSearch={{ optionFilterProp: ['label', 'value'] }}
              options={options}
              style={{ width: '100%' }}
              labelRender={({ value }) =>
                value === skip ? (
                  <Typography.Text type="secondary">{t('mapping.skip')}</Typography.Text>
                ) : (
                  <Space size={4}>
                    {itemName(String(value))}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {value}
                    </Typography.Text>
                  </Space>
                )
              }
              optionRender={({ data }) =>
                data.item ? (
                  <Flex justify="space-between" gap={8}>
                    <span>
                      {data.item.name}{' '}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {data.item.code}
                      </Typography.Text>
                    </span>
                    <span>
                      {keys.has(data.item.code) && <KeyTag />}
                      {data.item.required && !keys.has(data.item.code) && (
                        <Tag style={{ marginInlineEnd: 0 }}>{t('mapping.required')}</Tag>
                      )}
                    </span>
                  </Flex>
                ) : (
                  <Typography.Text type="secondary">{data.label}</Typography.Text>
                )
              }
            />
          </Tooltip>
        );
      },
    },
    {
      key: 'flags',
      title: t('mapping.note'),
      width: 250,
      render: (_, { header }) => {
        const code = mapping[header] ?? null;
        const item = resource.items.find((i) => i.code === code);
        return (
          <Space size={4} wrap>
            {code && keys.has(code) && <KeyTag />}
            {item?.personal && <PersonalTag />}
            {code === null ? (
              <Tag variant="outlined">{t('mapping.skipped')}</Tag>
            ) : code === automatic[header] ? (
              <Tag color="green">{t('mapping.auto')}</Tag>
            ) : (
              <Tag color="blue">{t('mapping.manual')}</Tag>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <Table<Row>
      rowKey="header"
      size="small"
      columns={columns}
      dataSource={headers.map((header, index) => ({ header, index }))}
      pagination={false}
      tableLayout="fixed"
      scroll={{ x: 900 }}
      data-testid="mapping-table"
    />
  );
}

/**
 * A finished batch's mapping, read only: each column of the file in the file's order (`columns`) and the data item
 * it went into, or "不导入".
 */
export function BatchMappingTable({
  columns: order,
  mapping,
  resource,
}: {
  columns: string[];
  mapping: Mapping;
  resource?: Resource;
}) {
  const { t } = useTranslation('ingest');
  const keys = new Set(resource?.keyItems ?? []);
  const columns: ColumnsType<{ header: string }> = [
    {
      key: 'header',
      title: t('mapping.column'),
      width: 240,
      ellipsis: { showTitle: true },
      render: (_, { header }) => header,
    },
    arrowColumn,
    {
      key: 'item',
      title: t('mapping.item'),
      render: (_, { header }) => {
        const code = mapping[header] ?? null;
        if (!code) return <Tag variant="outlined">{t('mapping.skipped')}</Tag>;
        const item = resource?.items.find((i) => i.code === code);
        return (
          <Space size={4} wrap>
            {item?.name ?? code}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {code}
            </Typography.Text>
            {keys.has(code) && <KeyTag />}
            {item?.personal && <PersonalTag />}
          </Space>
        );
      },
    },
  ];
  return (
    <Table<{ header: string }>
      rowKey="header"
      size="small"
      columns={columns}
      dataSource={order.filter((header) => header in mapping).map((header) => ({ header }))}
      pagination={false}
      tableLayout="fixed"
      data-testid="batch-mapping"
    />
  );
}

/** The mark of a key item. */
export function KeyTag() {
  const { t } = useTranslation('ingest');
  return (
    <Tooltip title={t('mapping.keyHint')}>
      <Tag icon={<KeyOutlined />} color="gold" style={{ marginInlineEnd: 4 }}>
        {t('mapping.key')}
      </Tag>
    </Tooltip>
  );
}

/** The file's first rows as read, each column headed by the item it goes into. */
export function SampleTable({
  resource,
  headers,
  sample,
  mapping,
}: {
  resource: Resource;
  headers: string[];
  sample: string[][];
  mapping: Mapping;
}) {
  const { t } = useTranslation('ingest');
  const columns: ColumnsType<{ cells: string[]; n: number }> = [
    { key: 'n', title: '#', width: 48, align: 'right', render: (_, row) => row.n },
    ...headers.map((header, index) => {
      const code = mapping[header] ?? null;
      const item = resource.items.find((i) => i.code === code);
      return {
        key: `c${index}`,
        width: 160,
        ellipsis: { showTitle: true },
        title: (
          <Flex vertical style={{ lineHeight: 1.3 }}>
            <span>{header}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
              {item ? `→ ${item.name}` : t('mapping.skip')}
            </Typography.Text>
          </Flex>
        ),
        render: (_: unknown, row: { cells: string[] }) => (
          <Typography.Text type={item ? undefined : 'secondary'}>{row.cells[index] ?? ''}</Typography.Text>
        ),
      };
    }),
  ];
  return (
    <Table
      rowKey="n"
      size="small"
      columns={columns}
      dataSource={sample.map((cells, i) => ({ cells, n: i + 1 }))}
      pagination={false}
      tableLayout="fixed"
      scroll={{ x: 48 + headers.length * 160 }}
      locale={{ emptyText: t('mapping.noRows') }}
      data-testid="sample-table"
    />
  );
}
