// The columnar coverage path (typed arrays, a plain loop over a few anchors)
// against the slow paths it must agree with: the per-target k-d tree query it
// replaced, and the naive point-in-polygon on the dissolved circles.
import { circle, featureCollection, point, pointsWithinPolygon, union } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { coverage, coverageColumns } from '../../../src/analysis/coverage';
import { FacilityDistances } from '../../../src/analysis/facilityDistance';
import { targetColumns } from '../../../src/analysis/targetColumns';
import { travelRadiusMeters } from '../../../src/analysis/travel';
import type { Facility, Target } from '../../../src/analysis/types';
import { seededRandom } from '../../../tools/lib/seededRandom';
import { pointFacility, squareStudyArea, target } from './helpers';

const studyArea = squareStudyArea(113.9, 32.9, 114.1, 33.1);
const random = seededRandom(7);
const randomTargets = (count: number): Target[] =>
  Array.from({ length: count }, (_, i) => target(`t${i}`, 113.9 + random() * 0.2, 32.9 + random() * 0.2, 1 + Math.floor(random() * 9)));
const randomFacilities = (count: number): Facility[] =>
  Array.from({ length: count }, (_, i) => pointFacility(`f${i}`, 113.91 + random() * 0.18, 32.91 + random() * 0.18));

describe('columnar coverage', () => {
  const targets = randomTargets(20_000);
  for (const [label, count] of [['a few facilities (the plain loop)', 9], ['many facilities (the k-d tree)', 120]] as const)
    it(`gives exactly the per-target query's distances and shares with ${label}`, () => {
      const facilities = randomFacilities(count);
      const params = { mode: 'walk' as const, minutes: 15 };
      const fast = coverageColumns(facilities, targetColumns(targets), params, studyArea);
      // The slow path: one nearest() per target object, as coverage() did before.
      const slow = new FacilityDistances(facilities, travelRadiusMeters(params) / 20);
      let covered = 0;
      targets.forEach((t, i) => {
        const meters = slow.nearest(...t.coordinates)!.meters;
        expect(fast.nearestMeters[i]).toBe(meters);
        if (meters <= fast.radiusMeters) covered++;
      });
      expect(fast.targets.covered).toBe(covered);
      expect(covered).toBeGreaterThan(0);
      // The object-shaped result is the same answer.
      const objects = coverage(facilities, targets, params, studyArea);
      expect(objects.targets).toEqual(fast.targets);
      expect(objects.uncovered).toHaveLength(targets.length - covered);
    });

  it('covers exactly the targets the naive point-in-polygon on the dissolved circles covers, off the boundary', () => {
    const facilities = randomFacilities(9);
    const radius = 1000;
    const fast = coverageColumns(facilities, targetColumns(targets), { mode: 'walk', minutes: 15 }, studyArea);
    expect(fast.radiusMeters).toBeCloseTo(radius, 6);
    // 64-gon circles are inscribed: between 0.9988 r and r a point is inside the true circle but may be
    // outside the polygon. Points that close to an edge are left out; every other must agree.
    const offBoundary = targets.map((_, i) => i).filter((i) => Math.abs(fast.nearestMeters[i]! / radius - 1) > 0.002);
    const dissolved = union(featureCollection(facilities.map((f) => circle(f.geometry.coordinates as [number, number], radius / 1000, { steps: 64 }))))!;
    const inside = pointsWithinPolygon(featureCollection(offBoundary.map((i) => point(targets[i]!.coordinates, { i }))), dissolved);
    const naiveCovered = new Set(inside.features.map((f) => f.properties!.i as number));
    const fastCovered = offBoundary.filter((i) => fast.covered[i] === 1);
    expect(naiveCovered.size).toBeGreaterThan(0);
    expect(fastCovered).toEqual([...naiveCovered].sort((a, b) => a - b));
    expect(offBoundary.length).toBeGreaterThan(targets.length * 0.99);
  });

  it('has no nearest facility when there are none (NaN, shown as null)', () => {
    const fast = coverageColumns([], targetColumns(targets.slice(0, 5)), {}, studyArea);
    expect([...fast.nearestMeters].every(Number.isNaN)).toBe(true);
    expect(fast.targets.covered).toBe(0);
    expect(coverage([], targets.slice(0, 5), {}, studyArea).uncovered.every((u) => u.nearestMeters === null)).toBe(true);
  });
});
