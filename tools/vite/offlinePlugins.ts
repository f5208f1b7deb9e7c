// Build-time pieces of the offline promise:
// - the Content-Security-Policy lives in index.html; `vite dev` needs inline
//   scripts and a websocket for hot reload, so only the dev server relaxes it;
// - the service worker gets the exact list of built files, so that an intranet
//   laptop can open the app after one visit without the server.
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

const CSP_META = /<meta http-equiv="Content-Security-Policy"[^>]*>\s*/;

export function relaxCspForDevServer(): Plugin {
  return {
    name: 'zmd-relax-csp-for-dev-server',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(CSP_META, ''),
  };
}

/** Writes sw.js (next to index.html) from public/sw.template.js with the build's file list and a cache name that changes with it. */
export function serviceWorkerPrecache(template: string, publicFiles: readonly string[]): Plugin {
  return {
    name: 'zmd-service-worker-precache',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = ['./', ...publicFiles, ...Object.keys(bundle)]
        .map((fileName) => (fileName.startsWith('./') ? fileName : `./${fileName}`))
        .filter((file) => !file.endsWith('.map'))
        // The build manifest (.vite/manifest.json) is for the size budget test, not for the page.
        .filter((file) => !file.startsWith('./.vite/'))
        .sort();
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: template.replace('self.__PRECACHE__', JSON.stringify(files)).replace('self.__CACHE_VERSION__', JSON.stringify(version)),
      });
    },
  };
}

/**
 * Lets the built page request tiles from the origins the deployment lists
 * (ZMD_TILE_ORIGINS): they join `connect-src` (MapLibre fetches tiles and
 * capabilities) and `img-src`. With the setting empty the policy is unchanged:
 * the page can reach nothing but its own origin.
 */
export function tileOriginsInCsp(origins: readonly string[]): Plugin {
  return {
    name: 'zmd-tile-origins-in-csp',
    apply: 'build',
    transformIndexHtml: (html) => {
      if (origins.length === 0) return html;
      const extra = origins.join(' ');
      const withOrigins = html
        .replace(/(connect-src 'self' data: blob:)/, `$1 ${extra}`)
        .replace(/(img-src 'self' data: blob:)/, `$1 ${extra}`);
      if (withOrigins === html) throw new Error('index.html: the Content-Security-Policy has no connect-src/img-src to add ZMD_TILE_ORIGINS to');
      return withOrigins;
    },
  };
}
