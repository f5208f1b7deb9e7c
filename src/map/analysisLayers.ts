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

/**
 * Targets as rings: a target is often a plan town drawn on top at the same
 * spot, so the analysis colour must show around the plan symbol, not under it.
 */
function targetLayer(id: string, targets: readonly Target[], colorOf: (target: Target) => Rgba): Layer {
  const { ScatterplotLayer } = deck();
  return new ScatterplotLayer<Target>({
    ...belowLabels,
    id,
    data: targets,
    getPosition: (target) => target.coordinates,
    radiusUnits: 'pixels',
    getRadius: 9,
    filled: false,
    stroked: true,
    getLineColor: colorOf,
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
  const links = result.catchment.assignments.flatMap((assignment) => {
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
