import { Descriptions, type DescriptionsProps, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../../web/kit/format.ts';
import type { Resource } from '../contract.ts';
import { resourcePath, useClassTree } from './catalog-api.ts';
import { ClassificationTag, OpenTag, ShareTag } from './catalog-tags.tsx';

const none = <Typography.Text type="secondary">—</Typography.Text>;

/** The 基本信息 tab: every metadata field of a resource, as GB/T 21063 lists them. */
export function ResourceInfo({ resource: r }: { resource: Resource }) {
  const { t } = useTranslation('catalog');
  const itemName = (code: string) => r.items.find((i) => i.code === code)?.name ?? code;
  // The names of the code's 项, 目 and 细目, where the catalog has them (the tree query, likely cached already).
  const classes = useClassTree();
  const classPath = (classes.data ?? [])
    .filter((c) => c.classCode.length > 1 && r.classCode.startsWith(c.classCode) && c.name)
    .map((c) => c.name)
    .join(' / ');
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: t('fields.name'), children: r.name },
    {
      key: 'code',
      label: t('fields.code'),
      children: <Typography.Text copyable={{ text: r.code }}>{r.code}</Typography.Text>,
    },
    { key: 'summary', label: t('fields.summary'), span: 'filled', children: r.summary },
    {
      key: 'classification',
      label: t('fields.classification'),
      children: <ClassificationTag classification={r.classification} />,
    },
    {
      key: 'classCode',
      label: t('fields.classCode'),
      children: (
        <Space size={8} wrap>
          {r.classCode}
          {classPath && <Typography.Text type="secondary">{classPath}</Typography.Text>}
        </Space>
      ),
    },
    { key: 'provider', label: t('fields.provider'), children: r.providerDepartmentName },
    { key: 'alias', label: t('fields.alias'), children: r.alias ?? none },
    { key: 'format', label: t('fields.format'), children: t(`formats.${r.format}`) },
    { key: 'updateCycle', label: t('fields.updateCycle'), children: t(`updateCycles.${r.updateCycle}`) },
    { key: 'shareType', label: t('fields.shareType'), children: <ShareTag type={r.shareType} /> },
    r.shareType === 'none'
      ? { key: 'shareBasis', label: t('fields.shareBasis'), children: r.shareBasis ?? none }
      : { key: 'shareCondition', label: t('fields.shareCondition'), children: r.shareCondition ?? none },
    { key: 'openType', label: t('fields.openType'), children: <OpenTag type={r.openType} /> },
    { key: 'openCondition', label: t('fields.openCondition'), children: r.openCondition ?? none },
    {
      key: 'keyItems',
      label: t('fields.keyItems'),
      children: (
        <Space size={4} wrap>
          {r.keyItems.map((code) => (
            <Tag key={code} color="gold">
              {itemName(code)} · {code}
            </Tag>
          ))}
        </Space>
      ),
    },
    { key: 'itemCount', label: t('fields.itemCount'), children: r.items.length },
    { key: 'publishDate', label: t('fields.publishDate'), children: r.publishDate ?? none },
    { key: 'version', label: t('fields.version'), children: r.version },
    {
      key: 'keywords',
      label: t('fields.keywords'),
      children: r.keywords.length ? (
        <Space size={4} wrap>
          {r.keywords.map((k) => (
            <Tag key={k}>{k}</Tag>
          ))}
        </Space>
      ) : (
        none
      ),
    },
    {
      key: 'relatedCodes',
      label: t('fields.relatedCodes'),
      children: r.relatedCodes.length ? (
        <Space size={8} wrap>
          {r.relatedCodes.map((code) => (
            <Link key={code} to={resourcePath(code)}>
              {code}
            </Link>
          ))}
        </Space>
      ) : (
        none
      ),
    },
    { key: 'createdAt', label: t('fields.createdAt'), children: formatDateTime(r.createdAt) },
    { key: 'updatedAt', label: t('fields.updatedAt'), children: formatDateTime(r.updatedAt) },
  ];
  return (
    <Descriptions
      bordered
      size="middle"
      column={{ xs: 1, md: 2 }}
      items={items}
      styles={{ label: { width: 140 } }}
      data-testid="resource-info"
    />
  );
}
