import { DotLoading, ErrorBlock, NavBar, SafeArea, TabBar } from 'antd-mobile';
import { AppOutline, CameraOutline, FileOutline, UserOutline } from 'antd-mobile-icons';
import { Suspense } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useT } from './i18n.ts';
import type { MobileTab } from './mobile-module.ts';
import { mobileRoutes } from './modules.ts';
import { HomePage } from './pages/home-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { MePage } from './pages/me-page.tsx';
import { useMe } from './session.ts';

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
function Frame({ title, tab, children }: { title?: React.ReactNode; tab?: MobileTab; children: React.ReactNode }) {
  const navigate = useNavigate();
  const t = useT('m');
  const isTabRoot = tabs.some((x) => x.key === tab && x.path === useLocation().pathname);
  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <SafeArea position="top" />
      {title !== undefined && (
        <NavBar
          back={isTabRoot ? null : ''}
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
        <div style={{ position: 'fixed', bottom: 0, left: 0, right: 0, background: '#fff', borderTop: '1px solid #eee' }}>
          <TabBar activeKey={tab} onChange={(key) => navigate(tabs.find((x) => x.key === key)!.path)}>
            {tabs.map((x) => (
              <TabBar.Item key={x.key} icon={x.icon} title={t(`tab.${x.key}`)} />
            ))}
          </TabBar>
          <SafeArea position="bottom" />
        </div>
      )}
    </div>
  );
}

/** Signed-in pages send a stranger to sign in, remembering where they were going. */
function RequireResident({ children }: { children: React.ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (!me.data) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
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
        return <Route key={path} path={path} element={open ? framed : <RequireResident>{framed}</RequireResident>} />;
      })}
      <Route
        path="*"
        element={
          <ErrorBlock status="empty" fullPage title={t('notFound')} description={<a href="/m/">{t('back')}</a>} />
        }
      />
    </Routes>
  );
}
