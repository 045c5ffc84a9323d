import { Button, Form, Input, Toast } from 'antd-mobile';
import { useState } from 'react';
import { ApiError, api, errorText } from '../api.ts';
import { useT } from '../i18n.ts';
import { useMe } from '../session.ts';

type Values = { currentPassword: string; newPassword: string; confirm: string };

/**
 * The password a resident was given by the center's staff is replaced before anything else (as in the console):
 * the server says so in `mustChangePassword`, and the shell sends them here until it is done.
 */
export function PasswordPage() {
  const t = useT('m');
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  async function submit({ currentPassword, newPassword }: Values) {
    setBusy(true);
    try {
      await api.post('/api/auth/password', { currentPassword, newPassword });
      Toast.show({ icon: 'success', content: t('password.changed') });
      // Once the server says the password is the resident's own, the shell sends them where they were going.
      await me.refetch();
    } catch (err) {
      // The server names the field that is wrong (the current password, a new one too weak or the same).
      const field = err instanceof ApiError ? err.fields[0] : undefined;
      if (field && (field.field === 'currentPassword' || field.field === 'newPassword'))
        form.setFields([{ name: field.field, errors: [field.message || errorText(err)] }]);
      else Toast.show({ icon: 'fail', content: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  const required = (label: string) => ({ required: true, message: t('login.required', { field: label }) });
  return (
    <div style={{ padding: '32px 0' }}>
      <h1 style={{ textAlign: 'center', fontSize: 22, margin: '0 16px 8px' }}>{t('password.title')}</h1>
      <p style={{ color: '#666', margin: '0 16px 16px' }}>{t('password.why')}</p>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        footer={
          <Button
            block
            type="submit"
            color="primary"
            size="large"
            loading={busy}
            data-testid="password-submit"
          >
            {t('password.submit')}
          </Button>
        }
      >
        {/* For the phone's password manager: whose password this is. */}
        <input
          type="text"
          name="username"
          autoComplete="username"
          value={me.data?.username ?? ''}
          readOnly
          hidden
        />
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[required(t('password.current'))]}
        >
          <Input type="password" autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          description={t('password.policy')}
          rules={[required(t('password.new'))]}
        >
          <Input type="password" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            required(t('password.confirm')),
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input type="password" autoComplete="new-password" />
        </Form.Item>
      </Form>
    </div>
  );
}
