// Folder boundaries, checked by `npm test` (`npm run lint`). The layers, from
// the bottom: i18n < domain < analysis < io < worker, storage < state < map < ui.
// A folder may import from the layers below it, never from above; the pure
// layers (i18n, domain, analysis, io) import no React, MapLibre, deck.gl,
// zustand, terra-draw or Comlink either, so they run in Web Workers and in
// Node. (tsconfig.pure.json typechecks them without the DOM library.)
import tsParser from '@typescript-eslint/parser';
import reactHooks from 'eslint-plugin-react-hooks';

const LAYERS = ['i18n', 'domain', 'analysis', 'io', 'worker', 'storage', 'state', 'map', 'ui'];
/** What each layer must not import; worker and storage are siblings and stay apart. */
const FORBIDDEN = {
  i18n: LAYERS.slice(1),
  domain: LAYERS.slice(2),
  analysis: LAYERS.slice(3),
  io: LAYERS.slice(4),
  worker: ['storage', 'state', 'map', 'ui'],
  storage: ['worker', 'state', 'map', 'ui'],
  state: ['map', 'ui'],
  map: ['ui'],
  ui: [],
};
const PURE = new Set(['i18n', 'domain', 'analysis', 'io']);
const UI_LIBRARIES = ['react', 'react-dom', 'react-dom/*', 'maplibre-gl', 'maplibre-gl/*', '@deck.gl/*', 'zustand', 'zustand/*', 'terra-draw', 'terra-draw-*', 'comlink'];

function rulesFor(layer) {
  const patterns = [];
  const upward = FORBIDDEN[layer];
  if (upward.length)
    patterns.push({
      // '../state/x', '../../ui/y' … seen from anywhere inside src/<layer>/.
      regex: `^(\\.\\./)+(${upward.join('|')})(/|$)`,
      message: `src/${layer} must not import from src/{${upward.join(',')}}: dependencies point down (i18n < domain < analysis < io < worker, storage < state < map < ui).`,
    });
  if (PURE.has(layer))
    patterns.push({
      group: UI_LIBRARIES,
      message: `src/${layer} is pure (it runs in workers and in Node): no React, MapLibre, deck.gl, zustand, terra-draw or Comlink.`,
    });
  return { 'no-restricted-imports': ['error', { patterns }] };
}

export default [
  { ignores: ['dist/**', 'node_modules/**', 'tests/**', 'tools/**', '*.config.*'] },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  },
  ...LAYERS.map((layer) => ({ files: [`src/${layer}/**/*.{ts,tsx}`], rules: rulesFor(layer) })),
  {
    // React's own two rules: hooks called in the same order on every render, and effects that list what they read.
    files: ['src/ui/**/*.tsx', 'src/map/**/*.tsx', 'src/state/**/*.ts', 'src/ui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
];
