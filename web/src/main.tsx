import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { setupI18n } from './i18n/setup.ts';

// A tab opened before an upgrade asks for page chunks the new build no longer has; loading the new version
// fixes that. A second failure within a minute is shown as an error instead of reloading in a loop.
window.addEventListener('vite:preloadError', (event) => {
  const reloadedAt = Number(sessionStorage.getItem('onecity.reloadedAt') ?? 0);
  if (Date.now() - reloadedAt < 60_000) return;
  event.preventDefault();
  sessionStorage.setItem('onecity.reloadedAt', String(Date.now()));
  window.location.reload();
});

void setupI18n().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
