import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Result,
  Select,
  Skeleton,
  Space,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../../web/kit/api.ts';
import { showFormError } from '../../../../web/kit/form-errors.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import type { ResourceView } from '../../catalog/contract.ts';
import { PersonalTag, resourcePath, ShareTag, useResource } from '../../catalog/web/index.ts';
import { useAllDepartments } from '../../org/web/index.ts';
import { sharingPolicy } from '../policy.ts';
import { applicationPath, applyFor, sharingKey } from './sharing-api.ts';

type Values = {
  applicantDepartmentId?: number;
  items: string[];
  rawItems?: string[];
  filters?: { item?: string; value?: string }[];
  period: [Dayjs, Dayjs];
  expectedDailyCalls: number;
  purpose: string;
  legalBasis: string;
  consumingSystem: string;
};

/** The server names period and filter fields as the API has them; the form groups them. */
function formField(field: string) {
  if (field === 'periodFrom' || field === 'periodTo') return 'period';
  if (field.startsWith('rowFilter')) return 'filters';
  return field;
}

/** 申请共享: the form for one resource (by alias or code), opened from its catalog page. */
export function ApplyPage() {
  const { resource: name = '' } = useParams();
  const { t } = useTranslation('sharing');
  const resource = useResource(name);
  if (resource.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (resource.isError) {
    if (resource.error instanceof ApiError && resource.error.status === 404)
      return <Result status="404" subTitle={resource.error.detail} />;
    return <LoadError error={resource.error} onRetry={() => resource.refetch()} />;
  }
  const r = resource.data;
  if (r.shareType === 'none')
    return (
      <Result
        status="error"
        title={t('apply.noneTitle')}
        subTitle={t('apply.noneHint', { basis: r.shareBasis ?? t('apply.noBasis') })}
        extra={
          <Link to={resourcePath(r.code)}>
            <Button>{r.name}</Button>
          </Link>
        }
        data-testid="apply-not-shareable"
      />
    );
  return <ApplyForm resource={r} />;
}

function ApplyForm({ resource }: { resource: ResourceView }) {
  const { t } = useTranslation('sharing');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useSignedInUser();
  const center = sharingPolicy.isCenter(me);
  const departments = useAllDepartments();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const chosen = Form.useWatch('items', form) ?? [];
  const personal = resource.items.filter((i) => i.personal && chosen.includes(i.code));
  const label = (code: string) => resource.items.find((i) => i.code === code)?.name ?? code;

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const rowFilter = Object.fromEntries(
        (v.filters ?? []).filter((f) => f.item && f.value?.trim()).map((f) => [f.item!, f.value!.trim()]),
      );
      const created = await applyFor({
        resource: resource.alias ?? resource.code,
        ...(v.applicantDepartmentId !== undefined &&
          v.applicantDepartmentId !== me.departmentId && { applicantDepartmentId: v.applicantDepartmentId }),
        purpose: v.purpose,
        legalBasis: v.legalBasis,
        items: v.items,
        rawItems: (v.rawItems ?? []).filter((code) => v.items.includes(code)),
        rowFilter,
        consumingSystem: v.consumingSystem,
        periodFrom: v.period[0].format('YYYY-MM-DD'),
        periodTo: v.period[1].format('YYYY-MM-DD'),
        expectedDailyCalls: v.expectedDailyCalls,
      });
      await queryClient.invalidateQueries({ queryKey: sharingKey });
      message.success(t(created.status === 'approved' ? 'apply.approvedAtOnce' : 'apply.submitted'));
      navigate(applicationPath(created.id));
    } catch (error) {
      if (error instanceof ApiError) for (const f of error.fields) f.field = formField(f.field);
      showFormError(form, error, message.error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to={resourcePath(resource.code)}>{resource.name}</Link> },
          { title: t('apply.button') },
        ]}
      />
      <PageHeader
        title={t('apply.title', { name: resource.name })}
        tags={<ShareTag type={resource.shareType} />}
        description={t('apply.description')}
      />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={
          resource.shareType === 'unconditional'
            ? t('apply.unconditional')
            : t('apply.conditional', { provider: resource.providerDepartmentName })
        }
        description={
          resource.shareCondition ? t('apply.condition', { condition: resource.shareCondition }) : undefined
        }
      />
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          disabled={saving}
          style={{ maxWidth: 820 }}
          initialValues={{
            applicantDepartmentId: me.departmentId ?? undefined,
            items: [],
            rawItems: [],
            filters: [],
            period: [dayjs(), dayjs().add(1, 'year').subtract(1, 'day')],
            expectedDailyCalls: 1000,
          }}
          data-testid="apply-form"
        >
          {center && (
            <Form.Item
              name="applicantDepartmentId"
              label={t('apply.department')}
              extra={t('apply.departmentHint')}
              rules={[{ required: true, message: t('apply.departmentRequired') }]}
            >
              <Select
                showSearch
                optionFilterProp="label"
                loading={departments.isPending}
                options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
              />
            </Form.Item>
          )}
          <Form.Item
            name="items"
            label={t('fields.items')}
            extra={t('apply.itemsHint')}
            rules={[{ required: true, type: 'array', min: 1, message: t('apply.itemsRequired') }]}
          >
            <Checkbox.Group data-testid="apply-items">
              <Flex wrap gap={8}>
                {resource.items.map((i) => (
                  <Checkbox key={i.code} value={i.code} data-testid={`apply-item-${i.code}`}>
                    {i.name} <span style={{ color: '#999' }}>{i.code}</span> {i.personal && <PersonalTag />}
                  </Checkbox>
                ))}
              </Flex>
            </Checkbox.Group>
          </Form.Item>
          <Form.Item
            name="rawItems"
            label={t('fields.rawItems')}
            extra={personal.length ? t('apply.rawHint') : t('apply.rawNone')}
          >
            <Checkbox.Group
              options={personal.map((i) => ({ value: i.code, label: i.name }))}
              data-testid="apply-raw-items"
            />
          </Form.Item>
          <Form.Item label={t('fields.rowFilter')} extra={t('apply.filterHint')}>
            <Form.List name="filters">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field) => (
                    <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                      <Form.Item
                        name={[field.name, 'item']}
                        rules={[{ required: true, message: t('apply.filterItem') }]}
                      >
                        <Select
                          style={{ width: 220 }}
                          placeholder={t('apply.filterItem')}
                          options={resource.items.map((i) => ({ value: i.code, label: label(i.code) }))}
                        />
                      </Form.Item>
                      <span>{t('apply.filterValue')}</span>
                      <Form.Item
                        name={[field.name, 'value']}
                        rules={[
                          { required: true, whitespace: true, message: t('apply.filterValueRequired') },
                        ]}
                      >
                        <Input style={{ width: 220 }} maxLength={200} />
                      </Form.Item>
                      <MinusCircleOutlined onClick={() => remove(field.name)} />
                    </Space>
                  ))}
                  <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
                    {t('apply.filterAdd')}
                  </Button>
                </>
              )}
            </Form.List>
          </Form.Item>
          <Form.Item
            name="period"
            label={t('fields.period')}
            extra={t('apply.periodHint')}
            rules={[{ required: true, message: t('apply.periodRequired') }]}
          >
            <DatePicker.RangePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item
            name="expectedDailyCalls"
            label={t('fields.expectedDailyCalls')}
            rules={[{ required: true, message: t('apply.callsRequired') }]}
          >
            <InputNumber min={1} max={10_000_000} precision={0} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item
            name="consumingSystem"
            label={t('fields.consumingSystem')}
            rules={[{ required: true, whitespace: true, message: t('apply.systemRequired') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="purpose"
            label={t('fields.purpose')}
            rules={[{ required: true, whitespace: true, message: t('apply.purposeRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
          <Form.Item
            name="legalBasis"
            label={t('fields.legalBasis')}
            rules={[{ required: true, whitespace: true, message: t('apply.legalBasisRequired') }]}
          >
            <Input maxLength={1000} placeholder={t('apply.legalBasisPlaceholder')} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="apply-submit">
            {t('apply.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
