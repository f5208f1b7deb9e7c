// Layers the planner imported: drawn in one neutral style (their data has no
// plan classes), beneath the plan symbols.
//
// Imports can be large (100,000 points from a census or POI export), so the
// points are handed to deck.gl as one flat array of positions instead of
// GeoJSON objects it would walk feature by feature, and that array is built
// once per feature list: the app rebuilds its layer list on every edit and
// every analysis result, and deck.gl re-reads a layer's data whenever the
// data object is a new one.
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { ScatterplotLayer } from '@deck.gl/layers';
import type { FeatureCollection, Geometry, Position } from 'geojson';
import type { ScenarioFeature, ScenarioLayer } from '../domain/scenario';
import { deck, type DeckModules } from './deckRuntime';
import { PLAN_LABEL_LAYER_ID } from './planLayers';

const IMPORTED_COLOR: [number, number, number] = [102, 51, 153];
const FILL_COLOR: [number, number, number, number] = [...IMPORTED_COLOR, 90];
const LINE_COLOR: [number, number, number, number] = [...IMPORTED_COLOR, 230];
const LINE_WIDTH_PIXELS = 2;
const POINT_RADIUS_PIXELS = 5;

/** What deck.gl draws for one imported layer. */
export interface ImportedDrawData {
  /** Number of point symbols (a MultiPoint gives one per position). */
  pointCount: number;
  /** [lng, lat] of each point symbol, flat. */
  pointPositions: Float64Array;
  /** The feature each point symbol belongs to: what a click on it selects. */
  pointFeatures: ScenarioFeature[];
  /** The positions as deck.gl binary data; the same object on every render, so deck.gl never re-reads it. */
  pointTable: { length: number; attributes: { getPosition: { value: Float64Array; size: 2 } } };
  /** Lines and polygons (and collections containing them), for a GeoJsonLayer; null if none. */
  shapes: FeatureCollection<Geometry | null> | null;
}

const drawDataCache = new WeakMap<readonly ScenarioFeature[], ImportedDrawData>();

const isLonLat = (position: Position | undefined): position is Position =>
  !!position && Number.isFinite(position[0]) && Number.isFinite(position[1]);

/** Splits a feature list into flat point positions and the other shapes. Pure; memoised per list. */
export function importedDrawData(features: readonly ScenarioFeature[]): ImportedDrawData {
  const cached = drawDataCache.get(features);
  if (cached) return cached;
  let capacity = 0;
  for (const feature of features) {
    const geometry = feature.geometry;
    if (geometry?.type === 'Point') capacity += 1;
    else if (geometry?.type === 'MultiPoint') capacity += geometry.coordinates.length;
  }
  const positions = new Float64Array(capacity * 2);
  const pointFeatures: ScenarioFeature[] = [];
  const shapes: ScenarioFeature[] = [];
  const addPoint = (position: Position | undefined, feature: ScenarioFeature) => {
    if (!isLonLat(position)) return;
    positions[pointFeatures.length * 2] = position[0]!;
    positions[pointFeatures.length * 2 + 1] = position[1]!;
    pointFeatures.push(feature);
  };
  for (const feature of features) {
    const geometry = feature.geometry;
    if (!geometry) continue;
    if (geometry.type === 'Point') addPoint(geometry.coordinates, feature);
    else if (geometry.type === 'MultiPoint') for (const position of geometry.coordinates) addPoint(position, feature);
    else shapes.push(feature);
  }
  const pointPositions = pointFeatures.length * 2 === positions.length ? positions : positions.slice(0, pointFeatures.length * 2);
  const data: ImportedDrawData = {
    pointCount: pointFeatures.length,
    pointPositions,
    pointFeatures,
    pointTable: { length: pointFeatures.length, attributes: { getPosition: { value: pointPositions, size: 2 } } },
    shapes: shapes.length > 0 ? { type: 'FeatureCollection', features: shapes } : null,
  };
  drawDataCache.set(features, data);
  return data;
}

interface ImportedPointsProps {
  features: readonly ScenarioFeature[];
}

/**
 * Point symbols from a flat position array. deck.gl gives a click on such
 * data only an index; this layer turns it back into the feature, as the map's
 * click handler expects of every layer. Defined once deck.gl has loaded
 * (deckRuntime.ts): a subclass needs its base class at hand.
 */
function defineImportedPointsLayer({ ScatterplotLayer }: DeckModules) {
  return class ImportedPointsLayer extends ScatterplotLayer<unknown, ImportedPointsProps> {
    static override layerName = 'ImportedPointsLayer';

    override getPickingInfo(params: Parameters<ScatterplotLayer['getPickingInfo']>[0]): PickingInfo {
      const info = super.getPickingInfo(params);
      if (info.index >= 0) info.object = this.props.features[info.index];
      return info;
    }
  };
}
let importedPointsLayerClass: ReturnType<typeof defineImportedPointsLayer> | null = null;

/** One look for every imported shape and point: the data has no plan classes. */
const IMPORTED_STYLE = {
  beforeId: PLAN_LABEL_LAYER_ID,
  pickable: true,
  filled: true,
  stroked: true,
  getFillColor: FILL_COLOR,
  getLineColor: LINE_COLOR,
  lineWidthUnits: 'pixels',
  getLineWidth: LINE_WIDTH_PIXELS,
} as const;

export function buildImportedLayers(imported: readonly ScenarioLayer[]): Layer[] {
  const { GeoJsonLayer } = deck();
  const ImportedPointsLayer = (importedPointsLayerClass ??= defineImportedPointsLayer(deck()));
  return imported.flatMap((layer) => {
    const data = importedDrawData(layer.features);
    const layers: Layer[] = [];
    if (data.shapes)
      layers.push(
        new GeoJsonLayer({
          id: `imported-${layer.id}`,
          data: data.shapes,
          ...IMPORTED_STYLE,
          pointType: 'circle',
          pointRadiusUnits: 'pixels',
          getPointRadius: POINT_RADIUS_PIXELS,
        } as ConstructorParameters<typeof GeoJsonLayer>[0] & { beforeId: string }),
      );
    if (data.pointCount > 0)
      layers.push(
        new ImportedPointsLayer({
          id: `imported-${layer.id}-points`,
          data: data.pointTable,
          features: data.pointFeatures,
          ...IMPORTED_STYLE,
          radiusUnits: 'pixels',
          getRadius: POINT_RADIUS_PIXELS,
        } as ConstructorParameters<typeof ImportedPointsLayer>[0] & { beforeId: string }),
      );
    return layers;
  });
}
