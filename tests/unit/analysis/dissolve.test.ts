// The Clipper2 union/intersection (src/analysis/dissolve.ts) against Turf's,
// the slow path it replaced, on shapes where the two could part ways.
import { area, circle, difference, feature, featureCollection, intersect, length, polygonToLine, union } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { intersectPolygons, toPaths64, unionPolygons } from '../../../src/analysis/dissolve';

const disc = (lng: number, lat: number, km: number): Polygon => circle([lng, lat], km, { steps: 64 }).geometry;
const turfUnion = (shapes: (Polygon | MultiPolygon)[]) => union(featureCollection(shapes.map((s) => feature(s))))!.geometry;
const polygonCount = (g: Polygon | MultiPolygon) => (g.type === 'Polygon' ? 1 : g.coordinates.length);
const holeCount = (g: Polygon | MultiPolygon) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).reduce((n, p) => n + p.length - 1, 0);
/** A square ring, counter-clockwise unless `clockwise`. */
const square = (west: number, south: number, size: number, clockwise = false): Position[] => {
  const ring = [[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]];
  return clockwise ? ring.reverse() : ring;
};

function expectSameAsTurf(shapes: (Polygon | MultiPolygon)[]) {
  const ours = unionPolygons(shapes)!;
  const theirs = turfUnion(shapes);
  expect(Math.abs(area(ours) / area(theirs) - 1)).toBeLessThan(1e-3);
  // Same pieces and holes, and nothing of one lies outside the other beyond rounding:
  // a sliver at most 1.1 cm (one integer unit) wide along the outline.
  expect(polygonCount(ours)).toBe(polygonCount(theirs));
  expect(holeCount(ours)).toBe(holeCount(theirs));
  const perimeterMeters = length(polygonToLine(theirs), { units: 'meters' });
  for (const [a, b] of [[ours, theirs], [theirs, ours]] as const) {
    const outside = difference(featureCollection([feature(a), feature(b)]));
    expect(outside ? area(outside) : 0).toBeLessThan(perimeterMeters * 0.011);
  }
  return ours;
}

describe('Clipper2 dissolve equals the Turf union', () => {
  it('overlapping circles merge into one polygon', () => {
    expectSameAsTurf([disc(114, 33, 1), disc(114.012, 33.003, 1), disc(114.006, 32.992, 1)]);
  });

  it('disjoint circles stay apart as a MultiPolygon', () => {
    const ours = expectSameAsTurf([disc(114, 33, 1), disc(114.1, 33, 1), disc(114.2, 33.1, 0.5)]);
    expect(ours.type).toBe('MultiPolygon');
  });

  it('a circle inside another adds nothing', () => {
    const ours = expectSameAsTurf([disc(114, 33, 2), disc(114.003, 33.002, 0.5)]);
    expect(ours.type).toBe('Polygon');
  });

  it('a ring of circles leaves a hole in the middle', () => {
    const ring = Array.from({ length: 12 }, (_, i) => disc(114 + 0.03 * Math.cos((i * Math.PI) / 6), 33 + 0.025 * Math.sin((i * Math.PI) / 6), 1.4));
    const ours = expectSameAsTurf(ring);
    expect(holeCount(ours)).toBe(1);
  });

  it('keeps a polygon facility’s hole open, even when the input winds it the wrong way', () => {
    const withHole: Polygon = { type: 'Polygon', coordinates: [square(114, 33, 0.1), square(114.03, 33.03, 0.04)] };
    const wronglyWound: Polygon = { type: 'Polygon', coordinates: [square(114, 33, 0.1, true), square(114.03, 33.03, 0.04, false)] };
    const partlyFilling = disc(114.03, 33.03, 1);
    const ours = expectSameAsTurf([withHole, partlyFilling]);
    const fromWrong = unionPolygons([wronglyWound, partlyFilling])!;
    expect(Math.abs(area(fromWrong) / area(ours) - 1)).toBeLessThan(1e-9);
    expect(holeCount(fromWrong)).toBe(1);
  });

  it('returns null for nothing', () => {
    expect(unionPolygons([])).toBeNull();
  });
});

describe('Clipper2 intersection equals the Turf intersection', () => {
  const outline: Polygon = {
    type: 'Polygon',
    coordinates: [
      [[113.9, 32.9], [114.1, 32.9], [114.05, 33.0], [114.1, 33.1], [113.9, 33.1], [113.9, 32.9]],
      square(113.95, 32.95, 0.02, true),
    ],
  };
  const cases: [string, Polygon | MultiPolygon][] = [
    ['a circle on the outline’s notch', disc(114.06, 33.0, 1.5)],
    ['a circle over the outline’s hole', disc(113.96, 32.96, 1.2)],
    ['circles straddling the edge', turfUnion([disc(114.1, 33.05, 1), disc(114.09, 33.06, 1)])],
  ];
  for (const [name, shape] of cases)
    it(name, () => {
      const theirs = intersect(featureCollection([feature(shape), feature(outline)]))!;
      const paths = toPaths64(outline);
      for (const bbox of [undefined, bboxOf(shape)]) {
        const ours = intersectPolygons(shape, paths, bbox)!;
        expect(Math.abs(area(ours) / area(theirs) - 1)).toBeLessThan(1e-3);
        expect(holeCount(ours)).toBe(holeCount(theirs.geometry));
      }
    });

  it('is null when the shape lies outside', () => {
    const shape = disc(115, 34, 1);
    expect(intersectPolygons(shape, toPaths64(outline))).toBeNull();
    expect(intersectPolygons(shape, toPaths64(outline), bboxOf(shape))).toBeNull();
  });
});

function bboxOf(g: Polygon | MultiPolygon): [number, number, number, number] {
  const positions = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat(2);
  const xs = positions.map((p) => p[0]!);
  const ys = positions.map((p) => p[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
