// deck.gl layers for analysis results, drawn beneath the plan symbols and
// translucent, so the plan stays readable over them. One builder per analysis;
// each analysis's UI companion (src/ui/analyses/) names its builder.
import type { Layer } from '@deck.gl/core';
import type { Feature, Geometry } from 'geojson';
import type { CatchmentOutcome } from '../analysis/catchment.analysis';
import type { CirclesOutcome } from '../analysis/circles.analysis';
import type { CoverageOutcome } from '../analysis/coverage.analysis';
import type { NetworkOutcome } from '../analysis/network.analysis';
import type { Facility, Target } from '../analysis/types';
import { deck } from './deckRuntime';
import { PLAN_LABEL_LAYER_ID } from './planLayers';
import { categoryRgb, facilityColorIndex } from '../analysis/catchmentColors';

type Rgba = [number, number, number, number];
const belowLabels = { beforeId: PLAN_LABEL_LAYER_ID };

export const categoryColor = (index: number, alpha: number): Rgba => {
  const [r, g, b] = categoryRgb(index);
  return [r, g, b, alpha];
};
export const COVERED: Rgba = [0, 140, 90, 255];
export const UNCOVERED: Rgba = [200, 30, 30, 255];

function facilityPoint(facility: Facility): [number, number] | null {
  const geometry = facility.geometry;
  if (geometry.type === 'Point') return geometry.coordinates as [number, number];
  if (geometry.type === 'LineString') return (geometry.coordinates[0] as [number, number] | undefined) ?? null;
  return null;
}

export function circlesLayers(result: Pick<CirclesOutcome, 'circles'>): Layer[] {
  const { GeoJsonLayer } = deck();
  const { perFacility, dissolved } = result.circles;
  return [
    new GeoJsonLayer({
      ...belowLabels,
      id: 'analysis-circles',
      data: perFacility,
      filled: true,
      stroked: true,
      getFillColor: [0, 114, 178, 30],
      getLineColor: [0, 114, 178, 110],
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
    }),
    new GeoJsonLayer({
      ...belowLabels,
      id: 'analysis-dissolved',
      data: dissolved ? [dissolved] : [],
      filled: false,
      stroked: true,
      getLineColor: [0, 80, 140, 230],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
    }),
  ];
}

/** Target positions and ring colours as flat typed arrays: what one deck.gl layer draws without an object per target. */
export interface TargetColumnsToDraw {
  length: number;
  /** lng, lat per target. */
  positions: Float64Array;
  /** r, g, b, a per target. */
  colors: Uint8Array;
}

/**
 * At most this many targets are drawn: beyond it every k-th one (k = targetDrawStride). With
 * software WebGL (intranet PCs without a graphics driver, and the test browser) each frame of
 * 185,000 dots held the page for many seconds, so 取消 could not be pressed (issue 16, bug 5);
 * 20,000 evenly taken dots show the same pattern. Figures, tables and exports keep every target,
 * and the panel says the map shows a sample.
 */
export const MAX_DRAWN_TARGETS = 20_000;

/** Every how many targets one is drawn: 1 up to MAX_DRAWN_TARGETS. */
export const targetDrawStride = (count: number) => Math.max(1, Math.ceil(count / MAX_DRAWN_TARGETS));

/** The targets' positions and colours, packed once per result (tests/unit/map/analysisLayers.test.ts checks them against colorOf). */
export function targetDrawColumns(targets: readonly Target[], colorOf: (target: Target, index: number) => Rgba): TargetColumnsToDraw {
  const stride = targetDrawStride(targets.length);
  const length = Math.ceil(targets.length / stride);
  const positions = new Float64Array(length * 2);
  const colors = new Uint8Array(length * 4);
  for (let k = 0; k < length; k++) {
    const i = k * stride;
    const target = targets[i]!;
    positions[2 * k] = target.coordinates[0];
    positions[2 * k + 1] = target.coordinates[1];
    colors.set(colorOf(target, i), 4 * k);
  }
  return { length, positions, colors };
}

/** Above this many targets they are drawn as small dots, not rings (see targetLayer). */
export const RING_TARGETS_UP_TO = 5_000;

/**
 * Targets as rings: a target is often a plan town drawn on top at the same
 * spot, so the analysis colour must show around the plan symbol, not under it.
 * Thousands of imported targets are drawn as small filled dots instead: rings
 * of 9 px would cover the city in overlapping circles, and each costs ten
 * times the pixels (with software WebGL the first frame of 100,000 rings held
 * the page for seconds). One layer with binary attributes either way (deck.gl
 * reads the typed arrays as they are): 100,000 targets cost two arrays, not
 * 100,000 accessor calls per update.
 */
