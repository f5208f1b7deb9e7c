// The app's own part of the map style, fixed for the map's lifetime: the
// basemap's two slots (filled by src/map/basemap/liveBasemap.ts), the plan
// label layers and, between them, the place deck.gl inserts its plan layers.
import type { StyleSpecification } from 'maplibre-gl';
import { basemapSlotMarker } from './basemap/liveBasemap';
import {
  PLAN_LABEL_LAYER_ID,
  PLAN_LABEL_SOURCE_ID,
  STACK_BADGE_COLOR,
  STACK_BADGE_LAYER_ID,
  STACK_BADGE_OFFSET_EM,
  STACK_BADGE_SOURCE_ID,
  STACK_BADGE_TEXT_SIZE,
} from './planLayers';
import { IMPORTED_LABEL_LAYER_ID, IMPORTED_LABEL_SOURCE_ID } from './importedLayers';

export function appStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'zhumadian-offline',
    sources: {
      // Filled by MapView with the visible plan features' names.
      [PLAN_LABEL_SOURCE_ID]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      // Filled by MapView with a count for every spot where plan symbols coincide.
      [STACK_BADGE_SOURCE_ID]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      // Filled by MapView with the labels of imported layers that have a label field.
      [IMPORTED_LABEL_SOURCE_ID]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    },
    layers: [
      basemapSlotMarker('base'),
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
        // Labels from a field the planner chose (layers panel → style). No glyph server: like the
        // plan labels, MapLibre draws them with the local CJK font (localIdeographFontFamily).
        id: IMPORTED_LABEL_LAYER_ID,
        type: 'symbol',
        source: IMPORTED_LABEL_SOURCE_ID,
        layout: {
          'text-field': ['get', 'text'],
          'text-size': 12,
          'text-variable-anchor': ['top', 'right', 'left', 'bottom'],
          'text-radial-offset': 0.7,
          'text-justify': 'auto',
          'text-max-width': 10,
        },
        paint: { 'text-color': '#3a2a55', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      },
      basemapSlotMarker('labels'),
      {
        // Last, so no label hides a stack; the fuller stack wins a collision.
        id: STACK_BADGE_LAYER_ID,
        type: 'symbol',
        source: STACK_BADGE_SOURCE_ID,
        layout: {
          'text-field': ['to-string', ['get', 'count']],
          'text-size': STACK_BADGE_TEXT_SIZE,
          'text-offset': STACK_BADGE_OFFSET_EM,
          'symbol-sort-key': ['-', ['get', 'count']],
          'text-padding': 4,
        },
        paint: { 'text-color': '#ffffff', 'text-halo-color': STACK_BADGE_COLOR, 'text-halo-width': 3 },
      },
    ],
  };
}
