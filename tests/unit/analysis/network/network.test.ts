// Network travel time against known answers: a river crossed by one bridge,
// a one-way loop, a new road reaching a village, snapping, crossings, and the
// engine's multi-source Dijkstra against a textbook O(n²) Dijkstra.
import { booleanPointInPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEEDS } from '../../../../src/domain/analysisSpec';
import { networkTravel, resetNetworkCache, type NetworkRun } from '../../../../src/analysis/network/analysis';
import { buildRoadGraph, lengthened, NetworkInputError, type RoadLine } from '../../../../src/analysis/network/graph';
import { MAX_NETWORK_SEGMENTS, requireRoadLines } from '../../../../src/analysis/network/lines';
import { anchorOf, modeNetwork, multiSourceDijkstra, seedsOf } from '../../../../src/analysis/network/route';
import { squareStudyArea, pointFacility, target } from '../helpers';
import { arcsOf, textbookDijkstra } from './reference';
import { at, riverGrid, road } from './roads';

const [minLon, minLat] = at(-1000, -1000);
const [maxLon, maxLat] = at(3000, 3000);
const AREA = squareStudyArea(minLon, minLat, maxLon, maxLat);
const WALK = { minutes: 15, mode: 'walk' as const, speeds: DEFAULT_SPEEDS, detourFactor: 1.3 };
const OPTIONS = { accessMeters: 500 };

const facilityAt = (id: string, x: number, y: number) => pointFacility(id, ...at(x, y));
const targetAt = (id: string, x: number, y: number, weight = 1) => target(id, ...at(x, y), weight);
const run = (roads: RoadLine[], overrides: Partial<NetworkRun> = {}) =>
  networkTravel({ roads, facilities: [], targets: [], params: WALK, options: OPTIONS, area: AREA, ...overrides });

describe('a river crossed by one bridge', () => {
  const roads = riverGrid(20, 100, 10, [0]);
  const result = run(roads, {
    facilities: [facilityAt('school', 1000, 1000)],
    targets: [targetAt('across', 1000, 1200), targetAt('same-bank', 1000, 800), targetAt('over-bridge', 0, 1100)],
  });
  const byId = new Map(result.times.map((time) => [time.targetId, time]));

  it('does not cover the target 200 m away across the river (33 min round the bridge)', () => {
    expect(byId.get('across')!.reach).toBe('too-far');
    // 1,000 m west, 100 m bridge, 100 m north, 1,000 m east = 2,200 m at 1,000 m per 15 min.
    expect(byId.get('across')!.minutes).toBeCloseTo(33, 0);
    expect(byId.get('same-bank')!.reach).toBe('covered');
    expect(byId.get('same-bank')!.minutes).toBeCloseTo(3, 1);
    expect(byId.get('over-bridge')!.minutes).toBeCloseTo(16.5, 0);
    expect(result.coverage).toMatchObject({ total: 3, covered: 1, unreachable: 0 });
  });

  it('draws the 15-minute band on the facility’s bank only: no hull across the river', () => {
    const band15 = result.bands.find((band) => band.properties.minutes === 15)!;
    expect(band15).toBeDefined();
    expect(booleanPointInPolygon(at(1000, 800), band15)).toBe(true);
    expect(booleanPointInPolygon(at(1000, 1200), band15)).toBe(false);
    expect(booleanPointInPolygon(at(1000, 1020), band15)).toBe(true); // the south bank, 20 m off its road
    expect(result.bands.map((band) => band.properties.minutes)).toEqual([15, 10, 5]);
  });

  it('counts the network and reports the reached area inside the city', () => {
    expect(result.network.components).toBe(1);
    // 21 × 21 junctions; rows are single lines, so every crossing is a shared mid-line vertex.
    expect(result.network.nodes).toBe(21 * 21);
    expect(result.network.edges).toBe(2 * 20 * 21 - 21 + 1);
    const city = result.areas[0]!;
    expect(city.coveredKm2).toBeGreaterThan(1);
    expect(city.coveredKm2).toBeLessThan(Math.PI * 1.5 * 1.5);
  });

  it('covers the target across the river once a second bridge is built next to it', () => {
    const bridged = run(riverGrid(20, 100, 10, [0, 10]), { facilities: [facilityAt('school', 1000, 1000)], targets: [targetAt('across', 1000, 1200)] });
    expect(bridged.times[0]!.reach).toBe('covered');
    expect(bridged.times[0]!.minutes).toBeCloseTo(3, 1);
  });
});