function targetLayer(id: string, targets: readonly Target[], colorOf: (target: Target, index: number) => Rgba): Layer {
  const { ScatterplotLayer } = deck();
  const columns = targetDrawColumns(targets, colorOf);
  const getPosition = { value: columns.positions, size: 2 };
  const color = { value: columns.colors, size: 4, normalized: true };
  if (targets.length > RING_TARGETS_UP_TO)
    return new ScatterplotLayer({
      ...belowLabels,
      id,
      // Single precision is ample for a 2-pixel dot (≈ 1 m at this longitude) and spares the 64-bit position path.
      data: { length: columns.length, attributes: { getPosition: { value: new Float32Array(columns.positions), size: 2 }, getFillColor: color } },
      radiusUnits: 'pixels',
      getRadius: 2,
      filled: true,
      stroked: false,
      antialiasing: false,
    });
  return new ScatterplotLayer({
    ...belowLabels,
    id,
    data: { length: columns.length, attributes: { getPosition, getLineColor: color } },
    radiusUnits: 'pixels',
    getRadius: 9,
    filled: false,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 2.5,
  });
}

export function coverageLayers(result: CoverageOutcome): Layer[] {
  const uncovered = new Set(result.coverage.uncovered.map((target) => target.targetId));
  return [...circlesLayers(result), targetLayer('analysis-targets', result.targets, (target) => (uncovered.has(target.id) ? UNCOVERED : COVERED))];
}

export function catchmentLayers(result: CatchmentOutcome): Layer[] {
  const colorIndex = facilityColorIndex(result.facilities.map((facility) => facility.id));
  const facilityById = new Map(result.facilities.map((facility) => [facility.id, facility]));
  const targetById = new Map(result.targets.map((target) => [target.id, target]));
  // A line per target is a map at a few hundred targets and a grey mass at 100,000 (and a freeze with
  // software WebGL): beyond RING_TARGETS_UP_TO the targets' colours alone show the catchments.
  const drawLinks = result.targets.length <= RING_TARGETS_UP_TO;
  const links = (drawLinks ? result.catchment.assignments : []).flatMap((assignment) => {
    const target = targetById.get(assignment.targetId);
    const facility = assignment.facilityId ? facilityById.get(assignment.facilityId) : undefined;
    const to = facility ? facilityPoint(facility) : null;
    return target && to && assignment.facilityId ? [{ from: target.coordinates, to, facilityId: assignment.facilityId }] : [];
  });
  const { GeoJsonLayer, LineLayer } = deck();
  const facilityOfTarget = new Map(result.catchment.assignments.map((assignment) => [assignment.targetId, assignment.facilityId]));
  return [
    new GeoJsonLayer<{ facilityId: string }>({
      ...belowLabels,
      id: 'analysis-voronoi',
      data: result.catchment.voronoi,
      filled: true,
      stroked: true,
      getFillColor: (cell: Feature<Geometry, { facilityId: string }>) => categoryColor(colorIndex.get(cell.properties.facilityId) ?? 0, 45),
      getLineColor: [90, 90, 90, 160],
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
    }),
    new LineLayer<(typeof links)[number]>({
      ...belowLabels,
      id: 'analysis-assignments',
      data: links,
      getSourcePosition: (link) => link.from,
      getTargetPosition: (link) => link.to,
      getColor: (link) => categoryColor(colorIndex.get(link.facilityId) ?? 0, 200),
      getWidth: 1.5,
    }),
    targetLayer('analysis-targets', result.targets, (target) => {
      const facilityId = facilityOfTarget.get(target.id);
      return facilityId ? categoryColor(colorIndex.get(facilityId) ?? 0, 255) : UNCOVERED;
    }),
  ];
}

/** Isochrone bands, shortest time darkest (drawn largest first so the inner bands sit on top), and the targets by reach. */
export function networkLayers(result: NetworkOutcome): Layer[] {
  const { GeoJsonLayer } = deck();
  const reach = new Map(result.times.map((time) => [time.targetId, time.reach]));
  const budget = result.minutes;
  return [
    new GeoJsonLayer({
      ...belowLabels,
      id: 'analysis-network-bands',
      data: result.bands,
      filled: true,
      stroked: true,
      getFillColor: (band) => [0, 114, 178, Math.round(40 + 60 * (1 - (band.properties as { minutes: number }).minutes / budget))],
      getLineColor: [0, 80, 140, 200],
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
    }),
    targetLayer('analysis-network-targets', result.targets, (target) => (reach.get(target.id) === 'covered' ? COVERED : UNCOVERED)),
  ];
}
