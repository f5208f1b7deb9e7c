// deck.gl layers for the plan features. Rebuilt from state on every change
// (deck diffs them by id), never mutated in place.
import type { Layer } from '@deck.gl/core';
import type { PathStyleExtension, PathStyleExtensionProps } from '@deck.gl/extensions';
import type { FeatureCollection, Geometry, Point, Polygon, Position } from 'geojson';
import { classDefinitionOf, type ClassDefinition, type Rgb } from '../domain/layers';
import { isSchematic, type PlanFeature } from '../domain/plan';
import type { Language } from '../i18n/dictionary';
import { deck } from './deckRuntime';
import { stacksOf, type Stack } from './stacks';

/** One drawable feature with its resolved style. */
export interface DrawnFeature {
  feature: PlanFeature;
  style: ClassDefinition;
  position: Position;
}

export const LABEL_FONT_FAMILY = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

const rgba = (color: Rgb, alpha: number): [number, number, number, number] => [color[0], color[1], color[2], alpha];
// One extension object for every build: deck.gl compares layers' props by identity.
let dashedExtension: PathStyleExtension | null = null;

/**
 * Plan labels are drawn by MapLibre (see MapView), which places them with the
 * basemap's labels and resolves collisions between both; every deck.gl layer
 * goes beneath them.
 */
export const PLAN_LABEL_SOURCE_ID = 'plan-labels';
export const PLAN_LABEL_LAYER_ID = 'plan-labels-points';
/** deck.gl's MapLibreOverlay (interleaved) reads `beforeId` to order its layers among MapLibre's. */
type InterleavedProps = { beforeId?: string };
const belowLabels: InterleavedProps = { beforeId: PLAN_LABEL_LAYER_ID };

function anchorPosition(feature: PlanFeature): Position | null {
  const geometry = feature.geometry as Geometry | null;
  if (!geometry) return null;
  switch (geometry.type) {
    case 'Point':
      return geometry.coordinates;
    case 'LineString':
      // A line's label sits on its middle vertex.
      return geometry.coordinates[Math.floor(geometry.coordinates.length / 2)] ?? null;
    case 'Polygon': {
      // The outer ring's vertex average: good enough for a label on the compact shapes planners draw.
      const ring = geometry.coordinates[0]?.slice(0, -1) ?? [];
      if (ring.length === 0) return null;
      return [ring.reduce((sum, p) => sum + p[0]!, 0) / ring.length, ring.reduce((sum, p) => sum + p[1]!, 0) / ring.length];
    }
    default:
      return null;
  }
}

export function toDrawnFeatures(features: readonly PlanFeature[]): DrawnFeature[] {
  const drawn: DrawnFeature[] = [];
  for (const feature of features) {
    const position = anchorPosition(feature);
    if (!position || feature.properties.accuracy === 'unlocated') continue;
    drawn.push({ feature, style: classDefinitionOf(feature.properties), position });
  }
  return drawn;
}

/** A count badge's pick object: the ids of every feature on its spot, so a click lists them all. */
export interface StackBadge {
  position: Position;
  count: number;
  stackIds: string[];
}

/** Point symbols (dots and zone centres) that share a spot, each spot as one badge. */
export function stackBadges(drawn: readonly DrawnFeature[]): StackBadge[] {
  const pointLike = drawn.filter((item) => item.feature.geometry?.type === 'Point');
  return stacksOf(pointLike, (item) => item.position).map((stack: Stack<DrawnFeature>) => ({
    position: stack.position,
    count: stack.items.length,
    stackIds: stack.items.map((item) => item.feature.properties.id),
  }));
}

/**
 * The badges are MapLibre symbols above every label (src/map/appStyle.ts):
 * MapLibre resolves their collisions, so zoomed out the fullest stack's badge
 * wins ("12", not "2 12 2" over the centre), and they follow the map into the
 * compare maps and the PNG sheet.
 */
export const STACK_BADGE_SOURCE_ID = 'plan-stack-badges';
export const STACK_BADGE_LAYER_ID = 'plan-stack-badges';
export const STACK_BADGE_COLOR = '#23303b';
export const STACK_BADGE_TEXT_SIZE = 12;
/** Above the spot, clear of a zone's name (centred on the spot, two lines): badge and name both show. */
export const STACK_BADGE_OFFSET_EM: [number, number] = [0, -2.2];

/** The badges as a GeoJSON source; `stackIds` is JSON text, since MapLibre flattens arrays in rendered features. */
export function stackBadgeFeatures(drawn: readonly DrawnFeature[]): FeatureCollection<Point, { count: number; stackIds: string }> {
  return {
    type: 'FeatureCollection',
    features: stackBadges(drawn).map((badge) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: badge.position },
      properties: { count: badge.count, stackIds: JSON.stringify(badge.stackIds) },
    })),
  };
}

export interface PlanLayerOptions {
  drawn: readonly DrawnFeature[];
  selectedId: string | null;
}

