import { FlagOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { showFormError } from '../../../../web/kit/form-errors.ts';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { allowed } from '../../../../web/kit/web-module.ts';
import { registryPolicy } from '../policy.ts';
import { objectionPath, objectionsKey, raiseObjection } from './objection-api.ts';

type Values = { item: string; proposedValue?: string; reason: string };

/**
 * 数据纠错 on an entity page: a button (shown to those who may raise objections) opening a form for the item,
 * the proposed value and the reason; the objection goes to the department the current value came from. The entity
 * is named by its `ref`, which the server resolves.
 */
export function RaiseObjectionButton({
  registry,
  entityRef,
  items,
}: {
  registry: string;
  entityRef: string;
  items: { code: string; name: string }[];
}) {
  const { t } = useTranslation('registry');
  const me = useSignedInUser();
  const [open, setOpen] = useState(false);
  if (!allowed(me.roles, registryPolicy.objections)) return null;
  return (
    <>
      <Button icon={<FlagOutlined />} onClick={() => setOpen(true)} data-testid="raise-objection">
        {t('objections.raise.button')}
      </Button>
      {open && (
        <RaiseObjectionModal
          registry={registry}
          entityRef={entityRef}
          items={items}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

function RaiseObjectionModal({
  registry,
  entityRef,
  items,
  onClose,
}: {
  registry: string;
  entityRef: string;
  items: { code: string; name: string }[];
  onClose: () => void;
}) {
  const { t } = useTranslation('registry');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const submit = async (values: Values) => {
    setSaving(true);
    try {
      const raised = await raiseObjection({
        registry,
        // The ref, not the key: a page showing a person masked has no ID number to send.
        ref: entityRef,
        item: values.item,
        proposedValue: values.proposedValue?.trim() || null,
        reason: values.reason.trim(),
      });
      message.success(
        <span>
          {raised.sourceDepartmentName
            ? t('objections.raise.raised', { id: raised.id, department: raised.sourceDepartmentName })
            : t('objections.raise.raisedNoDepartment', { id: raised.id })}{' '}
          {/* Messages render outside the router, where a Link cannot work: navigate from here instead. */}
          <Button type="link" size="small" onClick={() => navigate(objectionPath(raised.id))}>
            {t('objections.raise.view')}
          </Button>
        </span>,
      );
      await queryClient.invalidateQueries({ queryKey: objectionsKey });
      onClose();
    } catch (error) {
      showFormError(form, error, message.error, { unknown_item: 'item' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('objections.raise.title')}
      okText={t('objections.raise.submit')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      width={560}
    >
      <Alert type="info" showIcon message={t('objections.raise.hint')} style={{ marginBottom: 16 }} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={saving}
        data-testid="objection-form"
      >
        <Form.Item
          name="item"
          label={t('objections.raise.item')}
          rules={[{ required: true, message: t('objections.raise.itemRequired') }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            options={items.map((i) => ({ value: i.code, label: `${i.name} (${i.code})` }))}
          />
        </Form.Item>
        <Form.Item name="proposedValue" label={t('objections.raise.proposedValue')}>
          <Input maxLength={2000} placeholder={t('objections.raise.proposedPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('objections.raise.reason')}
          rules={[{ required: true, whitespace: true, message: t('objections.raise.reasonRequired') }]}
        >
          <Input.TextArea
            rows={4}
            maxLength={2000}
            showCount
            placeholder={t('objections.raise.reasonPlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
