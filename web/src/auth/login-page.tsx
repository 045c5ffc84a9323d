import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Me } from '../../../src/modules/accounts/contract.ts';
import { api, errorText } from '../../kit/api.ts';
import { AuthScreen } from '../../kit/auth-screen.tsx';
import { meKey } from '../../kit/session.ts';

type Credentials = { username: string; password: string };

/** Only paths inside the console: `next` comes from the URL and must not send the user elsewhere. */
function safeNext(next: string | null) {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

/** The sign-in page; says why the user is here (session expired, signed out) and why a sign-in failed. */
export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search] = useSearchParams();
  const [error, setError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const reason = search.get('reason');
  const notice =
    reason === 'session_expired'
      ? t('login.sessionExpired')
      : reason === 'signed_out'
        ? t('login.signedOut')
        : undefined;

  const submit = async (values: Credentials) => {
    setSubmitting(true);
    setError(undefined);
    try {
      const me = await api.post<Me>('/api/auth/login', values);
      queryClient.setQueryData(meKey, me);
      navigate(me.mustChangePassword ? '/change-password' : safeNext(search.get('next')), { replace: true });
    } catch (err) {
      // The server answers an unknown name, a wrong password and a lockout alike (and says so in its text).
      setError(errorText(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthScreen
      extra={
        // The open data portal needs no account: a way there for visitors who came to the sign-in page.
        <Link to="/open" style={{ color: '#fff' }} data-testid="login-open-data">
          {t('opendata:link')}
        </Link>
      }
    >
      <Card style={{ width: 380 }} data-testid="login-card">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('login.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('login.welcome')}</Typography.Paragraph>
        {error ? (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
        ) : (
          notice && <Alert type="info" showIcon title={notice} style={{ marginBottom: 16 }} />
        )}
        <Form<Credentials> layout="vertical" onFinish={submit} requiredMark={false} disabled={submitting}>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={submitting}
            data-testid="login-submit"
          >
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </AuthScreen>
  );
}
