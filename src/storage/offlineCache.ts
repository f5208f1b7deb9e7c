// Registers the service worker that keeps the built app in the browser's cache
// (see tools/vite/sw.template.js). Only the built app has one: the dev server's
// files change on every save and must never be served stale.
export function keepAppAvailableOffline() {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // Registration problems (private windows, file:// pages) only cost the offline
  // copy; the app itself keeps working, so they are logged, not shown.
  navigator.serviceWorker.register('./sw.js').catch((error: unknown) => console.warn('Service worker not registered:', error));
}
