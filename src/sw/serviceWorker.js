/* global self, caches, fetch, URL, __VERSION__, __PRECACHE__ */
/* ReconLab's service worker: the lab keeps working offline after a first visit.
 * __PRECACHE__ and __VERSION__ are filled in at build time (src/sw/plugin.ts): the app shell, its
 * chunks and the wasm files are cached at install; anything else of this origin (the MNIST class
 * files under /data) is cached the first time the page fetches it. Nothing of another origin is
 * touched. */
const VERSION = __VERSION__;
const PRECACHE = __PRECACHE__;
const CACHE = `reconlab-${VERSION}`;
const scope = new URL(self.registration.scope);
const INDEX = new URL('./', scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([INDEX, ...PRECACHE.map((path) => new URL(path, scope).href)]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('reconlab-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function fromNetworkThenCache(request, fallbackUrl) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(fallbackUrl ?? request, response.clone());
    return response;
  } catch (err) {
    const cached = await cache.match(fallbackUrl ?? request, { ignoreSearch: true });
    if (cached) return cached;
    throw err;
  }
}

async function fromCacheThenNetwork(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.status === 200) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== scope.origin) return;
  // The page itself: fresh when online (a new build shows at once), the cached shell when not.
  if (request.mode === 'navigate') {
    event.respondWith(fromNetworkThenCache(request, INDEX));
    return;
  }
  // Hashed chunks, wasm and data files never change under the same URL.
  event.respondWith(fromCacheThenNetwork(request));
});
