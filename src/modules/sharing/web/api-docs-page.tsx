import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { type ShareOpenApi, useShareOpenApi } from './share-api-client.ts';

const PLACEHOLDER = 'ak_0123456789abcdef.YOUR_SECRET';

/**
 * /sharing/resources/:resource/api: a resource's sharing API as the user's department may call it (endpoints, items
 * with how each is returned, refusal codes) and example requests to copy; drawn from the resource's OpenAPI document.
 */
export function ApiDocsPage() {
  const { resource = '' } = useParams();
  const doc = useShareOpenApi(resource);
  if (doc.isError) return <LoadError error={doc.error} onRetry={() => doc.refetch()} />;
  if (!doc.data) return <Skeleton active paragraph={{ rows: 12 }} />;
  return <ApiDocs resource={resource} doc={doc.data} />;
}

function ApiDocs({ resource, doc }: { resource: string; doc: ShareOpenApi }) {
  const { t } = useTranslation('sharing');
  const items = Object.entries(doc.components.schemas.Values.properties);
  const granted = items.some(([, p]) => p['x-granted'] !== undefined);
  const operations = Object.entries(doc.paths);
  const refusals = Object.entries(operations[0]?.[1].get.responses ?? {}).filter(
    ([status]) => status !== '200',
  );
  const handling = (p: (typeof items)[number][1]) =>
    p['x-granted'] === false ? (
      <Tag>{t('apiDocs.notGranted')}</Tag>
    ) : p['x-masked'] ? (
      // Personal, or derived from a masked item (sex and birth date beside a masked ID number).
      <Tag color="orange">{t('apiDocs.masked')}</Tag>
    ) : !p['x-personal'] ? (
      <Tag color="default">{t('apiDocs.plain')}</Tag>
    ) : (
      <Tag color="red">{t('apiDocs.raw')}</Tag>
    );
  const download = () => {
    const blob = new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `${resource}-openapi.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <>
      <PageHeader
        title={doc.info.title}
        description={t('apiDocs.description')}
        extra={
          <Button icon={<DownloadOutlined />} onClick={download} data-testid="api-docs-download">
            {t('apiDocs.download')}
          </Button>
        }
      />
      {!granted && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('apiDocs.noGrant')} />}
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small" title={t('apiDocs.endpoints')}>
          {operations.map(([path, { get }]) => (
            <div key={path} style={{ marginBottom: 16 }} data-testid="api-docs-endpoint">
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                <Tag color="blue">GET</Tag>
                <Typography.Text code>{path}</Typography.Text> {get.summary}
              </Typography.Title>
              <Typography.Paragraph type="secondary">{get.description}</Typography.Paragraph>
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label={t('apiDocs.parameters')}>
                  {get.parameters.map((param) => (
                    <div key={param.name}>
                      <Typography.Text code>{param.name}</Typography.Text> {param.description}
                    </div>
                  ))}
                </Descriptions.Item>
                <Descriptions.Item label={t('apiDocs.example')}>
                  <Typography.Paragraph
                    copyable
                    code
                    style={{ marginBottom: 0 }}
                    data-testid="api-docs-example"
                  >
                    {get['x-codeSamples'][0]?.source}
                  </Typography.Paragraph>
                </Descriptions.Item>
              </Descriptions>
            </div>
          ))}
          <Typography.Text type="secondary">{t('apiDocs.exampleHint', { key: PLACEHOLDER })}</Typography.Text>
        </Card>
        <Card size="small" title={t('apiDocs.items')}>
          <Table
            size="small"
            rowKey={([code]) => code}
            pagination={false}
            dataSource={items}
            data-testid="api-docs-items"
            columns={[
              {
                title: t('apiDocs.code'),
                key: 'code',
                render: (_, [code]) => <Typography.Text code>{code}</Typography.Text>,
              },
              { title: t('apiDocs.name'), key: 'name', render: (_, [, p]) => p['x-item-name'] },
              { title: t('apiDocs.type'), key: 'type', render: (_, [, p]) => p['x-item-type'] },
              { title: t('apiDocs.handling'), key: 'handling', render: (_, [, p]) => handling(p) },
            ]}
          />
        </Card>
        <Card size="small" title={t('apiDocs.refusals')}>
          <Table
            size="small"
            rowKey={([status]) => status}
            pagination={false}
            dataSource={refusals}
            columns={[
              { title: t('apiDocs.status'), key: 'status', width: 120, render: (_, [status]) => status },
              {
                title: t('apiDocs.codes'),
                key: 'codes',
                render: (_, [, r]) => <div style={{ whiteSpace: 'pre-line' }}>{r.description}</div>,
              },
            ]}
          />
        </Card>
      </Space>
    </>
  );
}
