import { useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Flex, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../../../../web/kit/form-errors.ts';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { useAllDepartments } from '../../org/web/index.ts';
import { registryPolicy } from '../policy.ts';
import { holderIdTypes, issueLicense, type LicenseIssue, licenseKey } from './license-api.ts';

type Values = {
  issuerDepartmentId?: number;
  holderIdType: LicenseIssue['holderIdType'];
  holderId: string;
  holderName: string;
  typeCode: string;
  typeName: string;
  issueDate?: Dayjs;
  validUntil?: Dayjs | null;
};

const TYPE_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}\d{3}$/;
const day = (value: Dayjs | null | undefined) => value?.format('YYYY-MM-DD');

/**
 * Issues a license. Department users issue for their own department (the server takes it from the account);
 * center staff choose the department. The server checks the holder's code and the type code and says which
 * field is wrong.
 */
export function LicenseIssueModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('registry');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useSignedInUser();
  const center = registryPolicy.choosesIssuer(me);
  const departments = useAllDepartments();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const save = async (values: Values) => {
    setSaving(true);
    try {
      const issued = await issueLicense({
        holderIdType: values.holderIdType,
        holderId: values.holderId.trim(),
        holderName: values.holderName.trim(),
        typeCode: values.typeCode.trim().toUpperCase(),
        typeName: values.typeName.trim(),
        issueDate: day(values.issueDate),
        validUntil: day(values.validUntil) ?? null,
        ...(center && { issuerDepartmentId: values.issuerDepartmentId }),
      });
      message.success(t('licenses.issue.done', { id: issued.id }));
      await queryClient.invalidateQueries({ queryKey: licenseKey });
      onClose();
    } catch (error) {
      showFormError(form, error, message.error, { unknown_department: 'issuerDepartmentId' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('licenses.issue.title')}
      okText={t('licenses.issue.button')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      width={620}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={save}
        disabled={saving}
        data-testid="license-issue-form"
        initialValues={{
          holderIdType: '111',
          issueDate: dayjs(),
          issuerDepartmentId: me.departmentId ?? undefined,
        }}
      >
        {center && (
          <Form.Item
            name="issuerDepartmentId"
            label={t('licenses.issue.issuer')}
            extra={t('licenses.issue.issuerHint')}
            rules={[{ required: true, message: t('licenses.issue.issuerRequired') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={departments.isPending}
              options={(departments.data ?? [])
                .filter((d) => d.active)
                .map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
        )}
        <Flex gap={12}>
          <Form.Item name="holderIdType" label={t('licenses.fields.holderIdType')} style={{ width: 180 }}>
            <Select
              options={holderIdTypes.map((type) => ({
                value: type,
                label: t(`licenses.holderIdTypes.${type}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="holderId"
            label={t('licenses.fields.holderId')}
            style={{ flex: 1 }}
            rules={[{ required: true, whitespace: true, message: t('licenses.issue.holderIdRequired') }]}
          >
            <Input maxLength={18} style={{ fontFamily: 'monospace' }} data-testid="license-holder-id" />
          </Form.Item>
        </Flex>
        <Form.Item
          name="holderName"
          label={t('licenses.fields.holderName')}
          rules={[{ required: true, whitespace: true, message: t('licenses.issue.holderNameRequired') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="typeCode"
          label={t('licenses.fields.typeCode')}
          extra={t('licenses.issue.typeCodeHint')}
          rules={[
            { required: true, whitespace: true, message: t('licenses.issue.typeCodeRequired') },
            {
              validator: (_, value?: string) =>
                !value || TYPE_CODE.test(value.trim().toUpperCase())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('licenses.issue.typeCodeFormat'))),
            },
          ]}
        >
          <Input maxLength={21} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item
          name="typeName"
          label={t('licenses.fields.typeName')}
          rules={[{ required: true, whitespace: true, message: t('licenses.issue.typeNameRequired') }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item name="issueDate" label={t('licenses.fields.issueDate')} style={{ flex: 1 }}>
            <DatePicker
              style={{ width: '100%' }}
              allowClear={false}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            />
          </Form.Item>
          <Form.Item
            name="validUntil"
            label={t('licenses.fields.validUntil')}
            extra={t('licenses.issue.validUntilHint')}
            style={{ flex: 1 }}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}
