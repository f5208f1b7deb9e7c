import { describe, expect, it } from 'vitest';
import { coverage } from '../../../src/analysis/coverage';
import { AnalysisCancelled } from '../../../src/analysis/types';
import { haversineMeters } from '../../../src/analysis/geodesy';
import { pointFacility, squareStudyArea, target } from './helpers';

describe('coverage', () => {
  const studyArea = squareStudyArea(113.9, 32.9, 114.1, 33.1);
  // 10 × 10 targets 500 m apart (in degrees at this latitude) around one facility.
  const centre: [number, number] = [114.0, 33.0];
  const dLat = 500 / 111_195;
  const dLng = dLat / Math.cos((33 * Math.PI) / 180);
  const targets = Array.from({ length: 100 }, (_, i) => {
    const col = (i % 10) - 4.5;
    const row = Math.floor(i / 10) - 4.5;
    return target(`t${i}`, centre[0] + col * dLng, centre[1] + row * dLat, 1 + (i % 3));
  });

  it('covers exactly the grid targets within the radius (known answer)', () => {
    const result = coverage([pointFacility('f', ...centre)], targets, { mode: 'walk', minutes: 15 }, studyArea);
    const inside = targets.filter((t) => haversineMeters(...centre, ...t.coordinates) <= 1000);
    // Offsets (±250, ±750 m) within 1,000 m: |x|,|y| ∈ {250, 750} with x² + y² ≤ 1,000²: 4 + 8 = 12 targets.
    expect(inside.length).toBe(12);
    expect(result.targets.covered).toBe(12);
    expect(result.targets.share).toBeCloseTo(0.12, 12);
    const weightCovered = inside.reduce((s, t) => s + t.weight, 0);
    expect(result.targets.weightCovered).toBe(weightCovered);
    expect(result.targets.weightShare).toBeCloseTo(weightCovered / targets.reduce((s, t) => s + t.weight, 0), 12);
    expect(result.uncovered).toHaveLength(88);
    for (const u of result.uncovered) expect(u.nearestMeters).toBeCloseTo(haversineMeters(...centre, ...u.coordinates), 6);
    expect(result.areas[0]!.coveredKm2).toBeCloseTo(Math.PI * 0.9984, 2); // 64-gon: 0.16 % under π r²
  });

  it('finds the true nearest facility among many', () => {
    const facilities = Array.from({ length: 40 }, (_, i) => pointFacility(`f${i}`, 113.9 + ((i * 37) % 40) * 0.005, 32.9 + ((i * 11) % 40) * 0.005));
    const result = coverage(facilities, targets, { mode: 'walk', minutes: 1 }, studyArea);
    for (const u of result.uncovered) {
      const brute = Math.min(...facilities.map((f) => haversineMeters(...(f.geometry.coordinates as [number, number]), ...u.coordinates)));
      expect(u.nearestMeters).toBeCloseTo(brute, 6);
    }
  });

  it('reports no nearest facility when there are none, and can be cancelled', () => {
    const result = coverage([], targets.slice(0, 3), {}, studyArea);
    expect(result.targets.covered).toBe(0);
    expect(result.uncovered.every((u) => u.nearestMeters === null)).toBe(true);
    expect(() => coverage([pointFacility('f', ...centre)], targets, {}, studyArea, { isCancelled: () => true })).toThrow(AnalysisCancelled);
  });
});
