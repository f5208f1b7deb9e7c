// The offline basemap: county polygons, neighbouring prefectures and the city
// outline from the bundled data. No tile, glyph or sprite URL: with no
// `glyphs` key MapLibre draws labels with the system's CJK font, so nothing
// is ever requested from outside the app.
import type { StyleSpecification } from 'maplibre-gl';
import { labelPointOf, pointFeature } from '../domain/geometry';
import type { ContextCollection, CountyCollection } from '../domain/dataset';
import { PLAN_LABEL_LAYER_ID, PLAN_LABEL_SOURCE_ID } from './planLayers';

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

export function buildBasemapStyle(counties: CountyCollection, context: ContextCollection): StyleSpecification {
  const countyLabels = {
    type: 'FeatureCollection' as const,
    features: counties.features.map((county) => pointFeature(labelPointOf(county), county.properties)),
  };
  const neighbours = context.features.filter((feature) => feature.properties.role === 'neighbour');
  const neighbourLabels = {
    type: 'FeatureCollection' as const,
    features: neighbours.map((neighbour) => pointFeature(labelPointOf(neighbour), neighbour.properties)),
  };
  return {
    version: 8,
    name: 'zhumadian-offline',
    sources: {
      context: { type: 'geojson', data: context },
      counties: { type: 'geojson', data: counties },
      'county-labels': { type: 'geojson', data: countyLabels },
      'neighbour-labels': { type: 'geojson', data: neighbourLabels },
      // Filled by MapView with the visible plan features' names.
      [PLAN_LABEL_SOURCE_ID]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    },
    layers: [
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
      // deck.gl's plan layers are inserted here (beforeId = PLAN_LABEL_LAYER_ID).
      {
        id: PLAN_LABEL_LAYER_ID,
        type: 'symbol',
        source: PLAN_LABEL_SOURCE_ID,
        filter: ['!', ['get', 'zone']],
        layout: {
          'text-field': ['get', 'text'],
          'text-size': 12,
          'symbol-sort-key': ['get', 'sortKey'],
          'text-variable-anchor': ['top', 'right', 'left', 'bottom'],
          'text-radial-offset': ['get', 'offset'],
          'text-justify': 'auto',
          'text-max-width': 10,
        },
        paint: { 'text-color': '#2b2721', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      },
      {
        id: 'plan-labels-zones',
        type: 'symbol',
        source: PLAN_LABEL_SOURCE_ID,
        filter: ['get', 'zone'],
        layout: {
          'text-field': ['get', 'text'],
          'text-size': 13,
          'symbol-sort-key': ['get', 'sortKey'],
          'text-max-width': 8,
        },
        paint: { 'text-color': '#1f2a33', 'text-halo-color': '#ffffff', 'text-halo-width': 1.8 },
      },
      {
        id: 'neighbour-labels',
        type: 'symbol',
        source: 'neighbour-labels',
        layout: { 'text-field': ['get', 'name_zh'], 'text-size': 13 },
        paint: { 'text-color': BASEMAP_COLORS.neighbourLabel, 'text-halo-color': '#ffffff', 'text-halo-width': 1 },
      },
      {
        id: 'county-labels',
        type: 'symbol',
        source: 'county-labels',
        layout: { 'text-field': ['get', 'name_zh'], 'text-size': 15, 'text-letter-spacing': 0.1 },
        paint: { 'text-color': BASEMAP_COLORS.countyLabel, 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      },
    ],
  };
}

/** Basemap labels follow the interface language. */
export const LABELLED_BASEMAP_LAYERS = ['county-labels', 'neighbour-labels'] as const;
