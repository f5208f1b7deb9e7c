import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Relative base: the built app must run from any static folder on an intranet
// server (or a file share), not only from the web root.
export default defineConfig({
  base: './',
  plugins: [react()],
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
