import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  List,
  Select,
  Space,
  Tag,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../../../web/kit/api.ts';
import { showFormError } from '../../../../web/kit/form-errors.ts';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { eventsPolicy } from '../policy.ts';
import { CaseStatusTag } from './case-tags.tsx';
import {
  type CaseDetail,
  casePath,
  casesKey,
  sendReport,
  uploadPhoto,
  useCasePage,
  useCategories,
  useSuggestions,
} from './cases-api.ts';
import { useDebounced } from './use-debounced.ts';

type Values = { content: string; categoryCode?: string; address?: string };
type Position = { lng: number; lat: number };

const MAX_PHOTOS = 9;
const PHOTO_MAX_BYTES = 10 * 1024 * 1024;

/**
 * 网格上报: the grid inspector's page for the phone (it works at 375 px): what was found, its category (suggested
 * from the text), photos from the camera or the gallery, the phone's position or else an address; below it, the
 * inspector's own reports with their status.
 */
export function GridPage() {
  const { t } = useTranslation('events');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<UploadFile<{ url: string }>[]>([]);
  const [position, setPosition] = useState<Position | null>(null);
  const [locating, setLocating] = useState(false);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<CaseDetail | null>(null);
  const [page, setPage] = useState(1);
  const categories = useCategories();
  const content = useDebounced((Form.useWatch('content', form) ?? '').trim());
  const suggestions = useSuggestions(content, '');
  const mine = useCasePage({ channel: 'grid', page, pageSize: 10, sort: 'receivedAt', order: 'desc' });
  const best = suggestions.data?.top[0];
  // An inspector sees only their own reports; the desk, reporting too, sees every patrol report.
  const inspector = !eventsPolicy.atDesk(useSignedInUser());
  const uploading = photos.some((p) => p.status === 'uploading');

  // A position found clears the address's "position or address" error (checked with the new position).
  useEffect(() => {
    if (position) form.validateFields(['address']).catch(() => undefined);
  }, [position, form]);

  const locate = () => {
    if (!navigator.geolocation) return message.warning(t('grid.locateFailed'));
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setPosition({ lng: p.coords.longitude, lat: p.coords.latitude });
        setLocating(false);
      },
      () => {
        setLocating(false);
        message.warning(t('grid.locateFailed'));
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const c = await sendReport({
        content: v.content.trim(),
        ...(v.categoryCode && { categoryCode: v.categoryCode }),
        ...(v.address?.trim() && { address: v.address.trim() }),
        ...(position ?? {}),
        mediaUrls: photos.flatMap((p) => (p.status === 'done' && p.response ? [p.response.url] : [])),
      });
      setDone(c);
      message.success(t('grid.submitted', { number: c.number }));
      form.resetFields();
      setPhotos([]);
      setPosition(null);
      setPage(1);
      await queryClient.invalidateQueries({ queryKey: casesKey });
    } catch (error) {
      showFormError(form, error, message.error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div style={{ maxWidth: 600, margin: '0 auto' }}>
      <PageHeader title={t('grid.title')} description={t('grid.description')} />
      {done && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setDone(null) }}
          style={{ marginBottom: 12 }}
          data-testid="grid-done"
          title={
            <Space wrap>
              {t('grid.submitted', { number: done.number })}
              <Link to={casePath(done.number)}>{done.number}</Link>
            </Space>
          }
        />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={saving}>
          <Form.Item
            name="content"
            label={t('grid.content')}
            rules={[{ required: true, whitespace: true, message: t('grid.contentRequired') }]}
          >
            <Input.TextArea
              rows={4}
              maxLength={4000}
              placeholder={t('grid.contentPlaceholder')}
              data-testid="grid-content"
            />
          </Form.Item>
          <Form.Item
            name="categoryCode"
            label={t('grid.category')}
            extra={
              best && (
                <span>
                  {t('grid.suggested')}
                  <Typography.Link
                    onClick={() => form.setFieldValue('categoryCode', best.category)}
                    data-testid="grid-suggestion"
                  >
                    {best.name}
                  </Typography.Link>
                </span>
              )
            }
          >
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('grid.categoryPlaceholder')}
              loading={categories.isPending}
              data-testid="grid-category"
              options={(categories.data ?? [])
                .filter((c) => c.active)
                .map((c) => ({ value: c.code, label: c.name }))}
            />
          </Form.Item>
          <Form.Item label={t('grid.photos')}>
            <Upload<{ url: string }>
              accept="image/jpeg,image/png,image/webp"
              capture="environment"
              multiple
              listType="picture-card"
              fileList={photos}
              onChange={({ fileList }) => setPhotos(fileList)}
              beforeUpload={(file) => {
                // Refused here at once rather than after sending 10 MB the server would refuse too.
                if (file.size <= PHOTO_MAX_BYTES) return true;
                message.error(t('grid.photoTooLarge'));
                return Upload.LIST_IGNORE;
              }}
              customRequest={({ file, onSuccess, onError }) => {
                uploadPhoto(file as Blob).then(
                  (answer) => onSuccess?.(answer),
                  (error) => {
                    message.error(t('grid.photoFailed', { error: errorText(error) }));
                    onError?.(error);
                  },
                );
              }}
              data-testid="grid-photos"
            >
              {photos.length < MAX_PHOTOS && (
                <button type="button" style={{ border: 0, background: 'none', cursor: 'pointer' }}>
                  <PlusOutlined />
                  <div style={{ marginTop: 8 }}>{t('grid.addPhoto')}</div>
                </button>
              )}
            </Upload>
          </Form.Item>
          <Form.Item label={t('grid.location')}>
            <Flex gap={8} wrap align="center">
              <Button onClick={locate} loading={locating} data-testid="grid-locate">
                {t(locating ? 'grid.locating' : 'grid.locate')}
              </Button>
              {position && (
                <Tag color="green" data-testid="grid-position">
                  {t('grid.located', { lng: position.lng.toFixed(5), lat: position.lat.toFixed(5) })}
                </Tag>
              )}
            </Flex>
          </Form.Item>
          <Form.Item
            name="address"
            label={t('grid.address')}
            rules={[
              {
                validator: (_, value?: string) =>
                  position || value?.trim()
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('grid.locationRequired'))),
              },
            ]}
          >
            <Input maxLength={300} placeholder={t('grid.addressPlaceholder')} data-testid="grid-address" />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={saving}
            disabled={uploading}
            data-testid="grid-submit"
          >
            {t(uploading ? 'grid.uploading' : 'grid.submit')}
          </Button>
        </Form>
      </Card>
      <Card size="small" title={t(inspector ? 'grid.mine' : 'grid.all')}>
        {mine.error ? (
          <LoadError error={mine.error} onRetry={() => mine.refetch()} />
        ) : (
          <List
            size="small"
            loading={mine.isFetching}
            data-testid="grid-mine"
            locale={{ emptyText: t('grid.mineEmpty') }}
            dataSource={mine.data?.items ?? []}
            pagination={
              (mine.data?.total ?? 0) > 10
                ? { current: page, pageSize: 10, total: mine.data?.total, onChange: setPage, size: 'small' }
                : false
            }
            renderItem={(c) => (
              <List.Item extra={<CaseStatusTag status={c.status} />}>
                <List.Item.Meta
                  title={<Link to={casePath(c.number)}>{c.number}</Link>}
                  description={
                    <>
                      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                        {c.content}
                      </Typography.Paragraph>
                      <Typography.Text type="secondary">
                        {[c.categoryName, c.departmentName, formatDateTime(c.receivedAt)]
                          .filter(Boolean)
                          .join(' · ')}
                      </Typography.Text>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}