describe('one-way streets', () => {
  // A 400 m square, one-way anticlockwise (east side northbound…), for cars only.
  const loop = [
    road([[0, 0], [400, 0]], { oneway: 'yes', highway: 'tertiary' }),
    road([[400, 0], [400, 400]], { oneway: 'yes', highway: 'tertiary' }),
    road([[400, 400], [0, 400]], { oneway: 'yes', highway: 'tertiary' }),
    road([[0, 400], [0, 0]], { oneway: 'yes', highway: 'tertiary' }),
  ];
  const facilities = [facilityAt('depot', 0, 0)];
  const targets = [targetAt('ahead', 400, 0), targetAt('behind', 0, 400)];

  it('drives round the loop the way it runs (tertiary 40 km/h)', () => {
    const result = run(loop, { facilities, targets, params: { ...WALK, mode: 'drive' } });
    const minutes = Object.fromEntries(result.times.map((time) => [time.targetId, time.minutes]));
    expect(minutes.ahead).toBeCloseTo(0.4 / 40 * 60, 2);
    expect(minutes.behind).toBeCloseTo(1.2 / 40 * 60, 2);
  });

  it('walks either way', () => {
    const result = run(loop, { facilities, targets });
    const minutes = Object.fromEntries(result.times.map((time) => [time.targetId, time.minutes]));
    expect(minutes.ahead).toBeCloseTo(6, 1);
    expect(minutes.behind).toBeCloseTo(6, 1);
  });

  it('reads Geofabrik’s F/T/B and the reverse direction', () => {
    const reversed = loop.map((line) => ({ ...line, properties: { ...line.properties, oneway: '-1' } }));
    const result = run(reversed, { facilities, targets, params: { ...WALK, mode: 'drive' } });
    const minutes = Object.fromEntries(result.times.map((time) => [time.targetId, time.minutes]));
    expect(minutes.ahead).toBeCloseTo(1.2 / 40 * 60, 2);
    expect(minutes.behind).toBeCloseTo(0.4 / 40 * 60, 2);
  });
});

describe('a road added to reach a village', () => {
  const town = [road([[0, 0], [1000, 0]]), road([[1000, 0], [1000, 300]])];
  const villageRoad = road([[1000, 900], [1600, 900]]); // the village's own lane, not joined
  const facilities = [facilityAt('clinic', 0, 0)];
  const targets = [targetAt('village', 1300, 950, 250)];

  it('is not covered while its lane is an island, and is once a road joins it', () => {
    const before = run([...town, villageRoad], { facilities, targets });
    expect(before.times[0]!.reach).toBe('no-path');
    expect(before.coverage).toMatchObject({ covered: 0, unreachable: 1 });
    expect(before.network.components).toBe(2);
    expect(before.network.islands).toHaveLength(1);
    expect(before.warnings.some((warning) => warning.en.includes('2 disconnected pieces'))).toBe(true);

    const after = run([...town, villageRoad, road([[1000, 300], [1000, 900]])], { facilities, targets });
    // 1,000 + 900 along the road, 300 along the lane, 50 m walk: 2,250 m ≈ 33.75 min; 40 minutes covers it.
    expect(after.times[0]!.minutes).toBeCloseTo(33.75, 1);
    const within40 = run([...town, villageRoad, road([[1000, 300], [1000, 900]])], { facilities, targets, params: { ...WALK, minutes: 40 } });
    expect(within40.coverage).toMatchObject({ covered: 1, weightCovered: 250, weightShare: 1 });
  });
});

