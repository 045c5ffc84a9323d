import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  Checkbox,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Radio,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { showFormError } from '../../../../web/kit/form-errors.ts';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { CaseStatusTag } from './case-tags.tsx';
import {
  type CaseDetail,
  casePath,
  casesKey,
  type Duplicate,
  takeCall,
  type Urgency,
  urgencyList,
  useCategories,
  useDuplicates,
  useSuggestions,
} from './cases-api.ts';
import { useDebounced } from './use-debounced.ts';

type Values = {
  reporterName?: string;
  reporterPhone?: string;
  content: string;
  address?: string;
  urgency: Urgency;
  wantsReply: boolean;
  categoryCode?: string;
};

const initial: Partial<Values> = { urgency: 'normal', wantsReply: true };

/** Empty strings left out: the server takes a missing field, not a blank one. */
function filled(v: Values) {
  return Object.fromEntries(
    Object.entries(v)
      .map(([k, x]) => [k, typeof x === 'string' ? x.trim() : x])
      .filter(([, x]) => x !== '' && x !== undefined),
  ) as Values;
}

/**
 * 受理台: the 12345 operator's form for a call in progress. While the operator types, the classifier's top three
 * categories (click one to pick it), the resolved place and possible duplicates (并案 merges the call into one)
 * show beside it; the operator confirms the category, then receives the case and dispatches it by the rules, or
 * only receives it.
 */
