import { ArrowLeftOutlined, DownloadOutlined, KeyOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Result,
  Row,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/interface.js';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../../../../web/kit/api.ts';
import { formatDate, formatDateTime, formatNumber } from '../../../../web/kit/format.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { ClassificationTag } from '../../catalog/web/index.ts';
import type { OpenItem } from '../contract.ts';
import { OpenFrame } from './open-frame.tsx';
import { LicenseTerms } from './open-landing.tsx';
import {
  downloadFormats,
  type OpenDataset,
  portalPath,
  useOpenDataset,
  useOpenPreview,
} from './opendata-api.ts';

/** One open dataset (public): its description, downloads, data items, the first rows and its API addresses. */
export function OpenDatasetPage() {
  const { t } = useTranslation('opendata');
  const { name = '' } = useParams();
  const location = useLocation();
  const dataset = useOpenDataset(name);
  const back = `${portalPath}${(location.state as { list?: string } | null)?.list ?? ''}`;

  return (
    <OpenFrame>
      <Link to={back}>
        <ArrowLeftOutlined /> {t('dataset.back')}
      </Link>
      {dataset.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} style={{ marginTop: 16 }} />
      ) : dataset.isError ? (
        dataset.error instanceof ApiError && dataset.error.status === 404 ? (
          <Result
            status="404"
            title={t('dataset.notFound')}
            subTitle={t('dataset.notFoundHint')}
            extra={
              <Link to={portalPath}>
                <Button type="primary">{t('dataset.back')}</Button>
              </Link>
            }
          />
        ) : (
          <LoadError error={dataset.error} onRetry={() => dataset.refetch()} />
        )
      ) : (
        <DatasetView dataset={dataset.data} />
      )}
    </OpenFrame>
  );
}

