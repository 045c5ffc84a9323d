import { EyeOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Skeleton,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { showFormError } from '../../../../web/kit/form-errors.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { isCenterStaff } from '../../../core/policy.ts';
import { useAllDepartments } from '../../org/web/index.ts';
import { type FormAudience, type FormField, formAudiences } from '../fields.ts';
import { FieldsEditor, type FieldValues, newField } from './fields-editor.tsx';
import { FormPreview } from './form-preview.tsx';
import { FormStatusTag } from './form-tags.tsx';
import {
  closeForm,
  createForm,
  deleteForm,
  type FormDetail,
  type FormInput,
  formPath,
  formsKey,
  formsPath,
  publishForm,
  updateForm,
  useForm,
} from './forms-api.ts';
import { installPageMessages } from './messages.ts';

installPageMessages();

type Values = {
  code: string;
  title: string;
  description?: string | null;
  audience: FormAudience;
  ownerDepartmentId?: number;
  receivingDepartmentIds: number[];
  fields: FieldValues[];
};

/** Optional text left empty is sent as "none". */
const orNull = (value: string | null | undefined) => value?.trim() || null;

/** The form's values as the API takes them (empty optional parts of each field left out). */
function toInput(v: Values): FormInput {
  return {
    code: (v.code ?? '').trim(),
    title: (v.title ?? '').trim(),
    description: orNull(v.description),
    audience: v.audience,
    ...(v.ownerDepartmentId !== undefined && { ownerDepartmentId: v.ownerDepartmentId }),
    receivingDepartmentIds: v.receivingDepartmentIds ?? [],
    fields: (v.fields ?? []).map((f) => ({
      key: (f.key ?? '').trim(),
      label: (f.label ?? '').trim(),
      type: f.type ?? 'text',
      required: !!f.required,
      binding: f.binding || null,
      reuseKey: f.binding ? null : orNull(f.reuseKey),
      options: f.type === 'select' ? (f.options ?? []).map((o) => o.trim()) : null,
      pattern: f.binding ? null : orNull(f.pattern),
      maxLength: f.maxLength ?? null,
      help: orNull(f.help),
    })),
  };
}

const toValues = (f: FormDetail): Values => ({
  code: f.code,
  title: f.title,
  description: f.description,
  audience: f.audience,
  ownerDepartmentId: f.ownerDepartment.id,
  receivingDepartmentIds: f.receivingDepartments.map((d) => d.id),
  fields: f.fields,
});

/** /forms/new and /forms/:id: the form designer for a new form or an existing one. */
export function DesignerPage() {
  const { id } = useParams();
  const formId = id ? Number(id) : null;
  const { t } = useTranslation('forms');
  const existing = useForm(formId ?? 0, formId !== null);
  if (formId !== null && existing.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (formId !== null && existing.isError)
    return <LoadError error={existing.error} onRetry={() => existing.refetch()} />;
  const form = existing.data;
  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to={formsPath}>{t('list.title')}</Link> },
          { title: form ? form.title : t('designer.createTitle') },
        ]}
      />
      {/* A saved version brings a fresh form, so the fields show what was stored. */}
      <Designer key={form ? `${form.id}:${form.version}:${form.updatedAt}` : 'new'} form={form} />
    </>
  );
}

/**
 * The designer: title, code, instructions, audience, the owning department (center staff), the receiving
 * departments and the fields table; preview, save, publish (confirmed), close, delete a draft. A form the user may
 * not change is shown read-only.
 */
