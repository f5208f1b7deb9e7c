// How many targets (and how much of the city) lie within the travel radius of
// a facility. Targets are decided by exact distance to the nearest facility,
// never by point-in-polygon against the dissolved circles: faster, and free of
// the polygon's chord error (a 64-gon falls 0.12 % short of the true radius).
import { CircleCache } from './cache';
import { coveredAreas, layoutCircles } from './circleLayout';
import { checkpointEvery } from './control';
import { FacilityDistances } from './facilityDistance';
import { STRAIGHT_LINE_METHOD } from './methodNotes';
import { travelRadiusMeters } from './travel';
import { targetColumns, type TargetColumns } from './targetColumns';
import type { AreaCoverage, CoverageResult, Facility, RunControl, StudyArea, Target, TravelParameters } from './types';

/** Lines and polygons are sampled every radius/20 (error ≤ 0.03 % of the radius at its edge). */
const ANCHOR_SPACING_PER_RADIUS = 1 / 20;

export interface CoverageColumnsResult {
  radiusMeters: number;
  /** Per target: metres to the nearest facility (NaN when there are none). */
  nearestMeters: Float64Array;
  /** Per target: 1 when within the radius. */
  covered: Uint8Array;
  targets: CoverageResult['targets'];
  areas: AreaCoverage[];
}

/**
 * Coverage over targets given as columns (typed arrays): one pass that ranks
 * facilities per target and writes into typed arrays, nothing allocated per
 * target. `coverage()` below is the same with targets as objects.
 */
export function coverageColumns(
  facilities: readonly Facility[],
  targets: TargetColumns,
  params: Partial<TravelParameters>,
  studyArea: StudyArea,
  control?: RunControl,
  cache?: CircleCache,
): CoverageColumnsResult {
  const store = cache ?? new CircleCache();
  store.beginRun();
  const radiusMeters = travelRadiusMeters(params);
  const distances = new FacilityDistances(facilities, Math.max(1, radiusMeters * ANCHOR_SPACING_PER_RADIUS));
  const n = targets.lng.length;
  const nearestMeters = new Float64Array(n);
  distances.nearestAll(targets.lng, targets.lat, nearestMeters, { checkpoint: (i) => checkpointEvery(control, i, n) });

  const covered = new Uint8Array(n);
  let coveredCount = 0;
  let weightTotal = 0;
  let weightCovered = 0;
  const weight = targets.weight;
  for (let i = 0; i < n; i++) {
    weightTotal += weight[i]!;
    // NaN (no facility) compares false: not covered.
    if (nearestMeters[i]! <= radiusMeters) {
      covered[i] = 1;
      coveredCount++;
      weightCovered += weight[i]!;
    }
  }

  const layout = layoutCircles(facilities, radiusMeters, studyArea, store, control);
  return {
    radiusMeters,
    nearestMeters,
    covered,
    targets: {
      total: n,
      covered: coveredCount,
      share: n ? coveredCount / n : 0,
      weightTotal,
      weightCovered,
      weightShare: weightTotal > 0 ? weightCovered / weightTotal : 0,
    },
    areas: coveredAreas(layout, store, control),
  };
}

export function coverage(
  facilities: readonly Facility[],
  targets: readonly Target[],
  params: Partial<TravelParameters>,
  studyArea: StudyArea,
  control?: RunControl,
  cache?: CircleCache,
): CoverageResult {
  const result = coverageColumns(facilities, targetColumns(targets), params, studyArea, control, cache);
  const uncovered: CoverageResult['uncovered'] = [];
  targets.forEach((target, i) => {
    if (result.covered[i]) return;
    const meters = result.nearestMeters[i]!;
    uncovered.push({ targetId: target.id, name: target.name, coordinates: target.coordinates, nearestMeters: Number.isNaN(meters) ? null : meters });
  });
  return {
    kind: 'coverage',
    radiusMeters: result.radiusMeters,
    method: STRAIGHT_LINE_METHOD,
    targets: result.targets,
    uncovered,
    areas: result.areas,
  };
}
