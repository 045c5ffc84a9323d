import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider, type ConfigProviderProps, setDefaultConfig, unstableSetRender } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US.js';
import zhCN from 'antd-mobile/es/locales/zh-CN.js';
import { StrictMode } from 'react';
import { createRoot, type Root as ReactRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { MobileApp } from './app.tsx';
import { useT } from './i18n.ts';
import './messages.ts';

type Locale = NonNullable<ConfigProviderProps['locale']>;
// antd-mobile ships these files as ES modules in a package TypeScript takes for CommonJS, so under NodeNext the
// default import is typed as the module object while the bundler hands over the locale itself; accept either.
const unwrap = (module: unknown) => ((module as { default?: Locale }).default ?? module) as Locale;
const locales = { zh: unwrap(zhCN), en: unwrap(enUS) };

// antd-mobile 5 draws Toast, Dialog and the other pop-ups called as functions with React 18's ReactDOM.render, gone in
// React 19 (the pop-up then throws as it closes): it is given React 19's own way (mobile.ant.design/guide/v5-for-19).
const roots = new WeakMap<Element | DocumentFragment, ReactRoot>();
unstableSetRender((node, container) => {
  const root = roots.get(container) ?? createRoot(container);
  roots.set(container, root);
  root.render(node);
  return async () => {
    // Unmounting while React renders is refused: after the current task.
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    roots.delete(container);
  };
});

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

function Root() {
  const t = useT('m');
  // The pop-ups called as functions (Dialog.confirm's buttons) read the global default, not the provider's.
  setDefaultConfig({ locale: locales[t.lang] });
  return (
    <ConfigProvider locale={locales[t.lang]}>
      <MobileApp />
    </ConfigProvider>
  );
}

// The app lives under /m/, the scope of its service worker and of the installed app: its home is /m/, never /m (a
// page outside the scope would open with the browser's bar in the installed app, and without the worker offline).
if (window.location.pathname === '/m') window.history.replaceState(null, '', `/m/${window.location.search}`);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter basename="/m/">
        <Root />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);

// Installable (PWA): the worker keeps the app's shell so it opens at once, and offline too. Browsers allow it on
// HTTPS and localhost only; elsewhere the app works without it. It is registered once the page has loaded, so its
// own downloads never slow the first screen on a slow network; `updateViaCache: 'none'` has the browser look for a
// new worker on every visit past any HTTP cache, so each release replaces the old one (public/m/sw.js).
if ('serviceWorker' in navigator)
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register('/m/sw.js', { scope: '/m/', updateViaCache: 'none' })
      .catch(() => undefined);
  });

// A page's code that is no longer on the server (a release came while the app stayed open on a phone): the app
// reloads into the new release, once; a second failure within a minute is shown as an error rather than looping.
window.addEventListener('vite:preloadError', (event) => {
  const KEY = 'onecity.m.reloadedAt';
  if (Date.now() - Number(sessionStorage.getItem(KEY) ?? 0) < 60_000) return;
  sessionStorage.setItem(KEY, String(Date.now()));
  event.preventDefault();
  window.location.reload();
});
