import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { relaxCspForDevServer, serviceWorkerPrecache } from './tools/vite/offlinePlugins.ts';

// Relative base: the built app must run from any static folder on an intranet
// server (or a file share), not only from the web root.
export default defineConfig({
  base: './',
  plugins: [react(), relaxCspForDevServer(), serviceWorkerPrecache(readFileSync('tools/vite/sw.template.js', 'utf8'), readdirSync('public'))],
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
  },
  worker: { format: 'es' },
  optimizeDeps: {
    include: ['maplibre-gl', '@deck.gl/core', '@deck.gl/layers', '@deck.gl/maplibre', '@deck.gl/extensions', '@turf/turf', 'papaparse'],
  },
});
