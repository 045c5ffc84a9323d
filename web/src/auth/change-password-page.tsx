import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { AuthScreen } from '../../kit/auth-screen.tsx';
import { PasswordForm } from '../../kit/password-form.tsx';
import { meKey, useLogout } from '../../kit/session.ts';

/** Shown instead of the console while the user must replace a first or reset password. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const logout = useLogout();

  const changed = async () => {
    await queryClient.invalidateQueries({ queryKey: meKey });
    navigate('/', { replace: true });
  };

  return (
    <AuthScreen
      extra={
        <Button ghost onClick={logout}>
          {t('nav.logout')}
        </Button>
      }
    >
      <Card style={{ width: 440 }} data-testid="change-password-card">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('password.changeTitle')}
        </Typography.Title>
        <Alert type="warning" showIcon title={t('password.forcedHint')} style={{ marginBottom: 16 }} />
        <PasswordForm onChanged={changed} />
      </Card>
    </AuthScreen>
  );
}
