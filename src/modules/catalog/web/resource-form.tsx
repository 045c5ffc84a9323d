import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Popconfirm,
  Radio,
  Row,
  Select,
  theme,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../../../web/kit/api.ts';
import { showFormError } from '../../../../web/kit/form-errors.ts';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { useAllDepartments } from '../../org/web/index.ts';
import type { Resource, ResourceInput } from '../contract.ts';
import { catalogPolicy } from '../policy.ts';
import { isPersonalByKind } from '../rules.ts';
import {
  catalogKey,
  classificationDigits,
  classifications,
  createResource,
  formats,
  openTypes,
  resourcePath,
  shareTypes,
  updateCycles,
  updateResource,
} from './catalog-api.ts';
import { ItemsEditor, type ItemValues, newItem } from './items-editor.tsx';

type Values = Omit<
  ResourceInput,
  'items' | 'publishDate' | 'alias' | 'shareCondition' | 'shareBasis' | 'openCondition'
> & {
  alias?: string | null;
  shareCondition?: string | null;
  shareBasis?: string | null;
  openCondition?: string | null;
  items: ItemValues[];
  publishDate?: Dayjs | null;
  changeNote?: string;
};

/** Optional text left empty is stored as "none", not as an empty string. */
const orNull = (value: string | null | undefined) => value?.trim() || null;
const trimmed = (values: string[] | undefined) => (values ?? []).map((v) => v.trim()).filter(Boolean);

/** A resource as the form edits it. */
function toValues(r: Resource): Values {
  return { ...r, publishDate: r.publishDate ? dayjs(r.publishDate) : null, items: r.items };
}

/** One data item as the API takes it; the enum values go with enum items only, a pattern with the others. */
function toItem(item: ItemValues): ResourceInput['items'][number] {
  const v = item.validator ?? {};
  const isEnum = item.type === 'enum';
  const validator = {
    ...(isEnum && v.enum?.length && { enum: trimmed(v.enum) }),
    ...(!isEnum && v.pattern?.trim() && { pattern: v.pattern.trim() }),
    ...(v.min != null && { min: v.min }),
    ...(v.max != null && { max: v.max }),
    ...(v.maxLength != null && { maxLength: v.maxLength }),
  };
  const synonyms = trimmed(item.synonyms);
  const name = item.name?.trim() ?? '';
  const type = item.type ?? 'string';
  return {
    code: item.code?.trim() ?? '',
    name,
    type,
    required: !!item.required,
    // As the editor shows it: an item of a personal kind is personal (the server flags it so anyway).
    personal: !!item.personal || isPersonalByKind({ type, name }),
    ...(Object.keys(validator).length > 0 && { validator }),
    ...(item.description?.trim() && { description: item.description.trim() }),
    ...(synonyms.length > 0 && { synonyms }),
  };
}

/** The form's values as the API takes them; conditions that do not apply to the chosen types are dropped. */
function toInput(values: Values): ResourceInput {
  return {
    alias: orNull(values.alias),
    name: values.name.trim(),
    classification: values.classification,
    classCode: values.classCode.trim(),
    providerDepartmentId: values.providerDepartmentId,
    summary: values.summary.trim(),
    format: values.format,
    // Every row goes, in order, so the server's "items.N" errors point at the row the user sees.
    items: (values.items ?? []).map(toItem),
    keyItems: values.keyItems ?? [],
    shareType: values.shareType,
    shareCondition: values.shareType === 'conditional' ? orNull(values.shareCondition) : null,
    shareBasis: values.shareType === 'none' ? orNull(values.shareBasis) : null,
    openType: values.openType,
    openCondition: values.openType === 'conditional' ? orNull(values.openCondition) : null,
    updateCycle: values.updateCycle,
    publishDate: values.publishDate ? values.publishDate.format('YYYY-MM-DD') : null,
    relatedCodes: trimmed(values.relatedCodes),
    keywords: trimmed(values.keywords),
  };
}

/**
 * Registers a resource, or saves a new version of `resource`. Formats are checked here; the catalog's rules
 * (a condition for conditional sharing, a legal basis for not sharing, keys that are required items, no personal
 * items in open data …) are the server's, and its answers appear on the fields and item cells they concern.
 * An edit names the version it started from: if someone saved first, the user may reload the latest version.
 */
