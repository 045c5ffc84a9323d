// The citizen app's service worker. Pages are fetched from the network first (a new release shows at once) and the
// last page fetched opens when the network is gone; the hashed files of the build are kept once fetched (they never
// change); API calls always go to the network. The build stamps the next line with its version and the files of the
// app's first load (web/service-worker.ts): each release is a new worker, which drops the old one's caches.
const BUILD = { version: 'dev', precache: [] };
const PREFIX = 'onecity-m-';
const CACHE = `${PREFIX}${BUILD.version}`;
// Every path under /m is the same page (the server answers m/index.html): kept once, under /m/.
const SHELL = '/m/';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([SHELL, '/m/manifest.webmanifest', '/m/icon-192.png', ...BUILD.precache])),
  );
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const keys = await caches.keys();
      await Promise.all(keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE).map((key) => caches.delete(key)));
      // The page's request starts while the worker wakes up, so a slow phone does not wait for both in turn.
      await self.registration.navigationPreload?.enable();
      await self.clients.claim();
    })(),
  );
});

/** The network's answer to a page request, kept as the offline shell; the kept shell when the network fails. */
async function page(event) {
  try {
    const response = (await event.preloadResponse) || (await fetch(event.request));
    if (response.ok && (response.headers.get('content-type') ?? '').includes('text/html')) {
      const copy = response.clone();
      event.waitUntil(caches.open(CACHE).then((cache) => cache.put(SHELL, copy)));
    }
    return response;
  } catch (error) {
    const kept = await caches.match(SHELL);
    if (kept) return kept;
    throw error;
  }
}

/** A hashed file of the build: from the cache, else fetched and kept. */
async function asset(event) {
  const hit = await caches.match(event.request);
  if (hit) return hit;
  const response = await fetch(event.request);
  if (response.ok) {
    const copy = response.clone();
    event.waitUntil(caches.open(CACHE).then((cache) => cache.put(event.request, copy)));
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (event.request.mode === 'navigate') event.respondWith(page(event));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(asset(event));
});
