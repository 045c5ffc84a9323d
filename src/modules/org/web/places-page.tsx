import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  Popconfirm,
  Row,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText } from '../../../../web/kit/api.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { allowed } from '../../../../web/kit/web-module.ts';
import { orgPolicy } from '../policy.ts';
import { BoundaryMap } from './boundary-map.tsx';
import { useSubdistricts } from './departments-api.ts';
import {
  type PlaceLevel,
  placesKey,
  removeBoundary,
  uploadBoundaries,
  useBoundaries,
  useResolvedAddress,
} from './places-api.ts';

/**
 * /org/places: the divisions' boundaries (approximate cells until true ones are uploaded, and the map says so),
 * the upload and removal of GeoJSON boundaries for administrators, and a box to try the address resolver.
 */
export function PlacesPage() {
  const { t } = useTranslation('org');
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const mayUpload = allowed(useSignedInUser().roles, orgPolicy.boundaries);
  const [level, setLevel] = useState<PlaceLevel>('subdistrict');
  const [parent, setParent] = useState<string | undefined>();
  const [address, setAddress] = useState('');
  const subdistricts = useSubdistricts();
  const boundaries = useBoundaries(level, parent);
  const resolved = useResolvedAddress(address);
  const features = boundaries.data?.features ?? [];
  const approximate = features.filter((f) => f.properties.approximate).length;

  const refresh = () => queryClient.invalidateQueries({ queryKey: placesKey });
  const upload = useMutation({
    mutationFn: async (file: File) => {
      let json: unknown;
      try {
        json = JSON.parse(await file.text());
      } catch {
        throw new Error(t('places.notJson', { name: file.name }));
      }
      return uploadBoundaries(json);
    },
    onSuccess: (r) => {
      message.success(
        t('places.uploadedCount', { subdistricts: r.subdistricts, communities: r.communities }),
      );
      return refresh();
    },
    onError: (error) =>
      modal.error({
        title: t('places.uploadFailed'),
        width: 560,
        content:
          error instanceof ApiError && error.fields.length ? (
            <ul style={{ paddingInlineStart: 18, maxHeight: 320, overflow: 'auto' }}>
              {error.fields.map((f) => (
                <li key={`${f.field}-${f.reason}`}>
                  <Typography.Text code>{f.field}</Typography.Text> {f.message}
                </li>
              ))}
            </ul>
          ) : (
            errorText(error)
          ),
      }),
  });
  const remove = useMutation({
    mutationFn: (code: string) => removeBoundary(code),
    onSuccess: () => {
      message.success(t('places.removed'));
      return refresh();
    },
    onError: (error) => message.error(errorText(error)),
  });

  const result = resolved.data;
  return (
    <>
      <PageHeader
        title={t('places.title')}
        description={t('places.description')}
        extra={
          mayUpload && (
            <Upload
              accept=".geojson,.json,application/geo+json,application/json"
              showUploadList={false}
              beforeUpload={(file) => {
                upload.mutate(file);
                return false;
              }}
            >
              <Button type="primary" icon={<UploadOutlined />} loading={upload.isPending}>
                {t('places.upload')}
              </Button>
            </Upload>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card
            title={
              <Space wrap>
                <Segmented<PlaceLevel>
                  value={level}
                  onChange={setLevel}
                  options={[
                    { value: 'subdistrict', label: t('places.levels.subdistrict') },
                    { value: 'community', label: t('places.levels.community') },
                  ]}
                />
                {level === 'community' && (
                  <Select
                    style={{ width: 180 }}
                    placeholder={t('places.pickSubdistrict')}
                    value={parent}
                    onChange={setParent}
                    options={(subdistricts.data ?? []).map((s) => ({ value: s.code, label: s.name }))}
                  />
                )}
              </Space>
            }
          >
            {boundaries.error ? (
              <LoadError error={boundaries.error} onRetry={() => boundaries.refetch()} />
            ) : features.length ? (
              <>
                {approximate > 0 && (
                  <Alert
                    type="info"
                    showIcon
                    style={{ marginBottom: 12 }}
                    message={t('places.approximateNote', { count: approximate, total: features.length })}
                  />
                )}
                <BoundaryMap
                  data={boundaries.data!}
                  marker={result ? [result.lng, result.lat] : null}
                  selected={
                    result ? (level === 'subdistrict' ? result.subdistrictCode : result.communityCode) : null
                  }
                />
              </>
            ) : (
              <Empty
                description={
                  level === 'community' && !parent ? t('places.pickSubdistrict') : t('places.none')
                }
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('places.tryTitle')} style={{ marginBottom: 16 }}>
            <Input.Search
              allowClear
              enterButton={t('places.resolve')}
              placeholder={t('places.tryPlaceholder')}
              onSearch={(v) => setAddress(v.trim())}
              loading={resolved.isFetching}
            />
            {address && !resolved.isFetching && (
              <div style={{ marginTop: 12 }}>
                {resolved.error ? (
                  <Alert type="error" message={errorText(resolved.error)} />
                ) : result ? (
                  <Descriptions size="small" column={1} bordered>
                    <Descriptions.Item label={t('places.subdistrict')}>
                      {result.subdistrictName}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('places.community')}>
                      {result.communityName ?? '—'}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('places.point')}>
                      {result.lng.toFixed(6)}, {result.lat.toFixed(6)}{' '}
                      {result.approximate && <Tag color="orange">{t('places.approximate')}</Tag>}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('places.precision')}>
                      {t(`places.precisions.${result.precision}`)}
                    </Descriptions.Item>
                  </Descriptions>
                ) : (
                  <Alert type="warning" message={t('places.notFound')} />
                )}
              </div>
            )}
          </Card>
          <Card title={t('places.listTitle')}>
            <Table
              size="small"
              rowKey={(f) => f.properties.code}
              dataSource={features}
              loading={boundaries.isLoading}
              pagination={{ pageSize: 10, showSizeChanger: false }}
              locale={{ emptyText: <TableEmpty text={t('places.none')} /> }}
              columns={[
                {
                  key: 'name',
                  title: t('fields.name'),
                  render: (_, f) => (
                    <Space>
                      {f.properties.name}
                      <Typography.Text type="secondary" code>
                        {f.properties.code}
                      </Typography.Text>
                    </Space>
                  ),
                },
                {
                  key: 'kind',
                  title: t('places.boundary'),
                  width: 110,
                  render: (_, f) =>
                    f.properties.approximate ? (
                      <Tag>{t('places.approximate')}</Tag>
                    ) : (
                      <Tag color="blue">{t('places.uploaded')}</Tag>
                    ),
                },
                ...(mayUpload
                  ? [
                      {
                        key: 'actions',
                        title: '',
                        width: 80,
                        render: (_: unknown, f: (typeof features)[number]) =>
                          !f.properties.approximate && (
                            <Popconfirm
                              title={t('places.confirmRemove', { name: f.properties.name })}
                              description={t('places.confirmRemoveHint')}
                              onConfirm={() => remove.mutateAsync(f.properties.code)}
                            >
                              <Button type="link" danger size="small">
                                {t('places.remove')}
                              </Button>
                            </Popconfirm>
                          ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