describe('joining lines', () => {
  it('snaps an end that stops 0.5 m short of another line’s vertex, or of the middle of its segment', () => {
    const lines = [road([[0, 0], [100, 0], [200, 0]]), road([[100, 0.5], [100, 100]]), road([[150.4, -100], [150.4, -0.4]])];
    const snapped = buildRoadGraph(lines);
    expect(snapped.components.count).toBe(1);
    expect(snapped.facts.snappedEndpoints).toBe(2);
    const strict = buildRoadGraph(lines, { snapMeters: 0 });
    expect(strict.components.count).toBe(3);
  });

  it('keeps crossings without a shared vertex apart (overpasses) unless asked to join them', () => {
    const lines = [road([[0, 0], [200, 200]]), road([[0, 200], [200, 0]])];
    const apart = buildRoadGraph(lines);
    expect(apart.components.count).toBe(2);
    expect(apart.edgeCount).toBe(2);
    const joined = buildRoadGraph(lines, { connectCrossings: true });
    expect(joined.components.count).toBe(1);
    expect(joined.edgeCount).toBe(4);
    expect(joined.nodeCount).toBe(5);
    expect(joined.facts.joinedCrossings).toBe(1);
  });

  it('splits lines at shared vertices in their middle (junctions mid-line)', () => {
    const graph = buildRoadGraph([road([[0, 0], [100, 0], [200, 0]]), road([[100, -100], [100, 0], [100, 100]])]);
    expect(graph.nodeCount).toBe(5);
    expect(graph.edgeCount).toBe(4);
  });
});

describe('the engine’s Dijkstra against a textbook one', () => {
  it('gives every node the same minutes as the minimum of per-facility O(n²) runs', () => {
    // A seeded random road layer: random lines between points of a jittered lattice, so vertices are shared.
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const lattice = (i: number, j: number): [number, number] => [i * 150 + ((i * 7 + j * 3) % 5) * 10, j * 150 + ((i * 3 + j * 11) % 7) * 10];
    const lines: RoadLine[] = [];
    const classes = ['主干路', '次干路', '支路', 'primary', 'residential', '高速公路'];
    for (let n = 0; n < 160; n++) {
      let i = Math.floor(random() * 12);
      let j = Math.floor(random() * 12);
      const points = [lattice(i, j)];
      for (let step = 0; step < 1 + Math.floor(random() * 4); step++) {
        if (random() < 0.5) i = Math.min(11, Math.max(0, i + (random() < 0.5 ? -1 : 1)));
        else j = Math.min(11, Math.max(0, j + (random() < 0.5 ? -1 : 1)));
        const next = lattice(i, j);
        if (next[0] !== points[points.length - 1]![0] || next[1] !== points[points.length - 1]![1]) points.push(next);
      }
      if (points.length > 1) lines.push(road(points, { class: classes[n % classes.length], oneway: n % 9 === 0 ? 'yes' : 'no' }));
    }
    const graph = buildRoadGraph(lines);
    for (const mode of ['walk', 'drive'] as const) {
      const network = modeNetwork(graph, mode, DEFAULT_SPEEDS);
      const facilities = [at(100, 100), at(900, 1200), at(1500, 300)];
      const anchors = facilities.map(([lon, lat]) => anchorOf(graph, network, lon, lat, 500));
      const seeds = anchors.flatMap((anchor, source) => (anchor ? seedsOf(graph, network, anchor, source) : []));
      expect(seeds.length).toBeGreaterThan(0);
      const tree = multiSourceDijkstra(network, graph.nodeCount, seeds);
      const arcs = arcsOf(graph, network);
      const reference = new Array<number>(graph.nodeCount).fill(Infinity);
      for (const s of seeds) textbookDijkstra(graph.nodeCount, arcs, s.node, s.minutes).forEach((m, n) => (reference[n] = Math.min(reference[n]!, m)));
      let reached = 0;
      for (let n = 0; n < graph.nodeCount; n++) {
        if (reference[n] === Infinity) expect(tree.minutes[n]).toBe(Infinity);
        else {
          reached++;
          expect(tree.minutes[n]).toBeCloseTo(reference[n]!, 9);
        }
      }
      expect(reached).toBeGreaterThan(graph.nodeCount / 3);
    }
  });
});