export function buildPlanLayers({ drawn, selectedId }: PlanLayerOptions): Layer[] {
  const { PathLayer, PolygonLayer, ScatterplotLayer, PathStyleExtension } = deck();
  const dashed = (dashedExtension ??= new PathStyleExtension({ dash: true }));
  // Larger zones first, so a small 商圈 inside the centre's ring stays clickable.
  // Geometry decides the layer; the class decides the look.
  const isPoint = (item: DrawnFeature) => item.feature.geometry?.type === 'Point';
  const zones = drawn.filter((item) => isPoint(item) && item.style.symbol === 'zone').sort((a, b) => b.style.size - a.style.size);
  const lines = drawn.filter((item) => item.feature.geometry?.type === 'LineString');
  const polygons = drawn.filter((item) => (item.feature.geometry as Geometry | null)?.type === 'Polygon');
  // Bigger symbols beneath smaller ones: a growth pole and its county's 产业集聚区
  // share the county seat, and both must stay visible.
  const points = drawn.filter((item) => isPoint(item) && item.style.symbol !== 'zone').sort((a, b) => b.style.size - a.style.size);
  const selected = drawn.find((item) => item.feature.properties.id === selectedId);

  // What zones and points share: a stroked, filled symbol sized by its class.
  const symbolProps = {
    ...belowLabels,
    pickable: true,
    getRadius: (item: DrawnFeature) => item.style.size,
    getPosition: (item: DrawnFeature) => item.position as [number, number],
    stroked: true,
    filled: true,
    lineWidthUnits: 'pixels' as const,
    getLineWidth: 2,
  };

  const layers: Layer[] = [
    new PolygonLayer<DrawnFeature, InterleavedProps>({
      ...belowLabels,
      id: 'plan-polygons',
      data: polygons,
      pickable: true,
      getPolygon: (item) => ((item.feature.geometry as Polygon).coordinates as [number, number][][]),
      filled: true,
      stroked: true,
      getFillColor: (item) => rgba(item.style.color, 60),
      getLineColor: (item) => rgba(item.style.color, 230),
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
    }),
    new ScatterplotLayer<DrawnFeature, PathStyleExtensionProps<DrawnFeature> & InterleavedProps>({
      ...symbolProps,
      id: 'plan-zones',
      data: zones,
      radiusUnits: 'meters',
      getFillColor: (item) => rgba(item.style.color, 46),
      getLineColor: (item) => rgba(item.style.color, 230),
      // Every zone is 示意: the plans name areas, never their extent.
      getDashArray: [3, 2],
      extensions: [dashed],
    }),
    new PathLayer<DrawnFeature, PathStyleExtensionProps<DrawnFeature> & InterleavedProps>({
      ...belowLabels,
      id: 'plan-lines',
      data: lines,
      pickable: true,
      getPath: (item) => (item.feature.geometry?.type === 'LineString' ? item.feature.geometry.coordinates : []) as [number, number][],
      widthUnits: 'pixels',
      getWidth: (item) => (item.style.symbol === 'line' ? item.style.size : 3),
      capRounded: true,
      jointRounded: true,
      getColor: (item) => rgba(item.style.color, 150),
      getDashArray: (item) => (isSchematic(item.feature) ? [3, 2] : [0, 0]),
      extensions: [dashed],
    }),
    new ScatterplotLayer<DrawnFeature, InterleavedProps>({
      ...symbolProps,
      id: 'plan-points',
      data: points,
      radiusUnits: 'pixels',
      // Solid dot: a GeoNames point or county seat; hollow: a schematic position.
      getFillColor: (item) => (isSchematic(item.feature) ? [255, 255, 255, 230] : rgba(item.style.color, 255)),
      getLineColor: (item) => (isSchematic(item.feature) ? rgba(item.style.color, 255) : [255, 255, 255, 255]),
    }),
  ];

  if (selected) {
    layers.push(
      new ScatterplotLayer<DrawnFeature, InterleavedProps>({
        ...belowLabels,
        id: 'plan-selection',
        data: [selected],
        radiusUnits: 'pixels',
        getRadius: (item) => (item.style.symbol === 'point' ? item.style.size + 6 : 10),
        getPosition: (item) => item.position as [number, number],
        stroked: true,
        filled: false,
        lineWidthUnits: 'pixels',
        getLineWidth: 3,
        getLineColor: [20, 20, 20, 255],
      }),
    );
  }
  return layers;
}

export interface PlanLabelProperties {
  text: string;
  /** MapLibre places lower sort keys first, so they win collisions. */
  sortKey: number;
  /** Zones are labelled at their centre; points beside the dot, `offset` ems away. */
  zone: boolean;
  offset: number;
}

/** Label points for MapLibre's symbol layer, in the interface language. */
export function planLabels(drawn: readonly DrawnFeature[], language: Language): FeatureCollection<Point, PlanLabelProperties> {
  return {
    type: 'FeatureCollection',
    features: drawn.map((item) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: item.position },
      properties: {
        text: language === 'en' ? item.feature.properties.name_en : item.feature.properties.name,
        sortKey: -item.style.labelPriority,
        zone: item.style.symbol !== 'point',
        offset: item.style.symbol === 'point' ? (item.style.size + 3) / 12 : 0,
      },
    })),
  };
}