function Designer({ form: saved }: { form?: FormDetail }) {
  const { t } = useTranslation('forms');
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useSignedInUser();
  const departments = useAllDepartments();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [previewing, setPreviewing] = useState(false);
  const center = isCenterStaff(me);
  const editable = !saved || saved.mayEdit;
  const released = !!saved?.publishedAt;

  const initialValues: Values = saved
    ? toValues(saved)
    : {
        code: '',
        title: '',
        audience: 'person',
        ownerDepartmentId: center ? undefined : (me.departmentId ?? undefined),
        receivingDepartmentIds: me.departmentId && !center ? [me.departmentId] : [],
        fields: [newField()],
      };

  const refresh = (next: FormDetail) => {
    queryClient.setQueryData([...formsKey, 'one', next.id], next);
    void queryClient.invalidateQueries({ queryKey: formsKey });
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      showFormError(form, error, message.error, { duplicate_code: 'code' });
    } finally {
      setBusy(false);
    }
  };

  const save = () =>
    run(async () => {
      const input = toInput(form.getFieldsValue(true) as Values);
      if (!saved) {
        const created = await createForm(input);
        message.success(t('designer.saved'));
        refresh(created);
        navigate(formPath(created.id), { replace: true });
        return;
      }
      const { ownerDepartmentId: _owner, ...update } = input;
      const next = await updateForm(saved.id, update);
      if (next.version === saved.version && next.updatedAt === saved.updatedAt)
        message.info(t('designer.unchanged'));
      else if (next.version !== saved.version)
        message.success(t('designer.savedVersion', { version: next.version }));
      else message.success(t('designer.saved'));
      refresh(next);
    });

  /** Publishing and closing act on what is stored: unsaved edits are saved first. */
  const act = (action: 'publish' | 'close' | 'delete') => {
    if (!saved) return;
    if (form.isFieldsTouched()) {
      message.warning(t('designer.unsaved'));
      return;
    }
    const confirm = {
      publish: {
        title: t('designer.publishConfirm', { title: saved.title }),
        content: t('designer.publishText'),
        okText: saved.status === 'closed' ? t('designer.reopen') : t('designer.publish'),
      },
      close: { title: t('designer.close'), content: t('designer.closeConfirm'), okText: t('designer.close') },
      delete: { title: t('designer.deleteConfirm'), content: saved.title, okText: t('designer.delete') },
    }[action];
    modal.confirm({
      ...confirm,
      okButtonProps: { danger: action !== 'publish', 'data-testid': 'confirm-ok' },
      onOk: () =>
        run(async () => {
          if (action === 'delete') {
            await deleteForm(saved.id);
            message.success(t('designer.deleted'));
            void queryClient.invalidateQueries({ queryKey: formsKey });
            navigate(formsPath, { replace: true });
            return;
          }
          const next = action === 'publish' ? await publishForm(saved.id) : await closeForm(saved.id);
          message.success(t(action === 'publish' ? 'designer.published' : 'designer.closed'));
          refresh(next);
        }),
    });
  };

  const activeDepartments = (departments.data ?? []).filter((d) => d.active);
  const departmentOptions = activeDepartments.map((d) => ({ value: d.id, label: d.name }));
  const values = Form.useWatch([], form) as Values | undefined;
  const half = { xs: 24, md: 12 };

  return (
    <>
      <PageHeader
        title={saved ? t('designer.editTitle', { title: saved.title }) : t('designer.createTitle')}
        tags={
          saved && (
            <>
              <FormStatusTag status={saved.status} />
              <span>v{saved.version}</span>
            </>
          )
        }
        extra={
          <>
            <Button
              icon={<EyeOutlined />}
              onClick={() => setPreviewing(true)}
              data-testid="form-preview-open"
            >
              {t('designer.preview')}
            </Button>
            {saved && editable && saved.status === 'draft' && (
              <Button danger onClick={() => act('delete')} disabled={busy} data-testid="form-delete">
                {t('designer.delete')}
              </Button>
            )}
            {saved && editable && saved.status === 'published' && (
              <Button onClick={() => act('close')} disabled={busy} data-testid="form-close">
                {t('designer.close')}
              </Button>
            )}
            {saved && editable && saved.status !== 'published' && (
              <Button onClick={() => act('publish')} disabled={busy} data-testid="form-publish">
                {saved.status === 'closed' ? t('designer.reopen') : t('designer.publish')}
              </Button>
            )}
            {editable && (
              <Button type="primary" onClick={() => form.submit()} loading={busy} data-testid="form-save">
                {t('designer.save')}
              </Button>
            )}
          </>
        }
      />
      {!editable && (
        <Alert type="info" showIcon title={t('designer.readOnly')} style={{ marginBottom: 16 }} />
      )}
      {editable && released && (
        <Alert
          type="warning"
          showIcon
          title={t('designer.publishedHint', { next: (saved?.version ?? 1) + 1 })}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={save}
        disabled={!editable || busy}
        scrollToFirstError={{ block: 'center' }}
        data-testid="form-designer"
      >
        <Flex vertical gap={16}>
          <Card title={t('designer.basics')}>
            <Row gutter={16}>
              <Col {...half}>
                <Form.Item
                  name="title"
                  label={t('designer.title')}
                  rules={[{ required: true, whitespace: true, message: t('designer.rules.titleRequired') }]}
                >
                  <Input maxLength={100} data-testid="form-title" />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item
                  name="code"
                  label={t('designer.code')}
                  extra={t('designer.codeHint')}
                  rules={[
                    { required: true, message: t('designer.rules.codeRequired') },
                    { pattern: /^[a-z][a-z0-9-]{2,40}$/, message: t('designer.rules.codeFormat') },
                  ]}
                >
                  <Input maxLength={41} disabled={!editable || busy || released} data-testid="form-code" />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name="description" label={t('designer.description')}>
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="audience" label={t('designer.audience')} extra={t('designer.audienceHint')}>
                  <Radio.Group
                    disabled={!editable || busy || released}
                    options={formAudiences.map((a) => ({ value: a, label: t(`audience.${a}`) }))}
                  />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item
                  name="ownerDepartmentId"
                  label={t('designer.owner')}
                  rules={[{ required: true, message: t('designer.rules.ownerRequired') }]}
                >
                  <Select
                    showSearch
                    optionFilterProp="label"
                    loading={departments.isPending}
                    options={departmentOptions}
                    // A department defines forms for itself; the center names the department, once.
                    disabled={!editable || busy || !center || !!saved}
                    data-testid="form-owner"
                  />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item
                  name="receivingDepartmentIds"
                  label={t('designer.receivers')}
                  extra={t('designer.receiversHint')}
                >
                  <Select
                    mode="multiple"
                    showSearch
                    optionFilterProp="label"
                    loading={departments.isPending}
                    options={departmentOptions}
                    data-testid="form-receivers"
                  />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card title={t('designer.fieldsCard')}>
            <Alert type="info" showIcon title={t('designer.fieldsHint')} style={{ marginBottom: 12 }} />
            <FieldsEditor form={form} disabled={!editable || busy} />
          </Card>
        </Flex>
      </Form>
      <FormPreview
        open={previewing}
        onClose={() => setPreviewing(false)}
        title={values?.title || saved?.title || ''}
        description={values?.description}
        fields={toInput({ ...initialValues, ...(values ?? {}) } as Values).fields.map(previewField)}
      />
    </>
  );
}

/** A designer row as the preview shows it (nothing empty, as stored). */
function previewField(f: FormInput['fields'][number]): FormField {
  return {
    key: f.key || '_',
    label: f.label || f.key,
    type: f.type,
    required: f.required ?? false,
    ...(f.binding && { binding: f.binding }),
    ...(f.reuseKey && { reuseKey: f.reuseKey }),
    ...(f.options?.length && { options: f.options }),
    ...(f.pattern && { pattern: f.pattern }),
    ...(f.maxLength && { maxLength: f.maxLength }),
    ...(f.help && { help: f.help }),
  };
}