export function DeskPage() {
  const { t } = useTranslation('events');
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState<'dispatch' | 'only' | 'merge' | null>(null);
  const [done, setDone] = useState<{ c: CaseDetail; merged: boolean } | null>(null);
  const categories = useCategories();
  const content = useDebounced((Form.useWatch('content', form) ?? '').trim());
  const address = useDebounced((Form.useWatch('address', form) ?? '').trim());
  const categoryCode = Form.useWatch('categoryCode', form);
  const suggestions = useSuggestions(content, address);
  const duplicates = useDuplicates(
    { content, categoryCode: categoryCode || undefined, address: address || undefined },
    true,
  );

  const submit = async (how: 'dispatch' | 'only' | 'merge', mergeInto?: string) => {
    let values: Values;
    try {
      values = await form.validateFields(how === 'merge' ? ['content'] : undefined);
    } catch {
      return;
    }
    setSaving(how);
    try {
      const all = filled({ ...form.getFieldsValue(true), ...values });
      const c = await takeCall({
        ...all,
        ...(how === 'dispatch' && { dispatch: true }),
        ...(mergeInto && { mergeInto }),
      });
      setDone({ c, merged: !!mergeInto });
      message.success(t(mergeInto ? 'desk.merged' : 'desk.received', { number: mergeInto ?? c.number }));
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: casesKey });
    } catch (error) {
      showFormError(form, error, message.error);
    } finally {
      setSaving(null);
    }
  };

  const merge = (d: Duplicate) =>
    modal.confirm({
      title: t('desk.mergeConfirmTitle', { number: d.number }),
      content: t('desk.mergeConfirm', { number: d.number }),
      okText: t('desk.merge'),
      okButtonProps: { 'data-testid': 'merge-confirm' } as ButtonProps,
      onOk: () => submit('merge', d.number),
    });

  const top = suggestions.data?.top ?? [];
  const place = suggestions.data?.place;
  return (
    <>
      <PageHeader title={t('desk.title')} description={t('desk.description')} />
      {done && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setDone(null) }}
          style={{ marginBottom: 16 }}
          data-testid="desk-done"
          title={
            <Space wrap>
              {t(done.merged ? 'desk.merged' : 'desk.received', {
                number: done.merged ? done.c.mergedInto : done.c.number,
              })}
              <CaseStatusTag status={done.c.status} />
              <Link to={casePath(done.c.number)} data-testid="desk-done-link">
                {t('desk.open')} {done.c.number}
              </Link>
            </Space>
          }
        />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card>
            <Form<Values> form={form} layout="vertical" initialValues={initial} disabled={!!saving}>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item name="reporterName" label={t('desk.callerName')}>
                    <Input maxLength={60} data-testid="desk-name" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="reporterPhone" label={t('desk.callerPhone')}>
                    <Input maxLength={20} inputMode="tel" data-testid="desk-phone" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                name="content"
                label={t('desk.content')}
                rules={[{ required: true, whitespace: true, message: t('desk.contentRequired') }]}
              >
                <Input.TextArea
                  rows={5}
                  maxLength={4000}
                  showCount
                  placeholder={t('desk.contentPlaceholder')}
                  data-testid="desk-content"
                />
              </Form.Item>
              <Form.Item name="address" label={t('desk.address')}>
                <Input
                  maxLength={300}
                  placeholder={t('desk.addressPlaceholder')}
                  data-testid="desk-address"
                />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item name="urgency" label={t('desk.urgency')}>
                    <Radio.Group
                      optionType="button"
                      options={urgencyList.map((u) => ({ value: u, label: t(`caseLabels.urgency.${u}`) }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="wantsReply" valuePropName="checked" label=" ">
                    <Checkbox>{t('desk.wantsReply')}</Checkbox>
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                name="categoryCode"
                label={t('desk.category')}
                rules={[{ required: true, message: t('desk.categoryRequired') }]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('desk.categoryPlaceholder')}
                  loading={categories.isPending}
                  data-testid="desk-category"
                  options={(categories.data ?? [])
                    .filter((c) => c.active)
                    .map((c) => ({
                      value: c.code,
                      label: `${c.name}（${c.departmentName ?? '—'} · ${c.timeLimit}）`,
                    }))}
                />
              </Form.Item>
              <Flex gap={8} wrap>
                <Button
                  type="primary"
                  loading={saving === 'dispatch'}
                  onClick={() => submit('dispatch')}
                  data-testid="desk-dispatch"
                >
                  {t('desk.submitDispatch')}
                </Button>
                <Button loading={saving === 'only'} onClick={() => submit('only')} data-testid="desk-receive">
                  {t('desk.submitOnly')}
                </Button>
                <Button type="text" onClick={() => form.resetFields()}>
                  {t('desk.reset')}
                </Button>
              </Flex>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card
            title={t('desk.suggestions')}
            size="small"
            style={{ marginBottom: 16 }}
            data-testid="desk-suggestions"
          >
            {!content ? (
              <Typography.Text type="secondary">{t('desk.suggestionsEmpty')}</Typography.Text>
            ) : top.length ? (
              <Flex gap={8} wrap>
                {top.map((s) => (
                  <Tag.CheckableTag
                    key={s.category}
                    checked={categoryCode === s.category}
                    onChange={() => form.setFieldValue('categoryCode', s.category)}
                    data-testid={`desk-suggestion-${s.category}`}
                  >
                    {s.name}
                    {s.departmentName && ` · ${s.departmentName}`} ·{' '}
                    {t('desk.score', { score: Math.round(s.score * 100) })}
                  </Tag.CheckableTag>
                ))}
              </Flex>
            ) : (
              <Typography.Text type="secondary">{t('desk.suggestionsNone')}</Typography.Text>
            )}
            {address && (
              <div style={{ marginTop: 12 }}>
                <Typography.Text strong>{t('desk.place')}：</Typography.Text>
                {place ? (
                  <>
                    {t('desk.placeFound', {
                      subdistrict: place.subdistrictName ?? '',
                      community: place.communityName ?? '',
                      lng: place.lng.toFixed(5),
                      lat: place.lat.toFixed(5),
                    })}
                    {place.approximate && <Tag style={{ marginLeft: 8 }}>{t('desk.placeApproximate')}</Tag>}
                  </>
                ) : (
                  <Typography.Text type="secondary">{t('desk.placeNone')}</Typography.Text>
                )}
              </div>
            )}
          </Card>
          <Card title={t('desk.duplicates')} size="small" data-testid="desk-duplicates">
            {duplicates.data?.items.length && content ? (
              <List
                size="small"
                dataSource={duplicates.data.items}
                renderItem={(d) => (
                  <List.Item
                    actions={[
                      <Button key="merge" size="small" onClick={() => merge(d)} data-testid="desk-merge">
                        {t('desk.merge')}
                      </Button>,
                    ]}
                  >
                    <List.Item.Meta
                      title={
                        <Link to={casePath(d.number)} target="_blank">
                          {d.number}
                        </Link>
                      }
                      description={
                        <>
                          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                            {d.content}
                          </Typography.Paragraph>
                          <Typography.Text type="secondary">
                            {t('desk.duplicateMeta', {
                              category: d.categoryName ?? '—',
                              status: t(`caseLabels.status.${d.status}`),
                              similarity: Math.round(d.similarity * 100),
                            })}
                            {d.distanceMetres !== null &&
                              ` · ${t('desk.distance', { metres: d.distanceMetres })}`}
                          </Typography.Text>
                        </>
                      }
                    />
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.duplicatesEmpty')} />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
