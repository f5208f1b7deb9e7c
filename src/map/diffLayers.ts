// deck.gl layers for a scenario comparison: what exists only in A, only in B,
// or in both but differs, in three fixed colours. Points are drawn as rings
// beneath the plan symbols (so the colour shows around them), lines and
// polygons as thick outlines; a moved feature is a line from its A position to
// its B position with a ring at each end. The legend below is what the
// compare panel shows, so the map and the legend cannot disagree.
import type { Layer } from '@deck.gl/core';
import type { Feature, Geometry, MultiPolygon, Position } from 'geojson';
import { representativePoint, type ScenarioDiff } from '../domain/diff';
import type { Scenario, ScenarioFeature } from '../domain/scenario';
import type { LocalizedText } from '../i18n/text';
import { deck } from './deckRuntime';
import { PLAN_LABEL_LAYER_ID } from './planLayers';

export type DiffGroup = 'only-a' | 'only-b' | 'changed';
type Rgb = [number, number, number];
type Rgba = [number, number, number, number];

export const DIFF_COLORS: Record<DiffGroup, Rgb> = {
  'only-a': [213, 94, 0], // vermillion
  'only-b': [0, 114, 178], // blue
  changed: [136, 46, 184], // purple
};

export interface DiffLegendEntry {
  group: DiffGroup;
  color: Rgb;
  /** The same colour as CSS, for the legend swatch. */
  css: string;
  label: LocalizedText;
}

export const DIFF_LEGEND: readonly DiffLegendEntry[] = (
  [
    ['only-a', { zh: '仅在左侧（右侧中已删除）', en: 'Only on the left (removed on the right)' }],
    ['only-b', { zh: '仅在右侧（右侧中新增）', en: 'Only on the right (added on the right)' }],
    ['changed', { zh: '两者都有但不同（移动、放置、属性修改）', en: 'In both but different (moved, placed, properties)' }],
  ] as const
).map(([group, label]) => {
  const color = DIFF_COLORS[group];
  return { group, color, css: `rgb(${color.join(', ')})`, label };
});

/** Every diff layer id, in drawing order; all are always present (possibly empty). */
export const DIFF_LAYER_IDS = [
  'diff-only-a-shapes',
  'diff-only-b-shapes',
  'diff-changed-shapes',
  'diff-moved-links',
  'diff-only-a-points',
  'diff-only-b-points',
  'diff-changed-points',
  'diff-moved-ends',
] as const;

const belowLabels = { beforeId: PLAN_LABEL_LAYER_ID };
const RING_RADIUS = 11;
const RING_WIDTH = 3;
const OUTLINE_WIDTH = 5;

export interface DiffRing {
  position: Position;
  group: DiffGroup;
  layer: string;
  id: string;
  /** For moved features: which end. */
  end?: 'a' | 'b';
}

export interface DiffLink {
  from: Position;
  to: Position;
  layer: string;
  id: string;
}

type ShapeFeature = Feature<Geometry, { group: DiffGroup; layer: string; id: string }>;

interface Collected {
  rings: Record<DiffGroup, DiffRing[]>;
  shapes: Record<DiffGroup, ShapeFeature[]>;
  links: DiffLink[];
  ends: DiffRing[];
}

function indexFeatures(scenario: Scenario): Map<string, ScenarioFeature> {
  const index = new Map<string, ScenarioFeature>();
  for (const layer of scenario.layers) for (const feature of layer.features) index.set(`${layer.id}/${feature.properties.id}`, feature);
  return index;
}

function pointsOf(geometry: Geometry): Position[] | null {
  if (geometry.type === 'Point') return [geometry.coordinates];
  if (geometry.type === 'MultiPoint') return geometry.coordinates;
  return null;
}