describe('bad input', () => {
  it('refuses a layer with no usable lines, in both languages', () => {
    expect(() => buildRoadGraph([{ coordinates: [at(0, 0), at(0, 0)], properties: {} }])).toThrow(NetworkInputError);
    try {
      buildRoadGraph([]);
    } catch (error) {
      expect((error as NetworkInputError).text.zh).toContain('没有可用的线');
      expect((error as NetworkInputError).text.en).toContain('no usable lines');
    }
  });

  it('refuses a network layer of more segments than it takes, naming the count and the limit in both languages', () => {
    // One shared position: the count is of position pairs, the memory of the test stays small.
    const line = (positions: number) => ({ properties: {}, geometry: { type: 'LineString' as const, coordinates: new Array<number[]>(positions).fill(at(0, 0)) } });
    const half = MAX_NETWORK_SEGMENTS / 2;
    // At the limit, over the whole layer: taken.
    expect(requireRoadLines([line(half + 1), line(half + 1), { properties: {}, geometry: null }], '路网')).toHaveLength(2);
    // One segment more, in a MultiLineString's second part: refused, before any graph is built.
    const multi = { properties: {}, geometry: { type: 'MultiLineString' as const, coordinates: [[at(0, 0)], [at(0, 0), at(1, 0)]] } };
    try {
      requireRoadLines([line(half + 1), line(half + 1), multi], '全市路网');
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(NetworkInputError);
      expect((error as NetworkInputError).text.zh).toBe(
        '“全市路网”有 2,000,001 条线段，超过路网分析的上限 2,000,000 条：请把道路裁剪到研究范围，或按区县拆分后选择其中一部分作为路网。',
      );
      expect((error as NetworkInputError).text.en).toBe(
        '"全市路网" has 2,000,001 segments, more than the 2,000,000 network analysis takes: clip the roads to the study area, or split them by county and choose one part as the network.',
      );
    }
  });

  it('refuses roads far from every facility, saying how far (another area or another CRS)', () => {
    const far = [road([[50_000, 50_000], [51_000, 50_000]])];
    expect(() => run(far, { facilities: [facilityAt('a', 0, 0)] })).toThrow(/about 7[0-9]\.\d km away/);
  });

  it('lists unknown class values, gives them the default speed and says so', () => {
    const lines = [road([[0, 0], [1000, 0]], { 等级: '景观路' }), road([[1000, 0], [2000, 0]], { 等级: '主干路' })];
    const result = run(lines, { facilities: [facilityAt('a', 0, 0)], targets: [targetAt('t', 2000, 0)], params: { ...WALK, mode: 'drive', minutes: 60 } });
    expect(result.network.facts.classField).toBe('等级');
    expect(result.network.facts.unknownClasses).toEqual([{ value: '景观路', edges: 1 }]);
    // 1 km at the default 60 km/h + 1 km of 主干路 at 50 km/h.
    expect(result.times[0]!.minutes).toBeCloseTo(1 + 1.2, 2);
    expect(result.warnings.some((warning) => warning.zh.includes('景观路') && warning.en.includes('unknown values'))).toBe(true);
  });

  it('drops zero-length segments and keeps a ring road with one junction', () => {
    const lines = [road([[0, 0], [0, 0], [100, 0]]), road([[100, 0], [200, 0], [200, 100], [100, 0]]), road([[5, 5], [5, 5]])];
    const graph = buildRoadGraph(lines);
    expect(graph.facts.zeroLengthSegments).toBe(2);
    expect(graph.facts.droppedLines).toBe(1);
    expect(graph.facts.selfLoops).toBe(1);
    expect(graph.edgeCount).toBe(2);
  });

  it('drops bad and repeated positions, and lines of fewer than two distinct points, anywhere in a layer, as coordinates or as columns', () => {
    // Lines apart from each other (no junctions, nothing to snap): each kept line is one edge of its own.
    const positions = (...values: number[]): RoadLine => ({ coordinates: [], properties: {}, positions: Float64Array.from(values) });
    const lines: RoadLine[] = [
      road([[0, 0], [100, 0]]),
      road([[50, 50], [50, 50], [50, 50]]), // one point three times: dropped, two zero-length segments
      { coordinates: [at(0, 100), [NaN, NaN], at(100, 100), at(100, 100), at(300, 100)], properties: {} }, // NaN skipped, one repeat
      positions(...at(0, 200), NaN, 5, ...at(0, 200), ...at(150, 200)), // a repeat across a NaN position
      positions(...at(10, 300), ...at(10, 300)), // dropped, one zero-length segment
      road([[0, 400], [0, 500], [100, 500]]),
      positions(...at(0, 600), ...at(80, 600), 7), // an odd trailing value is no position
    ];
    const graph = buildRoadGraph(lines);
    expect(graph.facts.droppedLines).toBe(2);
    expect(graph.facts.zeroLengthSegments).toBe(5);
    expect(graph.nodeCount).toBe(10);
    expect(graph.edgeCount).toBe(5);
    expect(Array.from(graph.edgeLine)).toEqual([0, 2, 3, 5, 6]);
    expect(Array.from(graph.geomStart)).toEqual([0, 2, 5, 7, 10, 12]);
    expect(graph.geomX.length).toBe(12);
    expect(graph.segmentPoint.length).toBe(12 - 5);
    [100, 300, 150, 200, 80].forEach((metres, e) => expect(graph.edgeLength[e]).toBeCloseTo(metres, -1));
  });

  it('keeps walkers off motorways and expressways', () => {
    const lines = [road([[0, 0], [1000, 0]], { highway: 'motorway' }), road([[0, 0], [0, 1000], [1000, 1000], [1000, 0]], { highway: 'residential' })];
    const result = run(lines, { facilities: [facilityAt('a', 0, 0)], targets: [targetAt('t', 1000, 0)], params: { ...WALK, minutes: 60 } });
    expect(result.times[0]!.minutes).toBeCloseTo(45, 0);
  });
});

