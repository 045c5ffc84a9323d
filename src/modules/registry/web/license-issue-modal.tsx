import { useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Flex, Form, Modal, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../../../../web/kit/form-errors.ts';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { useAllDepartments } from '../../org/web/index.ts';
import { registryPolicy } from '../policy.ts';
import {
  holderIdTypes,
  issueLicense,
  type LicenseIssue,
  licenseKey,
  useHolderSearch,
  useLicenseTypes,
} from './license-api.ts';

type Values = {
  issuerDepartmentId?: number;
  holderIdType: LicenseIssue['holderIdType'];
  holderRef: string;
  typeCode: string;
  issueDate?: Dayjs;
  validUntil?: Dayjs | null;
};

const day = (value: Dayjs | null | undefined) => value?.format('YYYY-MM-DD');

/**
 * Issues a license. Department users issue for their own department (the server takes it from the account);
 * center staff choose the department. The type is picked from those the department issues, the holder from the
 * population or legal person registry (found by name or code, shown masked, sent by ref): nobody types a 21-character
 * type code or an 18-character holder code. The server checks again and says which field is wrong.
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
  const types = useLicenseTypes();
  const holderIdType = Form.useWatch('holderIdType', form) ?? '111';
  // The types offered are the issuing department's: the one chosen, or the user's own.
  const chosenIssuer = Form.useWatch('issuerDepartmentId', form);
  const issuerId = (center ? chosenIssuer : undefined) ?? me.departmentId;

  const save = async (values: Values) => {
    setSaving(true);
    try {
      const issued = await issueLicense({
        holderIdType: values.holderIdType,
        holderRef: values.holderRef,
        typeCode: values.typeCode,
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
              // A type chosen before stays only if the department issues it.
              onChange={(id: number) => {
                const type = types.data?.find((t) => t.code === form.getFieldValue('typeCode'));
                if (type?.departmentId !== id) form.setFieldValue('typeCode', undefined);
              }}
              loading={departments.isPending}
              options={(departments.data ?? [])
                .filter((d) => d.active)
                .map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="typeCode"
          label={t('licenses.issue.type')}
          extra={t('licenses.issue.typeHint')}
          rules={[{ required: true, message: t('licenses.issue.typeRequired') }]}
        >
          <Select
            loading={types.isPending}
            notFoundContent={t('licenses.issue.noTypes')}
            data-testid="license-type"
            options={(types.data ?? [])
              .filter((type) => type.departmentId === issuerId)
              .map((type) => ({ value: type.code, label: type.name, title: type.name }))}
          />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="holderIdType" label={t('licenses.fields.holderIdType')} style={{ width: 180 }}>
            <Select
              onChange={() => form.setFieldValue('holderRef', undefined)}
              options={holderIdTypes.map((type) => ({
                value: type,
                label: t(`licenses.holderIdTypes.${type}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="holderRef"
            label={t('licenses.issue.holder')}
            extra={t('licenses.issue.holderHint')}
            style={{ flex: 1 }}
            rules={[{ required: true, message: t('licenses.issue.holderRequired') }]}
          >
            <HolderPicker holderIdType={holderIdType} />
          </Form.Item>
        </Flex>
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

/**
 * Finds a holder in the registry of the chosen code type as the user types (name, credit code, whole ID number) and
 * offers the matches as the registry shows them to this user: masked name and code. The value is the entity's ref.
 */
function HolderPicker({
  id,
  holderIdType,
  value,
  onChange,
}: {
  id?: string;
  holderIdType: string;
  value?: string;
  onChange?: (ref: string) => void;
}) {
  const { t } = useTranslation('registry');
  const [term, setTerm] = useState('');
  const found = useHolderSearch(holderIdType, term);
  return (
    // The form item's id, so its label names the picker.
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setTerm }}
      value={value}
      onChange={onChange}
      loading={found.isFetching}
      placeholder={t('licenses.issue.holderSearch')}
      notFoundContent={term.trim() ? t('licenses.issue.holderNone') : null}
      data-testid="license-holder"
      options={(term.trim() ? (found.data?.items ?? []) : []).map((e) => ({
        value: e.ref,
        label: (
          <span data-testid="license-holder-option">
            {e.name ?? '—'}{' '}
            <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>
              {e.key}
            </Typography.Text>
          </span>
        ),
      }))}
    />
  );
}
