import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, NoticeBar } from 'antd-mobile';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, api, errorText, setActingFor } from '../../../../web/m/api.ts';
import { useT } from '../../../../web/m/i18n.ts';
import type { SessionUser } from '../../../core/context.ts';
import type { SignupBody } from '../signup/contract.ts';

type Values = SignupBody & { confirm: string };

// The refusals that are one sentence about the whole form (they must not point at a field).
const wholeFormCodes = new Set([
  'real_name_mismatch',
  'signup_locked',
  'id_number_registered',
  'rate_limited',
]);

/** Real-name sign-up: name, ID number, mobile number and a password; signed in and home on success. */
export function SignupPage() {
  const t = useT('citizen');
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const required = (field: string) => ({
    required: true,
    message: t('signup.required', { field: t(field) }),
  });

  async function submit(values: Values) {
    setBusy(true);
    setRefusal(null);
    try {
      const me = await api.post<SessionUser>('/api/citizen/signup', {
        name: values.name.trim(),
        idNumber: values.idNumber.trim().toUpperCase(),
        phone: values.phone.trim(),
        password: values.password,
      });
      setActingFor(null);
      client.clear();
      client.setQueryData(['me'], me);
      navigate('/', { replace: true });
    } catch (err) {
      const fields = err instanceof ApiError && !wholeFormCodes.has(err.code) ? err.fields : [];
      const known = fields.filter((f) => ['name', 'idNumber', 'phone', 'password'].includes(f.field));
      if (known.length)
        form.setFields(known.map((f) => ({ name: f.field as keyof Values, errors: [f.message] })));
      else setRefusal(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ paddingBottom: 32 }}>
      <NoticeBar content={t('signup.intro')} color="info" wrap />
      {refusal && <NoticeBar content={refusal} color="error" wrap />}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        footer={
          <Button block type="submit" color="primary" size="large" loading={busy}>
            {t('signup.submit')}
          </Button>
        }
      >
        <Form.Item name="name" label={t('signup.name')} rules={[required('signup.name')]}>
          <Input autoComplete="name" clearable maxLength={40} />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('signup.idNumber')}
          rules={[
            required('signup.idNumber'),
            { pattern: /^\s*\d{17}[\dXx]\s*$/, message: t('signup.idNumberFormat') },
          ]}
        >
          <Input clearable maxLength={18} autoCapitalize="characters" autoCorrect="off" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('signup.phone')}
          rules={[
            required('signup.phone'),
            { pattern: /^\s*1[3-9]\d{9}\s*$/, message: t('signup.phoneFormat') },
          ]}
        >
          <Input type="tel" inputMode="numeric" autoComplete="tel" clearable maxLength={11} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('signup.password')}
          description={t('signup.passwordHint')}
          rules={[required('signup.password'), { min: 8, message: t('signup.passwordHint') }]}
        >
          <Input type="password" autoComplete="new-password" maxLength={128} />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('signup.confirm')}
          dependencies={['password']}
          rules={[
            required('signup.confirm'),
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('signup.confirmMismatch'))),
            }),
          ]}
        >
          <Input type="password" autoComplete="new-password" maxLength={128} />
        </Form.Item>
      </Form>
      <p style={{ textAlign: 'center', fontSize: 15, margin: '8px 16px' }}>
        <Link to="/login" style={{ display: 'inline-block', padding: '12px 8px' }}>
          {t('signup.haveAccount')}
        </Link>
      </p>
      <p style={{ color: '#999', fontSize: 12, margin: '0 16px' }}>{t('signup.privacy')}</p>
    </div>
  );
}
