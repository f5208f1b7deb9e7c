// Everything the app takes from deck.gl at run time, in one module that is only
// ever imported dynamically (deckRuntime.ts): deck.gl and luma.gl are about a
// third of the app's code, and the basemap draws without them. Type-only
// imports of deck.gl elsewhere cost nothing.
export { MapLibreOverlay } from '@deck.gl/maplibre';
export { GeoJsonLayer, LineLayer, PathLayer, PolygonLayer, ScatterplotLayer } from '@deck.gl/layers';
export { PathStyleExtension } from '@deck.gl/extensions';
