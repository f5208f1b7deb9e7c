// Layers the planner imported, beneath the plan symbols, each in its own style
// (src/domain/layerStyle.ts: one colour, categories or graduated classes of a
// field, point size by field, line width, fill opacity), in the scenario's
// layer order (later on top), hidden ones left out.
//
// Imports can be large (100,000 points from a census or POI export), so the
// points are handed to deck.gl as one flat array of positions instead of
// GeoJSON objects it would walk feature by feature, and that array is built
// once per feature list: the app rebuilds its layer list on every edit and
// every analysis result, and deck.gl re-reads a layer's data whenever the
// data object is a new one.
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { ScatterplotLayer } from '@deck.gl/layers';
import type { Feature, FeatureCollection, Geometry, Point, Position } from 'geojson';
import { pointOnFeature } from '@turf/turf';
import type { ScenarioFeature, ScenarioLayer } from '../domain/scenario';
import { labelText, resolveLayerStyle, styleOf, type ResolvedLayerStyle } from '../domain/layerStyle';
import { deck, type DeckModules } from './deckRuntime';
import { packedFeaturesOf } from '../io/featureColumns';
import { PLAN_LABEL_LAYER_ID } from './planLayers';

type Rgba = [number, number, number, number];
/** The MapLibre source and symbol layer of imported layers' labels (src/map/appStyle.ts). */
export const IMPORTED_LABEL_SOURCE_ID = 'imported-labels';
export const IMPORTED_LABEL_LAYER_ID = 'imported-labels';
const LINE_ALPHA = 230;

/** What deck.gl draws for one imported layer. */
export interface ImportedDrawData {
  /** Number of point symbols (a MultiPoint gives one per position). */
  pointCount: number;
  /** [lng, lat] of each point symbol, flat. */
  pointPositions: Float64Array;
  /** The feature each point symbol belongs to: what a click on it selects. */
  pointFeatures: ScenarioFeature[];
  /** Index (in the layer's feature list) of each point symbol's feature: its style slot. */
  pointFeatureIndex: Uint32Array;
  /** Index in the layer's feature list of each shape: its style slot. */
  shapeIndex: Map<ScenarioFeature, number>;
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
  const data = drawDataFromColumns(features) ?? drawDataFromFeatures(features);
  drawDataCache.set(features, data);
  return data;
}

/** A list that came as columns with every feature located: its positions are already flat, in feature order. */
export function drawDataFromColumns(features: readonly ScenarioFeature[]): ImportedDrawData | null {
  const packed = packedFeaturesOf(features);
  if (!packed || packed.located !== packed.count) return null;
  const pointFeatureIndex = new Uint32Array(packed.count);
  for (let i = 0; i < packed.count; i++) pointFeatureIndex[i] = i;
  return {
    pointCount: packed.count,
    pointPositions: packed.positions,
    pointFeatures: features as ScenarioFeature[],
    pointFeatureIndex,
    shapeIndex: new Map(),
    pointTable: { length: packed.count, attributes: { getPosition: { value: packed.positions, size: 2 } } },
    shapes: null,
  };
}

