// The bundled county basemap: county polygons, neighbouring prefectures and the
// city outline from the app's own data. No tile, glyph or sprite URL: with no
// `glyphs` key MapLibre draws labels with the system's CJK font, so nothing is
// ever requested from outside the app.
import type { FeatureCollection, Point } from 'geojson';
import type { ExpressionSpecification } from 'maplibre-gl';
import { labelPointOf, pointFeature } from '../../../domain/geometry';
import type { Language } from '../../../i18n/dictionary';
import type { ContextCollection, CountyCollection } from '../../../domain/dataset';
import { NEEDS_NO_ACCESS, type BasemapKind } from '../kind';

export const BASEMAP_COLORS = {
  background: '#e9edf0',
  neighbourFill: '#e4e1da',
  neighbourLine: '#b8b1a3',
  countyFill: '#fbfaf6',
  countyLine: '#9c9280',
  outline: '#4a443b',
  countyLabel: '#5a5246',
  neighbourLabel: '#8c8475',
} as const;

type LabelPoints = FeatureCollection<Point>;

// Label points are derived once per data set: the live basemap keeps a source
// whose data object is unchanged, so a language switch does not reload it.
const countyLabelCache = new WeakMap<CountyCollection, LabelPoints>();
const neighbourLabelCache = new WeakMap<ContextCollection, LabelPoints>();

function countyLabels(counties: CountyCollection): LabelPoints {
  let labels = countyLabelCache.get(counties);
  if (!labels) {
    labels = { type: 'FeatureCollection', features: counties.features.map((county) => pointFeature(labelPointOf(county), county.properties)) };
    countyLabelCache.set(counties, labels);
  }
  return labels;
}

function neighbourLabels(context: ContextCollection): LabelPoints {
  let labels = neighbourLabelCache.get(context);
  if (!labels) {
    const neighbours = context.features.filter((feature) => feature.properties.role === 'neighbour');
    labels = { type: 'FeatureCollection', features: neighbours.map((neighbour) => pointFeature(labelPointOf(neighbour), neighbour.properties)) };
    neighbourLabelCache.set(context, labels);
  }
  return labels;
}

/** Basemap names follow the interface language. */
const nameField = (language: Language): ExpressionSpecification => ['get', language === 'en' ? 'name_en' : 'name_zh'];

export const bundledCountiesKind: BasemapKind = {
  kind: 'bundled-counties',
  accessProblem: NEEDS_NO_ACCESS,
  styleParts: (_source, { counties, context, language }) => ({
    sources: {
      context: { type: 'geojson', data: context },
      counties: { type: 'geojson', data: counties },
      'county-labels': { type: 'geojson', data: countyLabels(counties) },
      'neighbour-labels': { type: 'geojson', data: neighbourLabels(context) },
    },
    base: [
      { id: 'background', type: 'background', paint: { 'background-color': BASEMAP_COLORS.background } },
      {
        id: 'neighbours-fill',
        type: 'fill',
        source: 'context',
        filter: ['==', ['get', 'role'], 'neighbour'],
        paint: { 'fill-color': BASEMAP_COLORS.neighbourFill },
      },
      {
        id: 'neighbours-line',
        type: 'line',
        source: 'context',
        filter: ['==', ['get', 'role'], 'neighbour'],
        paint: { 'line-color': BASEMAP_COLORS.neighbourLine, 'line-width': 1 },
      },
      { id: 'counties-fill', type: 'fill', source: 'counties', paint: { 'fill-color': BASEMAP_COLORS.countyFill } },
      {
        id: 'counties-line',
        type: 'line',
        source: 'counties',
        paint: { 'line-color': BASEMAP_COLORS.countyLine, 'line-width': 1, 'line-dasharray': [3, 2] },
      },
      {
        id: 'city-outline',
        type: 'line',
        source: 'context',
        filter: ['==', ['get', 'role'], 'focus'],
        paint: { 'line-color': BASEMAP_COLORS.outline, 'line-width': 2.5 },
      },
    ],
    labels: [
      {
        id: 'neighbour-labels',
        type: 'symbol',
        source: 'neighbour-labels',
        layout: { 'text-field': nameField(language), 'text-size': 13 },
        paint: { 'text-color': BASEMAP_COLORS.neighbourLabel, 'text-halo-color': '#ffffff', 'text-halo-width': 1 },
      },
      {
        id: 'county-labels',
        type: 'symbol',
        source: 'county-labels',
        layout: { 'text-field': nameField(language), 'text-size': 15, 'text-letter-spacing': 0.1 },
        paint: { 'text-color': BASEMAP_COLORS.countyLabel, 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      },
    ],
  }),
};
