import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Flex, Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ApiError } from '../kit/api.ts';
import { RoleGate, StatusPage } from '../kit/status-pages.tsx';
import { ChangePasswordPage } from './auth/change-password-page.tsx';
import { LoginPage } from './auth/login-page.tsx';
import { RequireSession } from './auth/require-session.tsx';
import { antdLocales } from './i18n/antd-locales.ts';
import { AppLayout } from './layout/app-layout.tsx';
import { moduleRoutes, publicRoutes, screenRoutes } from './modules.ts';

// Loaded on demand, as the modules' pages are, so the sign-in page stays light.
const HomePage = lazy(() => import('./home/home-page.tsx').then((m) => ({ default: m.HomePage })));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Client errors (forbidden, not found, bad filter) will not change on retry; server and network errors might.
      retry: (failures, error) =>
        failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

/** The console: providers, then the sign-in pages and the signed-in layout with every module's pages. */
export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={antdLocales[i18n.language === 'en' ? 'en' : 'zh-CN']}
      theme={{ token: { colorPrimary: '#1668dc', borderRadius: 6 } }}
      // A table wider than its card scrolls inside the card instead of widening the page. Overflow rather than a
      // default `scroll`, which would add a measuring row to every table's body (pages may still set `scroll`).
      table={{ styles: { content: { overflowX: 'auto' } } }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            {/* The public pages load on demand (the signed-in pages have the layout's own fallback). */}
            <Suspense
              fallback={
                <Flex justify="center" style={{ padding: 80 }}>
                  <Spin size="large" />
                </Flex>
              }
            >
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                {/* Pages for anyone, signed in or not: the license check, the open data portal. */}
                {publicRoutes.map(({ path, component: Page }) => (
                  <Route key={path} path={path} element={<Page />} />
                ))}
                <Route
                  path="/change-password"
                  element={
                    <RequireSession passwordChange>
                      <ChangePasswordPage />
                    </RequireSession>
                  }
                />
                {screenRoutes.map(({ path, component: Page, roles }) => (
                  <Route
                    key={path}
                    path={path}
                    element={
                      <RequireSession>
                        <RoleGate roles={roles}>
                          <Page />
                        </RoleGate>
                      </RequireSession>
                    }
                  />
                ))}
                <Route
                  element={
                    <RequireSession>
                      <AppLayout />
                    </RequireSession>
                  }
                >
                  <Route index element={<HomePage />} />
                  {moduleRoutes.map(({ path, component: Page, roles }) => (
                    <Route
                      key={path}
                      path={path}
                      element={
                        <RoleGate roles={roles}>
                          <Page />
                        </RoleGate>
                      }
                    />
                  ))}
                  <Route path="*" element={<StatusPage status="404" />} />
                </Route>
              </Routes>
            </Suspense>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
