// The bucket grid's nearest segment against weighing every segment: the same
// distance for points on, near, between and far outside the roads, with
// dense and sparse segments, zero-length ones and a distance limit; and the
// network's joining points (anchorOf) against a brute-force join.
import { describe, expect, it } from 'vitest';
import { segmentBuckets, visitNearSegments } from '../../../../src/analysis/network/segmentBuckets';
import { buildRoadGraph, type RoadLine } from '../../../../src/analysis/network/graph';
import { anchorOf, modeNetwork } from '../../../../src/analysis/network/route';
import { DEFAULT_SPEEDS } from '../../../../src/domain/analysisSpec';
import { seededRandom } from '../../../../tools/lib/seededRandom';
import { at } from './roads';

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const squared = dx * dx + dy * dy;
  const t = squared === 0 ? 0 : Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / squared));
  return Math.hypot(ax + t * dx - px, ay + t * dy - py);
}

/** Random segments: long and short ones, some of zero length, clustered in one corner and sparse elsewhere. */
function randomSegments(count: number, random: () => number) {
  const geomX = new Float64Array(count * 2);
  const geomY = new Float64Array(count * 2);
  const segmentPoint = new Int32Array(count);
  for (let s = 0; s < count; s++) {
    const dense = s % 3 === 0;
    const x = dense ? random() * 500 : random() * 20_000;
    const y = dense ? random() * 500 : random() * 15_000;
    const length = s % 17 === 0 ? 0 : random() < 0.1 ? 3000 * random() : 200 * random();
    const angle = random() * Math.PI * 2;
    geomX[2 * s] = x;
    geomY[2 * s] = y;
    geomX[2 * s + 1] = x + length * Math.cos(angle);
    geomY[2 * s + 1] = y + length * Math.sin(angle);
    segmentPoint[s] = 2 * s;
  }
  return { geomX, geomY, segmentPoint };
}

describe('segment buckets', () => {
  it('find the nearest segment within the limit exactly as weighing them all does', () => {
    const random = seededRandom(7);
    const { geomX, geomY, segmentPoint } = randomSegments(3000, random);
    const buckets = segmentBuckets(geomX, geomY, segmentPoint);
    let checked = 0;
    let found = 0;
    for (let q = 0; q < 3000; q++) {
      // Points inside the box, and some well outside it.
      const x = -2000 + random() * 24_000;
      const y = -2000 + random() * 19_000;
      const limit = q % 2 === 0 ? 500 : 5000;
      let brute = Infinity;
      for (let s = 0; s < segmentPoint.length; s++) brute = Math.min(brute, distanceToSegment(x, y, geomX[2 * s]!, geomY[2 * s]!, geomX[2 * s + 1]!, geomY[2 * s + 1]!));
      let best = Infinity;
      visitNearSegments(buckets, x, y, limit, () => best, (s) => {
        const d = distanceToSegment(x, y, geomX[2 * s]!, geomY[2 * s]!, geomX[2 * s + 1]!, geomY[2 * s + 1]!);
        if (d <= limit && d < best) best = d;
      });
      if (brute <= limit) {
        expect(best).toBeCloseTo(brute, 9);
        found++;
      } else expect(best).toBe(Infinity);
      checked++;
    }
    expect(checked).toBe(3000);
    // Both cases occur: points with a segment within the limit and points without.
    expect(found).toBeGreaterThan(500);
    expect(found).toBeLessThan(3000);
  });

  it('give every segment once per query, even one spanning many cells', () => {
    const geomX = Float64Array.from([0, 10_000, 5000, 5000]);
    const geomY = Float64Array.from([0, 10_000, 0, 1]);
    const buckets = segmentBuckets(geomX, geomY, Int32Array.from([0, 2]));
    const weighed: number[] = [];
    visitNearSegments(buckets, 5000, 5000, 100_000, () => Infinity, (s) => weighed.push(s));
    expect(weighed.sort()).toEqual([0, 1]);
  });
});

describe('joining points on a road network', () => {
  it('are the nearest points of the nearest usable roads, as a brute-force join finds them', () => {
    const random = seededRandom(11);
    // A street grid with a motorway (closed to walkers) through it.
    const roads: RoadLine[] = [];
    for (let k = 0; k <= 20; k++) {
      roads.push({ coordinates: [at(k * 150, 0), at(k * 150 + 37, 3000)], properties: { 等级: '支路' } });
      roads.push({ coordinates: [at(0, k * 150), at(3000, k * 150 + 41)], properties: { 等级: '支路' } });
    }
    roads.push({ coordinates: [at(-200, 1490), at(3200, 1530)], properties: { 等级: '高速公路' } });
    const graph = buildRoadGraph(roads, {});
    const network = modeNetwork(graph, 'walk', DEFAULT_SPEEDS);
    for (let q = 0; q < 500; q++) {
      const [lon, lat] = at(-600 + random() * 4200, -600 + random() * 4200);
      const x = (lon - graph.projection.lon0) * graph.projection.kx;
      const y = (lat - graph.projection.lat0) * graph.projection.ky;
      let brute = Infinity;
      for (let s = 0; s < graph.segmentPoint.length; s++) {
        if (!network.edgeAllowed[graph.segmentEdge[s]!]) continue;
        const i = graph.segmentPoint[s]!;
        brute = Math.min(brute, distanceToSegment(x, y, graph.geomX[i]!, graph.geomY[i]!, graph.geomX[i + 1]!, graph.geomY[i + 1]!));
      }
      const anchor = anchorOf(graph, network, lon, lat, 500);
      if (brute > 500.5) expect(anchor).toBeNull();
      else if (brute < 499.5) {
        expect(anchor).not.toBeNull();
        expect(network.edgeAllowed[anchor!.edge]).toBe(1);
        // accessMeters is geodesic, the brute force local metres: within the local projection's ~0.1 %.
        expect(Math.abs(anchor!.accessMeters - brute)).toBeLessThan(0.002 * brute + 0.01);
      }
    }
  });
});
