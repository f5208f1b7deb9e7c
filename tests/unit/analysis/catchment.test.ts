import { area } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { catchment } from '../../../src/analysis/catchment';
import { AnalysisCancelled } from '../../../src/analysis/types';
import { pointFacility, squareStudyArea, target } from './helpers';

describe('catchment', () => {
  const studyArea = squareStudyArea(113.9, 32.9, 114.1, 33.1);
  const west = pointFacility('west', 113.95, 33.0);
  const east = pointFacility('east', 114.05, 33.0);

  it('splits two facilities at the perpendicular bisector', () => {
    const targets = [target('justWest', 113.9999, 33.05), target('justEast', 114.0001, 32.95)];
    const result = catchment([west, east], targets, { metric: 'distance' }, studyArea);
    expect(result.assignments.map((a) => a.facilityId)).toEqual(['west', 'east']);
    const westCell = result.voronoi.features.find((f) => f.properties.facilityId === 'west')!;
    const xs = (westCell.geometry.coordinates as number[][][]).flat().map((p) => p[0]!);
    expect(Math.max(...xs)).toBeCloseTo(114.0, 6); // the shared edge lies on the bisector lng = 114 (±5 cm)
    expect(xs.filter((x) => Math.abs(x - 114) < 1e-6).length).toBeGreaterThanOrEqual(2);
    expect(result.perFacility[0]!.areaKm2).toBeCloseTo(area(studyArea.outline) / 2e6, 2);
    expect(result.assignments[0]!.travelMinutes).toBeCloseTo((result.assignments[0]!.distanceMeters * 1.3) / (1000 / 15), 9);
  });

  it('Huff probabilities sum to 1; the closer and the more attractive facility get more', () => {
    const targets = [target('a', 113.97, 33.01), target('b', 114.02, 32.98), target('atWest', 113.95, 33.0)];
    const result = catchment([west, pointFacility('east', 114.05, 33.0, 3)], targets, { metric: 'time', useHuff: true }, studyArea);
    for (const row of result.huff!.probabilities) expect(Object.values(row.byFacility).reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
    const [a, b, atWest] = result.huff!.probabilities;
    expect(a!.byFacility.west!).toBeGreaterThan(a!.byFacility.east!);
    expect(b!.byFacility.east!).toBeGreaterThan(b!.byFacility.west!);
    expect(atWest!.byFacility.west).toBe(1); // d = 0 guard
    // Equidistant target: attractiveness 3 vs 1 → 0.75 / 0.25.
    const middle = catchment([west, pointFacility('east', 114.05, 33.0, 3)], [target('m', 114.0, 33.0)], { metric: 'distance', useHuff: true }, studyArea);
    expect(middle.huff!.probabilities[0]!.byFacility.east).toBeCloseTo(0.75, 6);
    expect(result.perFacility.reduce((s, f) => s + f.huffShare!, 0)).toBeCloseTo(1, 12);
  });

  it('names facilities on one spot: the first gets the targets and the cell, Huff shares equally', () => {
    const twin = pointFacility('westTwin', 113.95, 33.0);
    const targets = [target('a', 113.96, 33.01), target('b', 114.04, 32.99)];
    const result = catchment([west, twin, east], targets, { metric: 'distance', useHuff: true }, studyArea);
    expect(result.sharedPoints).toEqual([['west', 'westTwin']]);
    expect(result.perFacility.find((row) => row.facilityId === 'westTwin')).toMatchObject({ targets: 0, areaKm2: 0 });
    expect(result.perFacility.find((row) => row.facilityId === 'west')!.targets).toBe(1);
    const [a] = result.huff!.probabilities;
    expect(a!.byFacility.west).toBeCloseTo(a!.byFacility.westTwin!, 12);
    expect(catchment([west, east], targets, { metric: 'distance' }, studyArea).sharedPoints).toEqual([]);
  });

  it('can be cancelled', () => {
    expect(() => catchment([west, east], [target('t', 114, 33)], { metric: 'distance' }, studyArea, { isCancelled: () => true })).toThrow(
      AnalysisCancelled,
    );
  });
});
