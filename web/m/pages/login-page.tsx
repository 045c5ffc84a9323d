import { Button, Input, List } from 'antd-mobile';
import { type FormEvent, useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { errorText } from '../api.ts';
import { useT } from '../i18n.ts';
import { safeNext, useMe, useSession } from '../session.ts';

type Field = 'username' | 'password';

/**
 * Password sign-in for residents (and company legal representatives, who sign in as themselves). The first screen a
 * stranger sees, so it is drawn with the few components the shell loads anyway: antd-mobile's Form (its validation
 * library and popovers, about a fifth of the app's first load) and Toast stay in the pages that need them. A resident
 * already signed in is sent on at once.
 */
export function LoginPage() {
  const t = useT('m');
  const me = useMe();
  const session = useSession();
  const [params] = useSearchParams();
  const [values, setValues] = useState<Record<Field, string>>({ username: '', password: '' });
  const [missing, setMissing] = useState<Field[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (me.data) {
    const next = safeNext(params.get('next'));
    return (
      <Navigate
        to={me.data.mustChangePassword ? `/password?next=${encodeURIComponent(next)}` : next}
        replace
      />
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const empty = (['username', 'password'] as const).filter((field) => !values[field].trim());
    setMissing(empty);
    setFailure(null);
    if (empty.length) return;
    setBusy(true);
    try {
      // The session's answer lands in useMe, and the page sends the resident on (above).
      await session.signIn(values.username.trim(), values.password);
    } catch (err) {
      setFailure(errorText(err));
      setBusy(false);
    }
  }

  const field = (name: Field, input: React.ReactNode) => (
    <List.Item
      title={<label htmlFor={`login-${name}`}>{t(`login.${name}`)}</label>}
      description={
        missing.includes(name) && (
          <span role="alert" style={{ color: 'var(--adm-color-danger)' }}>
            {t('login.required', { field: t(`login.${name}`) })}
          </span>
        )
      }
    >
      {input}
    </List.Item>
  );
  const set = (name: Field) => (value: string) => setValues((v) => ({ ...v, [name]: value }));

  return (
    <div style={{ padding: '48px 0' }}>
      <h1 style={{ textAlign: 'center', color: '#c8102e', fontSize: 24 }}>{t('appName')}</h1>
      <p style={{ textAlign: 'center', color: '#666' }}>{t('home.welcome')}</p>
      <form onSubmit={submit} noValidate aria-label={t('login.title')}>
        <List>
          {field(
            'username',
            <Input
              id="login-username"
              name="username"
              autoComplete="username"
              clearable
              value={values.username}
              onChange={set('username')}
            />,
          )}
          {field(
            'password',
            <Input
              id="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              value={values.password}
              onChange={set('password')}
            />,
          )}
        </List>
        {failure && (
          <p role="alert" style={{ color: 'var(--adm-color-danger)', margin: '12px 16px 0' }}>
            {failure}
          </p>
        )}
        <div style={{ padding: '24px 16px 0' }}>
          <Button block type="submit" color="primary" size="large" loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </div>
      </form>
      <p style={{ textAlign: 'center', marginTop: 24 }}>
        <Link to="/signup" style={{ display: 'inline-block', padding: 12 }}>
          {t('login.signup')}
        </Link>
      </p>
    </div>
  );
}
