import { Button, Form, Input, Toast } from 'antd-mobile';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorText } from '../api.ts';
import { useT } from '../i18n.ts';
import { useSession } from '../session.ts';

/** Only paths inside the app are followed after sign-in (no open redirect). */
const safeNext = (next: string | null) => (next?.startsWith('/') && !next.startsWith('//') ? next : '/');

/** Password sign-in for residents (and company legal representatives, who sign in as themselves). */
export function LoginPage() {
  const t = useT('m');
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [busy, setBusy] = useState(false);

  async function submit(values: { username: string; password: string }) {
    setBusy(true);
    try {
      await session.signIn(values.username.trim(), values.password);
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (err) {
      Toast.show({ icon: 'fail', content: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ padding: '48px 16px' }}>
      <h1 style={{ textAlign: 'center', color: '#c8102e', fontSize: 24 }}>{t('appName')}</h1>
      <p style={{ textAlign: 'center', color: '#666' }}>{t('home.welcome')}</p>
      <Form
        layout="vertical"
        onFinish={submit}
        footer={
          <Button block type="submit" color="primary" size="large" loading={busy}>
            {t('login.submit')}
          </Button>
        }
      >
        <Form.Item
          name="username"
          label={t('login.username')}
          rules={[{ required: true, message: t('login.required', { field: t('login.username') }) }]}
        >
          <Input autoComplete="username" clearable />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[{ required: true, message: t('login.required', { field: t('login.password') }) }]}
        >
          <Input type="password" autoComplete="current-password" />
        </Form.Item>
      </Form>
      <p style={{ textAlign: 'center' }}>
        <Link to="/signup">{t('login.signup')}</Link>
      </p>
    </div>
  );
}
