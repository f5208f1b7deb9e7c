import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { relaxCspForDevServer, serviceWorkerPrecache, tileOriginsInCsp } from './tools/vite/offlinePlugins.ts';
import { parseOriginList, TILE_ORIGINS_SETTING } from './src/domain/basemapOrigins.ts';
import { importAcceptList } from './tools/vite/importAccept.ts';

// Tile servers this deployment may reach (README “Tile services and the allow-list”):
// ZMD_TILE_ORIGINS="https://t0.tianditu.gov.cn https://gis.intranet.example". Empty: none.
const tileOrigins = parseOriginList(process.env[TILE_ORIGINS_SETTING]);
if (tileOrigins.invalid.length > 0)
  throw new Error(`${TILE_ORIGINS_SETTING}: not an origin (scheme://host[:port]): ${tileOrigins.invalid.join(' ')}`);

// Relative base: the built app must run from any static folder on an intranet
// server (or a file share), not only from the web root.
export default defineConfig({
  base: './',
  plugins: [react(), relaxCspForDevServer(), tileOriginsInCsp(tileOrigins.origins), serviceWorkerPrecache(readFileSync('tools/vite/sw.template.js', 'utf8'), readdirSync('public')), importAcceptList()],
  define: { __ZMD_TILE_ORIGINS__: JSON.stringify(tileOrigins.origins.join(' ')) },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // dist/.vite/manifest.json: which chunks the page loads at start, read by the size budget
    // (tests/browser/startup.e2e.ts): the entry and its static imports must stay under 500 kB gzipped.
    manifest: true,
  },
  worker: { format: 'es' },
  optimizeDeps: {
    include: ['maplibre-gl', '@deck.gl/core', '@deck.gl/layers', '@deck.gl/maplibre', '@deck.gl/extensions', '@turf/turf', 'papaparse'],
  },
});