/** Walks the features: points to flat positions, the rest as shapes. */
export function drawDataFromFeatures(features: readonly ScenarioFeature[]): ImportedDrawData {
  let capacity = 0;
  for (const feature of features) {
    const geometry = feature.geometry;
    if (geometry?.type === 'Point') capacity += 1;
    else if (geometry?.type === 'MultiPoint') capacity += geometry.coordinates.length;
  }
  const positions = new Float64Array(capacity * 2);
  const pointFeatureIndex = new Uint32Array(capacity);
  const pointFeatures: ScenarioFeature[] = [];
  const shapes: ScenarioFeature[] = [];
  const shapeIndex = new Map<ScenarioFeature, number>();
  const addPoint = (position: Position | undefined, feature: ScenarioFeature, index: number) => {
    if (!isLonLat(position)) return;
    positions[pointFeatures.length * 2] = position[0]!;
    positions[pointFeatures.length * 2 + 1] = position[1]!;
    pointFeatureIndex[pointFeatures.length] = index;
    pointFeatures.push(feature);
  };
  features.forEach((feature, index) => {
    const geometry = feature.geometry;
    if (!geometry) return;
    if (geometry.type === 'Point') addPoint(geometry.coordinates, feature, index);
    else if (geometry.type === 'MultiPoint') for (const position of geometry.coordinates) addPoint(position, feature, index);
    else {
      shapes.push(feature);
      shapeIndex.set(feature, index);
    }
  });
  const pointPositions = pointFeatures.length * 2 === positions.length ? positions : positions.slice(0, pointFeatures.length * 2);
  const data: ImportedDrawData = {
    pointCount: pointFeatures.length,
    pointPositions,
    pointFeatures,
    pointFeatureIndex,
    shapeIndex,
    pointTable: { length: pointFeatures.length, attributes: { getPosition: { value: pointPositions, size: 2 } } },
    shapes: shapes.length > 0 ? { type: 'FeatureCollection', features: shapes } : null,
  };
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

export type ImportedSymbol = 'point' | 'line' | 'polygon';

/** The symbol a layer's legend shows: its first located feature's kind. */
export function importedSymbolOf(layer: ScenarioLayer): ImportedSymbol {
  const first = layer.features.find((feature) => feature.geometry !== null)?.geometry;
  if (!first) return 'point';
  if (first.type === 'LineString' || first.type === 'MultiLineString') return 'line';
  if (first.type === 'Polygon' || first.type === 'MultiPolygon') return 'polygon';
  return first.type === 'GeometryCollection' && importedDrawData(layer.features).pointCount === 0 ? 'polygon' : 'point';
}

const resolvedCache = new WeakMap<readonly ScenarioFeature[], Map<string, ResolvedLayerStyle>>();

/**
 * The layer's style resolved against its features (colours, radii, legend
 * entries), memoised per feature list and style: the map, the layers panel,
 * the presenter legend and the PNG sheet share one result per layer.
 */
export function resolvedStyleOf(layer: ScenarioLayer): ResolvedLayerStyle {
  const style = styleOf(layer);
  const key = `${JSON.stringify(style)}|${layer.title.zh}|${layer.title.en}`;
  let byStyle = resolvedCache.get(layer.features);
  if (!byStyle) resolvedCache.set(layer.features, (byStyle = new Map()));
  let resolved = byStyle.get(key);
  if (!resolved) {
    // A few styles per layer at most (one per change); the oldest go first.
    if (byStyle.size > 8) byStyle.delete(byStyle.keys().next().value!);
    byStyle.set(key, (resolved = resolveLayerStyle(layer.features, style, layer.title)));
  }
  return resolved;
}

const colorAt = (resolved: ResolvedLayerStyle, featureIndex: number, alpha: number): Rgba => {
  const [r, g, b] = resolved.colors[resolved.colorIndex[featureIndex]!] ?? resolved.colors[0]!;
  return [r, g, b, alpha];
};

/**
 * deck.gl layers for the imported layers, in scenario order (later on top).
 * `hidden`: layer ids switched off in the layers panel.
 */
export function buildImportedLayers(imported: readonly ScenarioLayer[], hidden: ReadonlySet<string> = new Set()): Layer[] {
  const { GeoJsonLayer } = deck();
  const ImportedPointsLayer = (importedPointsLayerClass ??= defineImportedPointsLayer(deck()));
  return imported.flatMap((layer) => {
    if (hidden.has(layer.id)) return [];
    const data = importedDrawData(layer.features);
    const resolved = resolvedStyleOf(layer);
    const { style } = resolved;
    const fillAlpha = Math.round(style.fillOpacity * 255);
    // A new resolved style is a new object: deck.gl re-reads the accessors only then.
    const updateTriggers = { getFillColor: resolved, getLineColor: resolved, getPointRadius: resolved, getRadius: resolved };
    const common = {
      beforeId: PLAN_LABEL_LAYER_ID,
      pickable: true,
      filled: true,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: style.lineWidth,
      updateTriggers,
    } as const;
    const layers: Layer[] = [];
    if (data.shapes)
      layers.push(
        new GeoJsonLayer<ScenarioFeature['properties']>({
          id: `imported-${layer.id}`,
          data: data.shapes as FeatureCollection<Geometry, ScenarioFeature['properties']>,
          ...common,
          getFillColor: (feature) => colorAt(resolved, data.shapeIndex.get(feature as ScenarioFeature) ?? 0, fillAlpha),
          getLineColor: (feature) => colorAt(resolved, data.shapeIndex.get(feature as ScenarioFeature) ?? 0, LINE_ALPHA),
          pointType: 'circle',
          pointRadiusUnits: 'pixels',
          getPointRadius: (feature) => resolved.radii[data.shapeIndex.get(feature as ScenarioFeature) ?? 0] ?? style.pointRadius,
        } as ConstructorParameters<typeof GeoJsonLayer>[0] & { beforeId: string }),
      );
    if (data.pointCount > 0)
      layers.push(
        new ImportedPointsLayer({
          id: `imported-${layer.id}-points`,
          data: data.pointTable,
          features: data.pointFeatures,
          ...common,
          // Points are opaque whatever the fill opacity (a see-through dot is lost on the basemap), with a white rim.
          getFillColor: (_: unknown, { index }: { index: number }) => colorAt(resolved, data.pointFeatureIndex[index]!, 255),
          getLineColor: [255, 255, 255, 230],
          getLineWidth: 1,
          radiusUnits: 'pixels',
          getRadius: (_: unknown, { index }: { index: number }) => resolved.radii[data.pointFeatureIndex[index]!] ?? style.pointRadius,
        } as unknown as ConstructorParameters<typeof ImportedPointsLayer>[0] & { beforeId: string }),
      );
    return layers;
  });
}

const labelCache = new WeakMap<readonly ScenarioFeature[], Map<string, Feature<Point, { text: string }>[]>>();

/** One label point per feature with a value in the layer's label field (a point on each line or polygon). */
function layerLabels(layer: ScenarioLayer, field: string): Feature<Point, { text: string }>[] {
  let byField = labelCache.get(layer.features);
  if (!byField) labelCache.set(layer.features, (byField = new Map()));
  const cached = byField.get(field);
  if (cached) return cached;
  const labels = layer.features.flatMap((feature): Feature<Point, { text: string }>[] => {
    const text = labelText(feature.properties, field);
    if (text === null || !feature.geometry) return [];
    const at =
      feature.geometry.type === 'Point'
        ? feature.geometry.coordinates
        : pointOnFeature(feature as Feature<Geometry>).geometry.coordinates;
    return [{ type: 'Feature', geometry: { type: 'Point', coordinates: at }, properties: { text } }];
  });
  byField.set(field, labels);
  return labels;
}

/** The labels of every visible imported layer that has a label field, for the MapLibre symbol layer. */
export function importedLabels(imported: readonly ScenarioLayer[], hidden: ReadonlySet<string> = new Set()): FeatureCollection<Point, { text: string }> {
  const features = imported.flatMap((layer) => {
    const field = styleOf(layer).labelField;
    return field && !hidden.has(layer.id) ? layerLabels(layer, field) : [];
  });
  return { type: 'FeatureCollection', features };
}
