import { CheckOutlined, KeyOutlined } from '@ant-design/icons';
import { Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface.js';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DataItem, Resource, Validator } from '../contract.ts';
import { PersonalTag } from './catalog-tags.tsx';

/** The 数据项 tab: a resource's data items with type, flags, validation and synonyms; key items are marked. */
export function ResourceItems({ resource }: { resource: Resource }) {
  const { t } = useTranslation('catalog');
  const keys = new Set(resource.keyItems);
  const personal = resource.items.filter((i) => i.personal).length;

  const rules = (v: Validator | undefined) => {
    const parts: ReactNode[] = [];
    if (v?.enum?.length)
      parts.push(
        <span key="enum">
          {t('items.labelled', { label: t('itemFields.enum') })}
          {v.enum.map((value) => (
            <Tag key={value} style={{ marginInlineEnd: 4 }}>
              {value}
            </Tag>
          ))}
        </span>,
      );
    if (v?.pattern)
      parts.push(
        <span key="pattern">
          {t('items.labelled', { label: t('itemFields.pattern') })}
          <Typography.Text code>{v.pattern}</Typography.Text>
        </span>,
      );
    if (v?.min !== undefined || v?.max !== undefined)
      parts.push(<span key="range">{t('items.range', { min: v?.min ?? '−∞', max: v?.max ?? '+∞' })}</span>);
    if (v?.maxLength !== undefined)
      parts.push(<span key="len">{t('items.maxLength', { length: v.maxLength })}</span>);
    return parts.length ? (
      <Space orientation="vertical" size={2}>
        {parts}
      </Space>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );
  };

  const columns: ColumnsType<DataItem> = [
    { key: 'index', title: '#', width: 50, align: 'right', render: (_, _item, i) => i + 1 },
    {
      key: 'code',
      dataIndex: 'code',
      title: t('itemFields.code'),
      width: 190,
      render: (code: string) => (
        <Space size={4}>
          <Typography.Text code>{code}</Typography.Text>
          {keys.has(code) && (
            <Tooltip title={t('items.keyHint')}>
              <Tag icon={<KeyOutlined />} color="gold">
                {t('items.key')}
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      key: 'name',
      dataIndex: 'name',
      title: t('itemFields.name'),
      width: 230,
      // The description, when there is one, goes under the name rather than into a column of its own.
      render: (name: string, item) => (
        <>
          <Space size={4} wrap>
            {name}
            {item.personal && <PersonalTag />}
          </Space>
          {item.description && (
            <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
              {item.description}
            </Typography.Paragraph>
          )}
        </>
      ),
    },
    {
      key: 'type',
      dataIndex: 'type',
      title: t('itemFields.type'),
      width: 130,
      render: (type: string) => t(`itemTypes.${type}`),
    },
    {
      key: 'required',
      dataIndex: 'required',
      title: t('itemFields.required'),
      width: 64,
      align: 'center',
      render: (required: boolean) =>
        required ? <CheckOutlined aria-label={t('yes')} style={{ color: '#52c41a' }} /> : null,
    },
    {
      key: 'validator',
      dataIndex: 'validator',
      title: t('itemFields.validator'),
      width: 230,
      render: (v: Validator | undefined) => rules(v),
    },
    {
      key: 'synonyms',
      dataIndex: 'synonyms',
      title: t('itemFields.synonyms'),
      render: (synonyms: string[] | undefined) =>
        synonyms?.length ? (
          <Space size={4} wrap>
            {synonyms.map((s) => (
              <Tag key={s} variant="filled">
                {s}
              </Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">
        {t('items.summary', {
          total: resource.items.length,
          personal,
          keys: resource.keyItems.map((k) => resource.items.find((i) => i.code === k)?.name ?? k).join('、'),
        })}
      </Typography.Paragraph>
      <Table<DataItem>
        rowKey="code"
        size="middle"
        columns={columns}
        dataSource={resource.items}
        pagination={false}
        tableLayout="fixed"
        scroll={{ x: 1060 }}
        data-testid="resource-items"
      />
    </>
  );
}