function DatasetView({ dataset: d }: { dataset: OpenDataset }) {
  const { t } = useTranslation('opendata');
  const origin = window.location.origin;
  return (
    <Flex vertical gap={16} style={{ marginTop: 12 }} data-testid="open-dataset">
      <div>
        <Flex align="center" gap={8} wrap>
          <Typography.Title level={2} style={{ margin: 0 }} data-testid="open-dataset-title">
            {d.title}
          </Typography.Title>
          <ClassificationTag classification={d.classification} />
          <Tag>{t(`catalog:updateCycles.${d.updateCycle}`)}</Tag>
        </Flex>
        <Typography.Paragraph style={{ marginTop: 8 }}>{d.summary}</Typography.Paragraph>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card size="small">
            <Descriptions
              column={{ xs: 1, md: 2 }}
              size="small"
              items={[
                { key: 'provider', label: t('dataset.fields.provider'), children: d.provider.name },
                {
                  key: 'updateCycle',
                  label: t('dataset.fields.updateCycle'),
                  children: t(`catalog:updateCycles.${d.updateCycle}`),
                },
                {
                  key: 'publishDate',
                  label: t('dataset.fields.publishDate'),
                  children: formatDate(d.publishDate),
                },
                {
                  key: 'dataUpdatedAt',
                  label: t('dataset.fields.dataUpdatedAt'),
                  children: formatDateTime(d.dataUpdatedAt),
                },
                { key: 'rows', label: t('dataset.fields.rows'), children: formatNumber(d.rowCount) },
                {
                  key: 'code',
                  label: t('dataset.fields.code'),
                  children: <Typography.Text copyable>{d.code}</Typography.Text>,
                },
                {
                  key: 'format',
                  label: t('dataset.fields.format'),
                  children: t(`catalog:formats.${d.format}`),
                },
                {
                  key: 'license',
                  label: t('dataset.fields.license'),
                  children: (
                    <a href={d.license.url} target="_blank" rel="noreferrer license">
                      {d.license.id}
                    </a>
                  ),
                },
                {
                  key: 'metadataModified',
                  label: t('dataset.fields.metadataModified'),
                  children: formatDateTime(d.metadataModified),
                },
                ...(d.keywords.length
                  ? [
                      {
                        key: 'keywords',
                        label: t('dataset.fields.keywords'),
                        children: d.keywords.map((k) => <Tag key={k}>{k}</Tag>),
                      },
                    ]
                  : []),
                ...(d.openCondition
                  ? [
                      {
                        key: 'openCondition',
                        label: t('dataset.fields.openCondition'),
                        children: d.openCondition,
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('dataset.downloads')}>
            <Flex vertical gap={8}>
              {downloadFormats.map((format) => (
                <Flex key={format} justify="space-between" align="center" gap={8}>
                  <Button
                    icon={<DownloadOutlined />}
                    href={d.links[format]}
                    download
                    type={format === 'csv' ? 'primary' : 'default'}
                    data-testid={`open-download-${format}`}
                  >
                    {t('dataset.downloadAs', { format: format.toUpperCase() })}
                  </Button>
                  <Typography.Text type="secondary">
                    {t('dataset.downloadCount', { times: formatNumber(d.downloads[format]) })}
                  </Typography.Text>
                </Flex>
              ))}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('dataset.downloadHint')}
              </Typography.Text>
            </Flex>
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('portal.licenseTitle')}>
        <LicenseTerms license={d.license} terms={d.terms} />
      </Card>
      <ItemsCard dataset={d} />
      <PreviewCard dataset={d} />
      <Card size="small" title={t('dataset.api')}>
        <Typography.Paragraph type="secondary">{t('dataset.apiHint')}</Typography.Paragraph>
        <Descriptions
          column={1}
          size="small"
          items={(['csv', 'json', 'ckan', 'dcat'] as const).map((key) => ({
            key,
            label: t(`dataset.apiLinks.${key}`),
            children: (
              <Typography.Text copyable code>
                {`${origin}${d.links[key]}`}
              </Typography.Text>
            ),
          }))}
        />
      </Card>
    </Flex>
  );
}

/** The published data items: code, name, type, key; personal items are never among them. */
function ItemsCard({ dataset }: { dataset: OpenDataset }) {
  const { t } = useTranslation('opendata');
  const columns: ColumnsType<OpenItem> = [
    { key: 'index', title: '#', width: 50, align: 'right', render: (_, _i, n) => n + 1 },
    {
      key: 'code',
      dataIndex: 'code',
      title: t('dataset.itemFields.code'),
      width: 200,
      render: (code: string, item) => (
        <Space size={4}>
          <Typography.Text code>{code}</Typography.Text>
          {item.key && (
            <Tag icon={<KeyOutlined />} color="gold">
              {t('dataset.key')}
            </Tag>
          )}
        </Space>
      ),
    },
    { key: 'name', dataIndex: 'name', title: t('dataset.itemFields.name'), width: 220 },
    {
      key: 'type',
      dataIndex: 'type',
      title: t('dataset.itemFields.type'),
      width: 140,
      render: (type: string) => t(`catalog:itemTypes.${type}`),
    },
    {
      key: 'description',
      dataIndex: 'description',
      title: t('dataset.itemFields.description'),
      render: (text?: string) => text ?? '—',
    },
  ];
  return (
    <Card size="small" title={`${t('dataset.items')} (${dataset.items.length})`}>
      <Table<OpenItem>
        rowKey="code"
        size="small"
        columns={columns}
        dataSource={dataset.items}
        pagination={false}
        data-testid="open-items"
      />
    </Card>
  );
}

/** The first rows, as the downloads hold them. */
function PreviewCard({ dataset }: { dataset: OpenDataset }) {
  const { t } = useTranslation('opendata');
  const preview = useOpenPreview(dataset.name);
  const columns: ColumnsType<Record<string, string | null>> = (preview.data?.columns ?? []).map((c) => ({
    key: c.code,
    dataIndex: c.code,
    title: c.name,
    ellipsis: true,
    width: 140,
    render: (value: string | null) => value ?? '',
  }));
  return (
    <Card
      size="small"
      title={t('dataset.preview')}
      extra={
        preview.data && (
          <Typography.Text type="secondary">
            {t('dataset.previewHint', {
              shown: preview.data.rows.length,
              total: formatNumber(preview.data.total),
            })}
          </Typography.Text>
        )
      }
    >
      {preview.isError ? (
        <LoadError error={preview.error} onRetry={() => preview.refetch()} />
      ) : (
        <Table
          rowKey="__row"
          size="small"
          columns={columns}
          // Item codes start with a letter, so the row number cannot clash with a column.
          dataSource={preview.data?.rows.map((row, i) => ({ ...row, __row: String(i) }))}
          loading={preview.isPending}
          pagination={false}
          scroll={{ x: Math.max(800, columns.length * 140) }}
          locale={{ emptyText: <TableEmpty text={t('dataset.previewEmpty')} /> }}
          data-testid="open-preview"
        />
      )}
    </Card>
  );
}
