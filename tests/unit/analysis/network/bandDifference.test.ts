// The network comparison's gained and lost areas (src/analysis/network/
// bandDifference.ts, Clipper2 on integers, polygons found on both sides left
// out of the sweep) against Turf's difference, the slow path it replaced, on
// hand-made shapes and on real bands of the network engine.
import { area, booleanPointInPolygon, circle, difference, feature, featureCollection } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEEDS } from '../../../../src/domain/analysisSpec';
import { networkTravel } from '../../../../src/analysis/network/analysis';
import { bandDifference } from '../../../../src/analysis/network/bandDifference';
import type { Facility } from '../../../../src/analysis/types';
import { pointFacility, squareStudyArea } from '../helpers';
import { at, riverGrid } from './roads';

const multi = (...polygons: (Polygon | Position[][])[]): MultiPolygon => ({
  type: 'MultiPolygon',
  coordinates: polygons.map((polygon) => ('type' in polygon ? polygon.coordinates : polygon)),
});
const disc = (lng: number, lat: number, km: number): Polygon => circle([lng, lat], km, { steps: 64 }).geometry;
const square = (west: number, south: number, size: number, clockwise = false): Position[] => {
  const ring = [[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]];
  return clockwise ? ring.reverse() : ring;
};
const turfOnly = (x: MultiPolygon, y: MultiPolygon) => difference(featureCollection([feature(x), feature(y)]));
const holeCount = (g: MultiPolygon | null) => (g ? g.coordinates.reduce((n, polygon) => n + polygon.length - 1, 0) : 0);

/** Both ways, ours against Turf's: the same area within 0.1 %, the same holes; the km² are the rounded areas. */
function expectSameAsTurf(a: MultiPolygon, b: MultiPolygon) {
  const ours = bandDifference(a, b);
  for (const [side, theirs] of [
    ['gained', turfOnly(b, a)],
    ['lost', turfOnly(a, b)],
  ] as const) {
    const geometry = ours[side];
    const km2 = ours[side === 'gained' ? 'gainedKm2' : 'lostKm2'];
    if (!theirs) {
      expect(geometry, `${side}: Turf finds nothing`).toBeNull();
      expect(km2).toBe(0);
      continue;
    }
    expect(geometry, `${side}: Turf finds ${area(theirs)} m²`).not.toBeNull();
    expect(Math.abs(area(geometry!) / area(theirs) - 1), side).toBeLessThan(1e-3);
    expect(holeCount(geometry), `${side}: holes`).toBe(holeCount(theirs.geometry.type === 'Polygon' ? multi(theirs.geometry) : theirs.geometry));
    expect(km2).toBe(Math.round(area(geometry!) / 1e4) / 100);
  }
  return ours;
}

