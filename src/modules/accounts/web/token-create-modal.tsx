import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../../../../web/kit/form-errors.ts';
import { useShowOnce } from '../../../../web/kit/show-once.tsx';
import { createToken, tokensKey } from './tokens-api.ts';

type Values = { name: string; expiresInDays: number | 'never' };

const lifetimes = [30, 90, 180, 365] as const;

/** Asks for a token's name and lifetime, creates it and shows its value once. */
export function TokenCreateModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('accounts');
  const { message } = App.useApp();
  const showOnce = useShowOnce();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const save = async (values: Values) => {
    setSaving(true);
    try {
      const { token, apiToken } = await createToken({
        name: values.name.trim(),
        expiresInDays: values.expiresInDays === 'never' ? null : values.expiresInDays,
      });
      await queryClient.invalidateQueries({ queryKey: tokensKey });
      onClose();
      showOnce(t('tokens.createdTitle'), t('tokens.tokenLabel', { name: apiToken.name }), token);
    } catch (error) {
      showFormError(form, error, message.error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('tokens.createTitle')}
      okText={t('common:common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={save}
        disabled={saving}
        initialValues={{ expiresInDays: 90 }}
      >
        <Form.Item
          name="name"
          label={t('tokens.name')}
          extra={t('tokens.nameHint')}
          rules={[{ required: true, whitespace: true, message: t('tokens.nameRequired') }]}
        >
          <Input maxLength={60} autoFocus />
        </Form.Item>
        <Form.Item name="expiresInDays" label={t('tokens.expiresIn')}>
          <Select
            options={[
              ...lifetimes.map((days) => ({ value: days, label: t('tokens.days', { count: days }) })),
              { value: 'never', label: t('tokens.noExpiry') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
