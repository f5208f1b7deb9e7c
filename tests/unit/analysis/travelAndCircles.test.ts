import { area, distance, intersect, featureCollection, feature, union, circle } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { travelTimeCircles } from '../../../src/analysis/circles';
import { travelMinutes, travelRadiusMeters } from '../../../src/analysis/travel';
import type { Polygon } from 'geojson';
import { AnalysisCancelled } from '../../../src/analysis';
import { pointFacility, squareStudyArea } from './helpers';

describe('travel conversions', () => {
  it('walks 1,000 m in 15 minutes by default and applies the detour to minutes', () => {
    expect(travelRadiusMeters()).toBeCloseTo(1000, 9);
    expect(travelRadiusMeters({ mode: 'drive', minutes: 30 })).toBeCloseTo(30_000, 9); // 60 km/h
    expect(travelMinutes(1000, { mode: 'walk' })).toBeCloseTo(19.5, 9); // 1,000 × 1.3 / (1000/15)
    expect(travelMinutes(1000, { mode: 'walk', detourFactor: 1 })).toBeCloseTo(15, 9);
  });
});

describe('travel-time circles', () => {
  const area0 = squareStudyArea(113.9, 32.9, 114.1, 33.1, 114.0);

  it('draws geodesic circles whose vertices lie within 0.5 % of the radius', () => {
    const result = travelTimeCircles([pointFacility('a', 113.95, 33.0)], { mode: 'walk', minutes: 15 }, area0);
    const ring = (result.perFacility.features[0]!.geometry as Polygon).coordinates[0]!;
    expect(ring.length).toBe(65);
    for (const vertex of ring) expect(Math.abs(distance([113.95, 33.0], vertex, { units: 'meters' }) - 1000)).toBeLessThan(5);
    expect(result.method.en).toContain('straight-line');
  });

  it('reports covered area per county equal to the polygon union clipped to each county', () => {
    // Overlapping circles straddling the county line, one reaching past the city edge.
    const facilities = [
      pointFacility('a', 113.995, 33.0),
      pointFacility('b', 114.008, 33.004),
      pointFacility('c', 114.002, 32.99),
      pointFacility('edge', 114.095, 33.05),
      pointFacility('alone', 113.93, 32.95),
    ];
    const params = { mode: 'bike' as const, minutes: 4 }; // 1,000 m
    const result = travelTimeCircles(facilities, params, area0);
    const circles = facilities.map((f) => circle((f.geometry as { coordinates: number[] }).coordinates, 1, { steps: 64 }));
    const merged = union(featureCollection(circles))!;
    for (const [index, county] of area0.counties.entries()) {
      const expected = area(intersect(featureCollection([merged, feature(county.geometry)]))!) / 1e6;
      expect(result.areas[index + 1]!.coveredKm2).toBeCloseTo(expected, 2);
      expect(Math.abs(result.areas[index + 1]!.coveredKm2 / expected - 1)).toBeLessThan(1e-3);
    }
    const city = area(intersect(featureCollection([merged, area0.outline]))!) / 1e6;
    expect(Math.abs(result.areas[0]!.coveredKm2 / city - 1)).toBeLessThan(1e-3);
    expect(Math.abs(area(result.dissolved!) / 1e6 / city - 1)).toBeLessThan(1e-6);
    expect(result.areas[0]!.share).toBeCloseTo(result.areas[0]!.coveredKm2 / result.areas[0]!.areaKm2, 12);
  });

  it('buffers line facilities by the radius', () => {
    const line = { id: 'road', name: 'road', geometry: { type: 'LineString' as const, coordinates: [[113.95, 33.0], [114.05, 33.0]] } };
    const result = travelTimeCircles([line], { mode: 'walk' }, area0);
    const km2 = result.areas[0]!.coveredKm2;
    const lengthKm = distance([113.95, 33.0], [114.05, 33.0]);
    expect(km2).toBeGreaterThan(lengthKm * 2 * 0.99);
    expect(km2).toBeLessThan(lengthKm * 2 + Math.PI * 1.01);
  });

  it('stops with AnalysisCancelled when the host cancels', () => {
    const facilities = Array.from({ length: 50 }, (_, i) => pointFacility(`f${i}`, 113.91 + i * 0.003, 33.0));
    expect(() => travelTimeCircles(facilities, {}, area0, { isCancelled: () => true })).toThrow(AnalysisCancelled);
  });
});
