// The studio's service worker: after one visit the app opens without its
// server (an intranet laptop on the road). The build fills in the file list.
// Pages are fetched from the network first, so a new deployment is picked up
// whenever the server answers; the hashed assets never change and are served
// from the cache. A new version takes over once every tab of the old one is
// closed, so an open session never mixes files of two builds. Matching ignores
// Vary: the server varies on Origin, and module scripts are requested with one
// while the precache was filled without.
const PRECACHE = self.__PRECACHE__;
const CACHE = `zmd-studio-${self.__CACHE_VERSION__}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('zmd-studio-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            void caches.open(CACHE).then((cache) => cache.put('./', copy));
          }
          return response;
        })
        .catch(() => caches.match('./', { cacheName: CACHE, ignoreVary: true }).then((cached) => cached ?? Response.error())),
    );
    return;
  }
  event.respondWith(caches.match(request, { cacheName: CACHE, ignoreSearch: true, ignoreVary: true }).then((cached) => cached ?? fetch(request)));
});