describe('geometry room', () => {
  it('leaves the geometry room to grow in place, 2 % or 1,024 points, zeros past it, so a road edit appends without a copy', () => {
    const graph = buildRoadGraph(riverGrid(20, 100, 10, [0]));
    const n = graph.geomX.length;
    expect(n).toBe(graph.geomStart[graph.edgeCount]);
    for (const array of [graph.geomX, graph.geomY, graph.geomM]) {
      expect(array.byteOffset).toBe(0);
      const longer = lengthened(array, n + Math.max(1024, Math.ceil(n * 0.02)));
      expect(longer.buffer).toBe(array.buffer);
      expect(Array.from(longer.subarray(0, n))).toEqual(Array.from(array));
      expect(longer.subarray(n).every((value) => value === 0)).toBe(true);
    }
  });
});

describe('progress on a large layer', () => {
  it('the graph build reports its phases in order up to done, and the run carries them to the panel', () => {
    // 60,000 short lines: the line loop reports every 50,000 lines as well as at each phase's end.
    const lines: RoadLine[] = Array.from({ length: 60_000 }, (_, i) => road([[(i % 300) * 20, Math.floor(i / 300) * 20], [(i % 300) * 20 + 20, Math.floor(i / 300) * 20]]));
    const reports: [number, number][] = [];
    buildRoadGraph(lines, {}, undefined, (done, total) => reports.push([done, total]));
    const shares = reports.map(([done, total]) => done / total);
    expect(reports.length).toBeGreaterThanOrEqual(8);
    expect(shares.every((share, i) => i === 0 || share >= shares[i - 1]!)).toBe(true);
    expect(shares[0]).toBeLessThan(0.25); // the 50,000th line, before the loop ends
    expect(shares.at(-1)).toBe(1);

    // Through the run: the build is the first 70 %, the end 100 %; a second run on the cached graph skips the build.
    resetNetworkCache();
    const runShares = (): number[] => {
      const seen: number[] = [];
      networkTravel(
        { roads: lines.slice(0, 3000), facilities: [facilityAt('a', 100, 100)], targets: [targetAt('t', 300, 100)], params: WALK, options: OPTIONS, area: AREA },
        { onProgress: (done, total) => seen.push(done / total) },
      );
      return seen;
    };
    const cold = runShares();
    expect(cold.filter((share) => share <= 0.7).length).toBeGreaterThanOrEqual(6);
    expect(cold.at(-1)).toBe(1);
    const warm = runShares();
    expect(warm.every((share) => share >= 0.8)).toBe(true);
    expect(warm.at(-1)).toBe(1);
  });
});
