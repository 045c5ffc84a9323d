import { Button, DotLoading, NavBar, SafeArea, TabBar } from 'antd-mobile';
import { AppOutline, CameraOutline, FileOutline, LeftOutline, UserOutline } from 'antd-mobile-icons';
import { lazy, Suspense } from 'react';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useT } from './i18n.ts';
import type { MobileTab } from './mobile-module.ts';
import { mobileRoutes } from './modules.ts';
import { HomePage } from './pages/home-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { safeNext, useMe } from './session.ts';

// Not first screens, so not in the first load: "me" (its sign-out dialog brings antd-mobile's animations), and the
// password change only residents whose account the center's staff made need, once.
const MePage = lazy(() => import('./pages/me-page.tsx').then((m) => ({ default: m.MePage })));
const PasswordPage = lazy(() =>
  import('./pages/password-page.tsx').then((m) => ({ default: m.PasswordPage })),
);

const tabs: { key: MobileTab; path: string; icon: React.ReactNode }[] = [
  { key: 'home', path: '/', icon: <AppOutline /> },
  { key: 'services', path: '/services', icon: <FileOutline /> },
  { key: 'report', path: '/report', icon: <CameraOutline /> },
  { key: 'me', path: '/me', icon: <UserOutline /> },
];

/** A centred spinner while a page's code or data loads. */
export function Loading() {
  return (
    <div style={{ padding: 48, textAlign: 'center', fontSize: 24 }}>
      <DotLoading color="primary" />
    </div>
  );
}

/** The frame of a signed-in page: top bar with back, the page, the bottom tabs. */
function Frame({
  title,
  tab,
  children,
}: {
  title?: React.ReactNode;
  tab?: MobileTab;
  children: React.ReactNode;
}) {
  const navigate = useNavigate();
  const t = useT('m');
  const { pathname } = useLocation();
  const isTabRoot = tabs.some((x) => x.key === tab && x.path === pathname);
  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <SafeArea position="top" />
      {title !== undefined && (
        <NavBar
          back={isTabRoot ? null : ''}
          // antd-mobile's back is a nameless role=button: the arrow names it for screen readers.
          backIcon={<LeftOutline aria-label={t('navBack')} />}
          onBack={() => (window.history.length > 1 ? navigate(-1) : navigate('/'))}
          style={{ background: '#fff', borderBottom: '1px solid #eee' }}
        >
          {title}
        </NavBar>
      )}
      <main style={{ flex: 1, paddingBottom: tab ? 64 : 0 }}>
        <Suspense fallback={<Loading />}>{children}</Suspense>
      </main>
      {tab && (
        <nav
          data-testid="tab-bar"
          style={{
            position: 'fixed',
            bottom: 0,
            left: 0,
            right: 0,
            background: '#fff',
            borderTop: '1px solid #eee',
          }}
        >
          <TabBar activeKey={tab} onChange={(key) => navigate(tabs.find((x) => x.key === key)!.path)}>
            {tabs.map((x) => (
              <TabBar.Item key={x.key} icon={x.icon} title={t(`tab.${x.key}`)} />
            ))}
          </TabBar>
          <SafeArea position="bottom" />
        </nav>
      )}
    </div>
  );
}

/** A full-page message with one way on (the page is missing, the server cannot be reached). */
function Stop({ title, action }: { title: string; action: React.ReactNode }) {
  return (
    <div role="alert" style={{ padding: '96px 24px', textAlign: 'center', color: '#666', fontSize: 16 }}>
      <p>{title}</p>
      {action}
    </div>
  );
}

/**
 * Signed-in pages send a stranger to sign in, remembering where they were going. A resident whose account the
 * center's staff made must first replace the password they were given (as in the console). When the server cannot
 * be reached, the page says so and offers to retry, rather than asking a signed-in resident to sign in again.
 */
function RequireResident({
  children,
  passwordChange = false,
}: {
  children: React.ReactNode;
  passwordChange?: boolean;
}) {
  const me = useMe();
  const location = useLocation();
  const t = useT('m');
  if (me.isPending) return <Loading />;
  if (me.isError)
    return (
      <Stop
        title={t('offline')}
        action={
          <Button color="primary" fill="outline" onClick={() => void me.refetch()}>
            {t('retry')}
          </Button>
        }
      />
    );
  if (!me.data)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (me.data.mustChangePassword !== passwordChange) {
    // To the password page remembering where the resident was going, and from it (once changed) there.
    const next = passwordChange
      ? safeNext(new URLSearchParams(location.search).get('next'))
      : `/password?next=${encodeURIComponent(location.pathname + location.search)}`;
    return <Navigate to={next} replace />;
  }
  return <>{children}</>;
}

function ModuleTitle({ ns, title }: { ns: string; title: string }) {
  return <>{useT(ns)(title)}</>;
}

/** The citizen app's routes: the shell's sign-in, home and "me", and every module's pages. */
export function MobileApp() {
  const t = useT('m');
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/"
        element={
          <RequireResident>
            <Frame tab="home">
              <HomePage />
            </Frame>
          </RequireResident>
        }
      />
      <Route
        path="/me"
        element={
          <RequireResident>
            <Frame tab="me" title={t('tab.me')}>
              <MePage />
            </Frame>
          </RequireResident>
        }
      />
      {mobileRoutes.map(({ path, page: Page, public: open, title, tab, ns }) => {
        const framed = (
          <Frame tab={tab} title={title === undefined ? undefined : <ModuleTitle ns={ns} title={title} />}>
            <Page />
          </Frame>
        );
        return (
          <Route
            key={path}
            path={path}
            element={open ? framed : <RequireResident>{framed}</RequireResident>}
          />
        );
      })}
      <Route
        path="/password"
        element={
          <RequireResident passwordChange>
            <Frame>
              <PasswordPage />
            </Frame>
          </RequireResident>
        }
      />
      <Route path="*" element={<Stop title={t('notFound')} action={<Link to="/">{t('back')}</Link>} />} />
    </Routes>
  );
}
