import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../../../../web/kit/form-errors.ts';
import type { Department, DepartmentCreate, Division } from '../contract.ts';
import { createDepartment, departmentKinds, departmentsKey, updateDepartment } from './departments-api.ts';

type Values = {
  code: string;
  name: string;
  kind: Department['kind'];
  divisionCode?: string | null;
  contact?: string;
  phone?: string;
  sort?: number | null;
};

/** Optional text fields left empty are stored as "none", not as an empty string. */
const orNull = (value: string | undefined) => value?.trim() || null;

/** Creates a department, or edits one when `department` is given; the server's field errors appear on the fields. */
export function DepartmentFormModal({
  department,
  subdistricts,
  onClose,
}: {
  department?: Department;
  subdistricts: Division[];
  onClose: () => void;
}) {
  const { t } = useTranslation('org');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const save = async (values: Values) => {
    const input: DepartmentCreate = {
      code: values.code.trim(),
      name: values.name.trim(),
      kind: values.kind,
      divisionCode: values.divisionCode ?? null,
      contact: orNull(values.contact),
      phone: orNull(values.phone),
      ...(values.sort != null && { sort: values.sort }),
    };
    setSaving(true);
    try {
      const saved = department ? await updateDepartment(department.id, input) : await createDepartment(input);
      message.success(t(department ? 'updated' : 'created', { name: saved.name }));
      await queryClient.invalidateQueries({ queryKey: departmentsKey });
      onClose();
    } catch (error) {
      showFormError(form, error, message.error, { duplicate_code: 'code' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={department ? t('editTitle', { name: department.name }) : t('createTitle')}
      okText={t('common:common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      width={560}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={save}
        disabled={saving}
        data-testid="department-form"
        initialValues={
          department
            ? {
                ...department,
                contact: department.contact ?? undefined,
                phone: department.phone ?? undefined,
              }
            : { kind: 'department' }
        }
      >
        <Form.Item
          name="code"
          label={t('fields.code')}
          extra={t('hints.code')}
          normalize={(v: string) => v.toUpperCase()}
          rules={[
            { required: true, message: t('rules.codeRequired') },
            { pattern: /^[A-Z0-9][A-Z0-9_-]{1,19}$/, message: t('rules.codeFormat') },
          ]}
        >
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('fields.name')}
          rules={[{ required: true, whitespace: true, message: t('rules.nameRequired') }]}
        >
          <Input maxLength={60} showCount />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('fields.kind')}
          rules={[{ required: true, message: t('rules.kindRequired') }]}
        >
          <Select options={departmentKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="divisionCode" label={t('fields.divisionCode')} extra={t('hints.divisionCode')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={subdistricts.map((d) => ({ value: d.code, label: `${d.name} · ${d.code}` }))}
          />
        </Form.Item>
        <Form.Item name="contact" label={t('fields.contact')}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('fields.phone')}
          rules={[{ pattern: /^[0-9+\-() ]{5,20}$/, message: t('rules.phoneFormat') }]}
        >
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="sort" label={t('fields.sort')} extra={t('hints.sort')}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