export function ResourceForm({
  resource,
  onReload,
}: {
  resource?: Resource;
  onReload?: () => Promise<unknown>;
}) {
  const { t } = useTranslation('catalog');
  const { message, modal } = App.useApp();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const me = useSignedInUser();
  const departments = useAllDepartments();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const shareType = Form.useWatch('shareType', form);
  const openType = Form.useWatch('openType', form);
  const items = (Form.useWatch('items', form) ?? []) as ItemValues[];
  // Departments register and edit their own resources only; center staff pick any provider.
  const ownDepartmentOnly = !catalogPolicy.anyProvider(me);
  // Opening a resource further and taking a personal flag off need the center's review: a department user
  // sees those choices greyed out, with the reason, rather than meeting a refusal on saving.
  const savedOpenType = resource?.openType ?? 'closed';
  const reviewNeeded = openTypes.some((o) => !catalogPolicy.mayOpen(me, savedOpenType, o));
  const personalLocked = (item: ItemValues) =>
    !catalogPolicy.mayReview(me) &&
    !!resource?.items.some((was) => was.personal && (was.code === item.code || was.name === item.name));

  const initialValues: Partial<Values> = resource
    ? toValues(resource)
    : {
        classification: 'department',
        classCode: classificationDigits.department,
        providerDepartmentId: me.departmentId ?? undefined,
        format: 'database',
        shareType: 'unconditional',
        openType: 'closed',
        updateCycle: 'monthly',
        items: [newItem()],
        keyItems: [],
      };

  const conflict = (error: ApiError) =>
    modal.confirm({
      title: t('form.conflictTitle'),
      content: t('form.conflictHint', { version: error.params.version }),
      okText: t('form.reload'),
      cancelText: t('form.keepEditing'),
      onOk: async () => {
        await onReload?.();
        message.info(t('form.reloaded'));
      },
    });

  const save = async () => {
    // All values, also those of item rows whose details are folded away.
    const values = form.getFieldsValue(true) as Values;
    const input = toInput(values);
    setSaving(true);
    try {
      const saved = resource
        ? await updateResource(resource.code, {
            ...input,
            ...(values.changeNote?.trim() && { changeNote: values.changeNote.trim() }),
            expectedVersion: resource.version,
          })
        : await createResource(input);
      if (resource && saved.version === resource.version) message.info(t('form.unchanged'));
      else
        message.success(
          t(resource ? 'form.updated' : 'form.created', {
            name: saved.name,
            code: saved.code,
            version: saved.version,
          }),
        );
      queryClient.setQueryData([...catalogKey, 'resource', saved.code], saved);
      navigate(resourcePath(saved.code), { replace: true, state: location.state });
      void queryClient.invalidateQueries({ queryKey: catalogKey });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'version_conflict') conflict(error);
      else showFormError(form, error, message.error, { duplicate_alias: 'alias' });
    } finally {
      setSaving(false);
    }
  };

  const onValuesChange = (changed: Partial<Values>, all: Values) => {
    // The classification code starts with the classification's digit: keep the two in step.
    if (changed.classification) {
      const digit = classificationDigits[changed.classification];
      const code = all.classCode ?? '';
      if (code[0] !== digit) form.setFieldValue('classCode', digit + code.slice(1));
    }
    // A key item must be required; choosing one as key makes it so.
    if (changed.keyItems) {
      (all.items ?? []).forEach((item, i) => {
        if (item.code && changed.keyItems!.includes(item.code) && !item.required)
          form.setFieldValue(['items', i, 'required'], true);
      });
    }
  };

  const cancel = () =>
    navigate(resource ? resourcePath(resource.code) : '/catalog', { state: location.state });
  const departmentOptions = (departments.data ?? [])
    .filter((d) => d.active || d.id === resource?.providerDepartmentId)
    .map((d) => ({ value: d.id, label: d.name }));
  // One option per code, even while two rows share one (the server will say so).
  const itemOptions = [...new Map(items.filter((i) => i?.code).map((i) => [i.code!, i])).values()].map(
    (i) => ({
      value: i.code!,
      label: i.name ? `${i.name} · ${i.code}` : i.code!,
    }),
  );
  const half = { xs: 24, md: 12 };
  const quarter = { xs: 24, sm: 12, lg: 6 };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={save}
      onValuesChange={onValuesChange}
      disabled={saving}
      scrollToFirstError={{ block: 'center' }}
      data-testid="resource-form"
    >
      <Flex vertical gap={16}>
        <Card title={t('form.sections.basic')}>
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item
                name="name"
                label={t('fields.name')}
                rules={[{ required: true, whitespace: true, message: t('form.rules.nameRequired') }]}
              >
                <Input maxLength={100} showCount />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item
                name="providerDepartmentId"
                label={t('fields.provider')}
                extra={ownDepartmentOnly ? t('form.hints.ownDepartment') : undefined}
                rules={[{ required: true, message: t('form.rules.providerRequired') }]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={departments.isPending}
                  disabled={ownDepartmentOnly}
                  options={departmentOptions}
                />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item
                name="classification"
                label={t('fields.classification')}
                rules={[{ required: true }]}
              >
                <Radio.Group
                  optionType="button"
                  options={classifications.map((c) => ({ value: c, label: t(`classifications.${c}`) }))}
                />
              </Form.Item>
            </Col>
            <Col {...quarter}>
              <Form.Item
                name="classCode"
                label={t('fields.classCode')}
                extra={t('form.hints.classCode')}
                rules={[
                  { required: true, message: t('form.rules.classCodeRequired') },
                  { pattern: /^[1-3]\d{2}(\d{3}){1,2}$/, message: t('form.rules.classCodeFormat') },
                ]}
              >
                <Input maxLength={9} placeholder="301001" />
              </Form.Item>
            </Col>
            <Col {...quarter}>
              <Form.Item name="format" label={t('fields.format')} rules={[{ required: true }]}>
                <Select options={formats.map((f) => ({ value: f, label: t(`formats.${f}`) }))} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item
                name="summary"
                label={t('fields.summary')}
                extra={t('form.hints.summary')}
                rules={[{ required: true, whitespace: true, message: t('form.rules.summaryRequired') }]}
              >
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount />
              </Form.Item>
            </Col>
            <Col {...quarter}>
              <Form.Item name="updateCycle" label={t('fields.updateCycle')} rules={[{ required: true }]}>
                <Select options={updateCycles.map((c) => ({ value: c, label: t(`updateCycles.${c}`) }))} />
              </Form.Item>
            </Col>
            <Col {...quarter}>
              <Form.Item name="publishDate" label={t('fields.publishDate')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="keywords" label={t('fields.keywords')}>
                <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item
                name="alias"
                label={t('fields.alias')}
                extra={t('form.hints.alias')}
                rules={[{ pattern: /^[a-z][a-z0-9_]{1,40}$/, message: t('form.rules.aliasFormat') }]}
              >
                <Input maxLength={41} placeholder="population" />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item
                name="relatedCodes"
                label={t('fields.relatedCodes')}
                extra={t('form.hints.relatedCodes')}
              >
                <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', ' ']} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title={t('form.sections.sharing')}>
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item name="shareType" label={t('fields.shareType')} rules={[{ required: true }]}>
                <Radio.Group
                  optionType="button"
                  options={shareTypes.map((s) => ({ value: s, label: t(`shareTypes.${s}`) }))}
                />
              </Form.Item>
              {shareType === 'conditional' && (
                <Form.Item name="shareCondition" label={t('fields.shareCondition')} required>
                  <Input.TextArea
                    autoSize={{ minRows: 2, maxRows: 5 }}
                    maxLength={500}
                    showCount
                    placeholder={t('form.placeholders.shareCondition')}
                  />
                </Form.Item>
              )}
              {shareType === 'none' && (
                <Form.Item name="shareBasis" label={t('fields.shareBasis')} required>
                  <Input.TextArea
                    autoSize={{ minRows: 2, maxRows: 5 }}
                    maxLength={500}
                    showCount
                    placeholder={t('form.placeholders.shareBasis')}
                  />
                </Form.Item>
              )}
            </Col>
            <Col {...half}>
              <Form.Item
                name="openType"
                label={t('fields.openType')}
                extra={reviewNeeded ? t('form.hints.openNeedsReview') : t('form.hints.openType')}
                rules={[{ required: true }]}
              >
                <Radio.Group
                  optionType="button"
                  options={openTypes.map((o) => ({
                    value: o,
                    label: t(`openTypes.${o}`),
                    disabled: !catalogPolicy.mayOpen(me, savedOpenType, o),
                  }))}
                />
              </Form.Item>
              {openType === 'conditional' && (
                <Form.Item name="openCondition" label={t('fields.openCondition')} required>
                  <Input.TextArea
                    autoSize={{ minRows: 2, maxRows: 5 }}
                    maxLength={500}
                    showCount
                    placeholder={t('form.placeholders.openCondition')}
                  />
                </Form.Item>
              )}
            </Col>
          </Row>
        </Card>

        <Card title={t('form.sections.items')}>
          <ItemsEditor form={form} personalLocked={personalLocked} />
          <Form.Item
            name="keyItems"
            label={t('fields.keyItems')}
            extra={t('form.hints.keyItems')}
            rules={[
              { required: true, message: t('form.rules.keyItemsRequired') },
              { type: 'array', max: 5, message: t('form.rules.keyItemsMax') },
            ]}
            style={{ marginTop: 24, marginBottom: 0 }}
          >
            <Select mode="multiple" options={itemOptions} style={{ maxWidth: 640 }} />
          </Form.Item>
        </Card>

        {resource && (
          <Card title={t('form.sections.change')}>
            <Form.Item
              name="changeNote"
              label={t('fields.changeNote')}
              extra={t('form.hints.changeNote', { version: resource.version + 1 })}
              style={{ marginBottom: 0 }}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} showCount />
            </Form.Item>
          </Card>
        )}

        <Flex
          justify="flex-end"
          gap={8}
          style={{
            position: 'sticky',
            bottom: 0,
            zIndex: 5,
            padding: '12px 0',
            background: token.colorBgLayout,
            borderTop: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Popconfirm
            title={t('form.discard')}
            open={confirmingCancel}
            onOpenChange={(open) => !open && setConfirmingCancel(false)}
            onConfirm={cancel}
          >
            {/* Nothing typed yet: leave at once; otherwise ask first. */}
            <Button onClick={() => (form.isFieldsTouched() ? setConfirmingCancel(true) : cancel())}>
              {t('common:common.cancel')}
            </Button>
          </Popconfirm>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="resource-save">
            {resource ? t('form.save') : t('form.register')}
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}