describe('gained and lost areas equal Turf’s difference', () => {
  it('overlapping shapes: each side keeps what the other does not cover', () => {
    const ours = expectSameAsTurf(multi(disc(114, 33, 1), disc(114.05, 33, 0.8)), multi(disc(114.01, 33.005, 1), disc(114.06, 33.002, 0.5)));
    expect(ours.gainedKm2).toBeGreaterThan(0);
    expect(ours.lostKm2).toBeGreaterThan(0);
  });

  it('disjoint shapes: all of B is gained and all of A lost', () => {
    const a = multi(disc(114, 33, 1));
    const b = multi(disc(114.1, 33, 1), disc(114.2, 33.1, 0.5));
    const ours = expectSameAsTurf(a, b);
    expect(ours.gainedKm2).toBeCloseTo(Math.round(area(b) / 1e4) / 100, 2);
    expect(ours.lostKm2).toBeCloseTo(Math.round(area(a) / 1e4) / 100, 2);
  });

  it('B inside A: nothing gained, A lost with a hole where B is', () => {
    const ours = expectSameAsTurf(multi(disc(114, 33, 2)), multi(disc(114.003, 33.002, 0.5)));
    expect(ours.gained).toBeNull();
    expect(holeCount(ours.lost)).toBe(1);
  });

  it('holes: what B covers of A’s hole is gained, even when rings wind the wrong way', () => {
    const withHole = multi([square(114, 33, 0.1), square(114.03, 33.03, 0.04)]);
    const wronglyWound = multi([square(114, 33, 0.1, true), square(114.03, 33.03, 0.04, false)]);
    const b = multi(disc(114.05, 33.05, 1.5), disc(114.15, 33.05, 1));
    const ours = expectSameAsTurf(withHole, b);
    expect(booleanPointInPolygon([114.05, 33.05], ours.gained!)).toBe(true);
    const fromWrong = bandDifference(wronglyWound, b);
    expect(fromWrong.gainedKm2).toBe(ours.gainedKm2);
    expect(fromWrong.lostKm2).toBe(ours.lostKm2);
  });

  it('polygons found on both sides drop out; the others still meet what overlaps them', () => {
    const shared = [disc(114, 33, 1), disc(114.2, 33, 1)];
    // B keeps the two shared polygons as they are, and its third overlaps A's third.
    const ours = expectSameAsTurf(multi(...shared, disc(114.1, 33.1, 1)), multi(...shared.map((p) => structuredClone(p)), disc(114.11, 33.1, 1)));
    expect(ours.gainedKm2).toBeGreaterThan(0);
    expect(booleanPointInPolygon([114, 33], ours.lost!)).toBe(false);
  });

  it('the same band on both sides: nothing gained or lost', () => {
    const band = multi(disc(114, 33, 1), [square(114.1, 33, 0.05), square(114.11, 33.01, 0.01)]);
    expect(bandDifference(band, structuredClone(band))).toEqual({ gained: null, lost: null, gainedKm2: 0, lostKm2: 0 });
  });

  it('a side with no band: the other side is all gained or all lost', () => {
    const band = multi(disc(114, 33, 1));
    const km2 = Math.round(area(band) / 1e4) / 100;
    expect(bandDifference(null, band)).toEqual({ gained: band, lost: null, gainedKm2: km2, lostKm2: 0 });
    expect(bandDifference(band, null)).toEqual({ gained: null, lost: band, gainedKm2: 0, lostKm2: km2 });
    expect(bandDifference(null, null)).toEqual({ gained: null, lost: null, gainedKm2: 0, lostKm2: 0 });
  });
});

describe('gained and lost areas of real network bands', () => {
  // A 6 × 6 km street grid cut by a river (3,000–3,100 m north); B adds two bridges and moves one school.
  const [minLon, minLat] = at(-1000, -1000);
  const [maxLon, maxLat] = at(7000, 7000);
  const area6km = squareStudyArea(minLon, minLat, maxLon, maxLat);
  const band = (bridges: number[], facilities: Facility[]) =>
    networkTravel({
      roads: riverGrid(60, 100, 30, bridges),
      facilities,
      targets: [],
      params: { minutes: 15, mode: 'walk', speeds: DEFAULT_SPEEDS, detourFactor: 1.3 },
      options: { accessMeters: 500 },
      area: area6km,
    }).bands[0]!.geometry;
  const schools = [[1000, 1000], [2000, 2700], [4500, 1500], [2500, 5000], [5500, 5500]].map(([x, y], i) => pointFacility(`school${i}`, ...at(x!, y!)));
  const a = band([0], schools);
  const b = band([0, 20, 45], schools.map((school, i) => (i === 4 ? pointFacility(school.id, ...at(5000, 4000)) : school)));

  it('equal Turf’s difference both ways', () => {
    const ours = expectSameAsTurf(a, b);
    expect(ours.gainedKm2).toBeGreaterThan(0.1);
    expect(ours.lostKm2).toBeGreaterThan(0.1);
    // Across the new bridge at 2,000 m east, 200 m north of the river: reached in B only, from the school 300 m south of it.
    expect(booleanPointInPolygon(at(2000, 3300), ours.gained!)).toBe(true);
  });

  it('turn gains into losses when the sides swap', () => {
    const forth = bandDifference(a, b);
    const back = bandDifference(b, a);
    expect(back.lostKm2).toBe(forth.gainedKm2);
    expect(back.gainedKm2).toBe(forth.lostKm2);
  });
});
