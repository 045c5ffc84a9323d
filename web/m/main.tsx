import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider, unstableSetRender } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { MobileApp } from './app.tsx';
import { useT } from './i18n.ts';
import './messages.ts';

// antd-mobile 5 draws Toast, Dialog.confirm and the other imperative pop-ups with ReactDOM.render, which React 19
// no longer has: without this they throw and never show.
unstableSetRender((node, container) => {
  const host = container as (Element | DocumentFragment) & { _root?: Root };
  host._root ??= createRoot(host);
  host._root.render(node);
  return async () => {
    await Promise.resolve();
    host._root?.unmount();
    delete host._root;
  };
});

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

function Root() {
  const t = useT('m');
  return (
    <ConfigProvider locale={t.lang === 'zh' ? zhCN : enUS}>
      <MobileApp />
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter basename="/m">
        <Root />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);

// Installable (PWA): the worker keeps the app's shell so it opens at once, and offline too. Browsers allow it on
// HTTPS and localhost only; elsewhere the app works without it.
navigator.serviceWorker?.register('/m/sw.js', { scope: '/m/' }).catch(() => undefined);