function collect(diff: ScenarioDiff, a: Scenario, b: Scenario): Collected {
  const featuresA = indexFeatures(a);
  const featuresB = indexFeatures(b);
  const out: Collected = { rings: { 'only-a': [], 'only-b': [], changed: [] }, shapes: { 'only-a': [], 'only-b': [], changed: [] }, links: [], ends: [] };
  const drawn = new Set<string>();
  const draw = (group: DiffGroup, layer: string, id: string, geometry: Geometry | null | undefined) => {
    if (!geometry) return;
    const points = pointsOf(geometry);
    if (points) for (const position of points) out.rings[group].push({ position, group, layer, id });
    else out.shapes[group].push({ type: 'Feature', geometry, properties: { group, layer, id } });
  };
  const key = (ref: { layer: string; id: string }) => `${ref.layer}/${ref.id}`;

  for (const ref of diff.removed) draw('only-a', ref.layer, ref.id, featuresA.get(key(ref))?.geometry);
  for (const ref of diff.added) draw('only-b', ref.layer, ref.id, featuresB.get(key(ref))?.geometry);
  for (const ref of diff.moved) {
    const geometryA = featuresA.get(key(ref))?.geometry;
    const geometryB = featuresB.get(key(ref))?.geometry;
    drawn.add(key(ref));
    if (!geometryA || !geometryB) continue;
    const from = representativePoint(geometryA);
    const to = representativePoint(geometryB);
    out.links.push({ from, to, layer: ref.layer, id: ref.id });
    out.ends.push({ position: from, group: 'changed', layer: ref.layer, id: ref.id, end: 'a' }, { position: to, group: 'changed', layer: ref.layer, id: ref.id, end: 'b' });
    // Lines and polygons also show both outlines; a point is its two rings.
    if (!pointsOf(geometryA)) draw('changed', ref.layer, ref.id, geometryA);
    if (!pointsOf(geometryB)) draw('changed', ref.layer, ref.id, geometryB);
  }
  for (const ref of diff.placed) {
    drawn.add(key(ref));
    draw('changed', ref.layer, ref.id, featuresB.get(key(ref))?.geometry);
  }
  for (const ref of diff.unplaced) {
    drawn.add(key(ref));
    draw('changed', ref.layer, ref.id, featuresA.get(key(ref))?.geometry);
  }
  for (const ref of diff.changed) {
    if (drawn.has(key(ref))) continue;
    draw('changed', ref.layer, ref.id, featuresB.get(key(ref))?.geometry ?? featuresA.get(key(ref))?.geometry);
  }
  return out;
}

const rgba = (group: DiffGroup, alpha = 255): Rgba => [...DIFF_COLORS[group], alpha];

function ringLayer(id: string, data: DiffRing[], colorOf: (ring: DiffRing) => Rgba): Layer {
  const { ScatterplotLayer } = deck();
  return new ScatterplotLayer<DiffRing>({
    ...belowLabels,
    id,
    data,
    getPosition: (ring) => ring.position as [number, number],
    radiusUnits: 'pixels',
    getRadius: RING_RADIUS,
    filled: false,
    stroked: true,
    getLineColor: colorOf,
    lineWidthUnits: 'pixels',
    getLineWidth: RING_WIDTH,
  });
}

function shapeLayer(id: string, data: ShapeFeature[], group: DiffGroup): Layer {
  const { GeoJsonLayer } = deck();
  return new GeoJsonLayer({
    ...belowLabels,
    id,
    data,
    filled: false,
    stroked: true,
    getLineColor: rgba(group, 230),
    lineWidthUnits: 'pixels',
    getLineWidth: OUTLINE_WIDTH,
    lineCapRounded: true,
    lineJointRounded: true,
  });
}

/**
 * Where the network analysis reaches on the right and not on the left
 * (gained, the right's blue) and the other way round (lost, the left's
 * vermillion): translucent fills beneath the diff rings.
 */
export function buildReachChangeLayers(change: { gained: MultiPolygon | null; lost: MultiPolygon | null } | null): Layer[] {
  if (!change) return [];
  const { GeoJsonLayer } = deck();
  const area = (id: string, geometry: MultiPolygon | null, group: DiffGroup) =>
    new GeoJsonLayer({
      ...belowLabels,
      id,
      data: geometry ? [{ type: 'Feature', geometry, properties: {} }] : [],
      filled: true,
      stroked: true,
      getFillColor: rgba(group, 110),
      getLineColor: rgba(group, 230),
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
    });
  return [area('diff-reach-lost', change.lost, 'only-a'), area('diff-reach-gained', change.gained, 'only-b')];
}

/** The comparison's map layers (ids in DIFF_LAYER_IDS); the plan draws on top of them. */
export function buildDiffLayers(diff: ScenarioDiff, scenarioA: Scenario, scenarioB: Scenario): Layer[] {
  const { rings, shapes, links, ends } = collect(diff, scenarioA, scenarioB);
  const { LineLayer } = deck();
  return [
    shapeLayer('diff-only-a-shapes', shapes['only-a'], 'only-a'),
    shapeLayer('diff-only-b-shapes', shapes['only-b'], 'only-b'),
    shapeLayer('diff-changed-shapes', shapes.changed, 'changed'),
    new LineLayer<DiffLink>({
      ...belowLabels,
      id: 'diff-moved-links',
      data: links,
      getSourcePosition: (link) => link.from as [number, number],
      getTargetPosition: (link) => link.to as [number, number],
      getColor: rgba('changed', 230),
      widthUnits: 'pixels',
      getWidth: 2.5,
    }),
    ringLayer('diff-only-a-points', rings['only-a'], () => rgba('only-a')),
    ringLayer('diff-only-b-points', rings['only-b'], () => rgba('only-b')),
    ringLayer('diff-changed-points', rings.changed, () => rgba('changed')),
    // The A end fainter: the line reads from where it was to where it is.
    ringLayer('diff-moved-ends', ends, (ring) => rgba('changed', ring.end === 'a' ? 140 : 255)),
  ];
}

