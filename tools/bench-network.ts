// The network analysis at city scale (`npm run bench -- --network`, and the
// last part of `npm run bench`): a seeded *synthetic* street lattice over the
// 驻马店 outline's box (≥ 100,000 edges, rows and columns as long lines with
// junctions at shared vertices, some segments missing, 主干路 every tenth
// line, some one-way), 300 facilities and 50,000 weighted targets, walk 15
// minutes. Timed: graph build; isochrones + coverage cold and with the graph
// cached; a moved facility → refreshed result. Side by side: a reference that
// runs one textbook single-source Dijkstra (its own array heap) per facility
// and takes the minimum, which must give the same covered shares. Then the
// compare panel's gained and lost areas (the worker's bandDifference) on the
// bands before and after the edit, on bands of ~200,000 vertices (10,000
// facilities) after a moved facility and with every polygon shifted, and
// Turf's difference (the main-thread path it replaced) on the first pair.
// `npm run bench -- --roads` (and after it in `npm run bench`): a synthetic
// layer of about a million segments on its way to the worker (roadWireBench).
import { area as turfArea, booleanPointInPolygon, difference as turfDifference, feature, featureCollection, bbox as turfBbox } from '@turf/turf';
import type { Feature, LineString, MultiPolygon } from 'geojson';
import { bandDifference } from '../src/analysis/network/bandDifference';
import type { RoadGraph, RoadLine } from '../src/analysis/network/graph';
import { buildRoadGraph } from '../src/analysis/network/graph';
import { networkTravel, resetNetworkCache } from '../src/analysis/network/analysis';
import { requireRoadLines } from '../src/analysis/network/lines';
import type { AnalysisRequest } from '../src/analysis/registry';
import type { RunControl } from '../src/analysis/types';
import { networkFieldsOf, roadColumnsOf, roadColumnsTransfer } from '../src/analysis/network/roadColumns';
import { packRequestInSlices, type TargetsWireRequest } from '../src/worker/wire';
import { runTargetsColumns, unpackRoads } from '../src/worker/wireEngine';
import { anchorOf, anchorsByEdge, minutesOnEdge, modeNetwork, seedsOf, type ModeNetwork, type Seed } from '../src/analysis/network/route';
import { DEFAULT_SPEEDS } from '../src/domain/analysisSpec';
import type { Facility, StudyArea, Target, TravelParameters } from '../src/analysis/types';
import { seededRandom } from './lib/seededRandom';

const SEED = 20_261_207;
const COLUMNS = 265;
const ROWS = 205;
const FACILITIES = 300;
const TARGETS = 50_000;
/** Facilities for the large bands of the gained/lost timing (~200,000 vertices in the outer band). */
const DENSE_FACILITIES = 10_000;
const MISSING = 0.06;
const WALK: TravelParameters = { minutes: 15, mode: 'walk', speeds: DEFAULT_SPEEDS, detourFactor: 1.3 };
const OPTIONS = { accessMeters: 500 };

/** Wall-clock and this process's CPU milliseconds (the second is steadier on a shared machine). */
function timed<T>(work: () => T): { value: T; ms: number; cpuMs: number } {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = work();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

/** The synthetic lattice: row j and column i meet at the shared jittered vertex (i, j). */
export function syntheticRoads(area: StudyArea, random: () => number): { roads: RoadLine[]; vertex: (i: number, j: number) => number[]; cellOf: (lon: number, lat: number) => [number, number] } {
  const [west, south, east, north] = turfBbox(area.outline);
  const dx = (east - west) / COLUMNS;
  const dy = (north - south) / ROWS;
  const jitter = Array.from({ length: (COLUMNS + 1) * (ROWS + 1) }, () => [(random() - 0.5) * 0.3 * dx, (random() - 0.5) * 0.3 * dy] as const);
  const vertex = (i: number, j: number) => {
    const [jx, jy] = jitter[j * (COLUMNS + 1) + i]!;
    return [west + i * dx + jx, south + j * dy + jy];
  };
  const lines: RoadLine[] = [];
  const addLine = (points: number[][], index: number) => {
    if (points.length < 2) return;
    const properties = { 等级: index % 10 === 0 ? '主干路' : '支路', oneway: index % 17 === 0 ? 'yes' : 'no' };
    lines.push({ coordinates: points, properties });
  };
  // A missing segment cuts the line there, so lines end mid-block like real data.
  const walkLine = (count: number, at: (k: number) => number[], index: number) => {
    let current: number[][] = [at(0)];
    for (let k = 1; k <= count; k++) {
      if (random() < MISSING) {
        addLine(current, index);
        current = [at(k)];
      } else current.push(at(k));
    }
    addLine(current, index);
  };
  for (let j = 0; j <= ROWS; j++) walkLine(COLUMNS, (i) => vertex(i, j), j);
  for (let i = 0; i <= COLUMNS; i++) walkLine(ROWS, (j) => vertex(i, j), i);
  const cellOf = (lon: number, lat: number): [number, number] => [Math.floor((lon - west) / dx), Math.floor((lat - south) / dy)];
  return { roads: lines, vertex, cellOf };
}

/** A textbook single-source Dijkstra with its own binary heap over [minutes, node] pairs, up to a cutoff. */
function referenceDijkstra(network: ModeNetwork, nodeCount: number, seeds: readonly Seed[], cutoff: number, into: Float64Array): void {
  const dist = new Map<number, number>();
  const heap: [number, number][] = [];
  const push = (item: [number, number]) => {
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]![0] <= heap[i]![0]) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  };
  const pop = (): [number, number] => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        if (l < heap.length && heap[l]![0] < heap[smallest]![0]) smallest = l;
        if (r < heap.length && heap[r]![0] < heap[smallest]![0]) smallest = r;
        if (smallest === i) break;
        [heap[smallest], heap[i]] = [heap[i]!, heap[smallest]!];
        i = smallest;
      }
    }
    return top;
  };
  for (const seed of seeds) if (seed.minutes <= cutoff && seed.minutes < (dist.get(seed.node) ?? Infinity)) (dist.set(seed.node, seed.minutes), push([seed.minutes, seed.node]));
  while (heap.length > 0) {
    const [time, node] = pop();
    if (time > (dist.get(node) ?? Infinity)) continue;
    for (let arc = network.offsets[node]!; arc < network.offsets[node + 1]!; arc++) {
      const next = network.arcTarget[arc]!;
      const arrival = time + network.arcMinutes[arc]!;
      if (arrival <= cutoff && arrival < (dist.get(next) ?? Infinity)) (dist.set(next, arrival), push([arrival, next]));
    }
  }
  void nodeCount;
  for (const [node, time] of dist) if (time < into[node]!) into[node] = time;
}

export function networkBench(area: StudyArea) {
  const random = seededRandom(SEED);
  const { roads, vertex, cellOf } = syntheticRoads(area, random);
  const [west, south, east, north] = turfBbox(area.outline);
  const inside = (count: number) => {
    const points: [number, number][] = [];
    while (points.length < count) {
      const p: [number, number] = [west + random() * (east - west), south + random() * (north - south)];
      if (booleanPointInPolygon(p, area.outline)) points.push(p);
    }
    return points;
  };
  const facilities: Facility[] = inside(FACILITIES).map((coordinates, i) => ({ id: `f${i}`, name: `f${i}`, geometry: { type: 'Point', coordinates } }));
  const targets: Target[] = inside(TARGETS).map((coordinates, i) => ({ id: `t${i}`, name: `t${i}`, coordinates, weight: 1 + Math.floor(random() * 1000) }));

  const build = timed(() => buildRoadGraph(roads, {}));
  const graph = build.value;
  const cold = timed(() => networkTravel({ roads, facilities, targets, params: WALK, options: OPTIONS, area }));
  const warm = timed(() => networkTravel({ roads, facilities, targets, params: WALK, options: OPTIONS, area }));
  // A planner drags one facility 300 m east: same roads, so the cached graph, joins and grid serve the refresh.
  const moved = facilities.map((facility, i) =>
    i === 0 && facility.geometry.type === 'Point'
      ? { ...facility, geometry: { type: 'Point' as const, coordinates: [facility.geometry.coordinates[0]! + 0.003, facility.geometry.coordinates[1]!] } }
      : facility,
  );
  const movedRun = timed(() => networkTravel({ roads, facilities: moved, targets, params: WALK, options: OPTIONS, area }));
  // Then draws a new street: a diagonal across the block of that facility, joined at the lattice's shared vertices.
  const [ci, cj] = cellOf(...((moved[0]!.geometry as unknown as { coordinates: [number, number] }).coordinates));
  const edited = [...roads, { coordinates: [vertex(ci, cj), vertex(ci + 1, cj + 1), vertex(ci + 2, cj + 2)], properties: { 等级: '支路', oneway: 'no' } }];
  const editedRun = timed(() => networkTravel({ roads: edited, facilities: moved, targets, params: WALK, options: OPTIONS, area }));

  // The reference: one Dijkstra per facility, minimum taken, targets joined the same way.
  const referenceShares = (referenceGraph: RoadGraph, referenceFacilities: readonly Facility[]) => {
    const network = modeNetwork(referenceGraph, 'walk', DEFAULT_SPEEDS);
    const minutes = new Float64Array(referenceGraph.nodeCount).fill(Infinity);
    const anchors = referenceFacilities.map((facility) => {
      const [lon, lat] = (facility.geometry as { coordinates: number[] }).coordinates as [number, number];
      return anchorOf(referenceGraph, network, lon, lat, OPTIONS.accessMeters);
    });
    anchors.forEach((anchor, source) => {
      if (anchor) referenceDijkstra(network, referenceGraph.nodeCount, seedsOf(referenceGraph, network, anchor, source), WALK.minutes, minutes);
    });
    const tree = { minutes, source: new Int32Array(referenceGraph.nodeCount) };
    const sameEdge = anchorsByEdge(anchors);
    let covered = 0;
    let weightCovered = 0;
    let weightTotal = 0;
    for (const target of targets) {
      weightTotal += target.weight;
      const anchor = anchorOf(referenceGraph, network, target.coordinates[0], target.coordinates[1], OPTIONS.accessMeters);
      if (!anchor) continue;
      const time = minutesOnEdge(referenceGraph, network, tree, anchor.edge, anchor.position, sameEdge).minutes + anchor.accessMeters / network.walkSpeed;
      if (time <= WALK.minutes) (covered++, (weightCovered += target.weight));
    }
    return { share: covered / targets.length, weightShare: weightCovered / weightTotal };
  };
  const reference = timed(() => referenceShares(graph, facilities));
  // The refreshed results against the reference on the same inputs (untimed; the edited graph is built from scratch).
  const referenceMoved = referenceShares(graph, moved);
  const referenceEdited = referenceShares(buildRoadGraph(edited, {}), moved);

  // Gained and lost areas: the outer bands before and after the edit (most clusters re-used as they were)…
  const outer = (result: { bands: { geometry: MultiPolygon }[] }) => result.bands[0]!.geometry;
  const editDifference = timed(() => bandDifference(outer(cold.value), outer(editedRun.value)));
  const turfEditDifference = timed(() =>
    [turfDifference(featureCollection([feature(outer(editedRun.value)), feature(outer(cold.value))])), turfDifference(featureCollection([feature(outer(cold.value)), feature(outer(editedRun.value))]))].map((part) =>
      part ? turfArea(part) / 1e6 : 0,
    ),
  );
  // …and city-wide bands: many facilities, then one of them moved 300 m, then the whole band 50 m east and 30 m north (every polygon differs).
  const denseFacilities: Facility[] = inside(DENSE_FACILITIES).map((coordinates, i) => ({ id: `d${i}`, name: `d${i}`, geometry: { type: 'Point', coordinates } }));
  const denseRun = (list: Facility[]) => outer(networkTravel({ roads, facilities: list, targets: [], params: WALK, options: OPTIONS, area }));
  const dense = denseRun(denseFacilities);
  const denseMoved = denseRun(denseFacilities.map((facility, i) => (i === 0 ? moved[0]! : facility)));
  const shifted: MultiPolygon = { type: 'MultiPolygon', coordinates: dense.coordinates.map((polygon) => polygon.map((ring) => ring.map(([x, y]) => [x! + 0.00054, y! + 0.00027]))) };
  const denseMovedDifference = timed(() => bandDifference(dense, denseMoved));
  const denseShiftedDifference = timed(() => bandDifference(dense, shifted));
  const vertices = (geometry: MultiPolygon) => geometry.coordinates.reduce((sum, polygon) => sum + polygon.reduce((n, ring) => n + ring.length, 0), 0);
  const differenceRow = (timing: ReturnType<typeof timed<ReturnType<typeof bandDifference>>>, a: MultiPolygon, b: MultiPolygon) => ({
    ms: timing.ms,
    cpuMs: timing.cpuMs,
    vertices: [vertices(a), vertices(b)] as [number, number],
    gainedKm2: timing.value.gainedKm2,
    lostKm2: timing.value.lostKm2,
  });

  const same = (a: { share: number; weightShare: number }, b: { share: number; weightShare: number }) =>
    Math.abs(a.share - b.share) < 1e-12 && Math.abs(a.weightShare - b.weightShare) < 1e-12;
  const ours = cold.value.coverage;
  // The gained and lost areas agree with Turf's to 0.1 % (or 0.01 km², the figures' rounding).
  const closeKm2 = (ours: number, theirs: number) => Math.abs(ours - theirs) <= Math.max(0.01, theirs * 1e-3);
  const differenceAgrees = closeKm2(editDifference.value.gainedKm2, turfEditDifference.value[0]!) && closeKm2(editDifference.value.lostKm2, turfEditDifference.value[1]!);
  const agree =
    same(ours, reference.value) && same(movedRun.value.coverage, referenceMoved) && same(editedRun.value.coverage, referenceEdited) && differenceAgrees;
  return {
    setup: {
      seed: SEED,
      synthetic: `${COLUMNS + 1} × ${ROWS + 1} jittered lattice over the outline's box, ${(MISSING * 100).toFixed(0)} % of segments missing`,
      lines: roads.length,
      nodes: graph.nodeCount,
      edges: graph.edgeCount,
      components: graph.components.count,
      facilities: FACILITIES,
      targets: TARGETS,
      mode: WALK.mode,
      minutes: WALK.minutes,
      cellMeters: cold.value.network.cellMeters,
    },
    timings: {
      graphBuild: { ms: build.ms, cpuMs: build.cpuMs },
      cold: { ms: cold.ms, cpuMs: cold.cpuMs },
      warm: { ms: warm.ms, cpuMs: warm.cpuMs },
      movedFacility: { ms: movedRun.ms, cpuMs: movedRun.cpuMs },
      editedRoad: { ms: editedRun.ms, cpuMs: editedRun.cpuMs },
      reference: { ms: reference.ms, cpuMs: reference.cpuMs },
    },
    ours: { share: ours.share, weightShare: ours.weightShare, unreachable: ours.unreachable, coveredKm2: cold.value.areas[0]?.coveredKm2 ?? 0, bands: cold.value.bands.length },
    reference: reference.value,
    moved: { ours: movedRun.value.coverage.share, reference: referenceMoved.share },
    edited: { ours: editedRun.value.coverage.share, reference: referenceEdited.share },
    gainedLost: {
      edit: differenceRow(editDifference, outer(cold.value), outer(editedRun.value)),
      turfEdit: { ms: turfEditDifference.ms, cpuMs: turfEditDifference.cpuMs, gainedKm2: turfEditDifference.value[0]!, lostKm2: turfEditDifference.value[1]! },
      denseMoved: differenceRow(denseMovedDifference, dense, denseMoved),
      denseShifted: differenceRow(denseShiftedDifference, dense, shifted),
    },
    agree,
  };
}

export function printNetworkBench(result: ReturnType<typeof networkBench>): void {
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const pct = (value: number) => `${(value * 100).toFixed(3)} %`;
  const s = result.setup;
  console.log(
    `\nnetwork · synthetic · seed ${s.seed} · ${s.synthetic}: ${s.lines.toLocaleString('en')} lines → ${s.nodes.toLocaleString('en')} nodes, ` +
      `${s.edges.toLocaleString('en')} edges, ${s.components} components · ${s.facilities} facilities · ${s.targets.toLocaleString('en')} targets · ${s.mode} ${s.minutes} min · grid ${s.cellMeters} m`,
  );
  const t = result.timings;
  const row = (timing: { ms: number; cpuMs: number }) => ({ ms: ms(timing.ms), 'cpu ms': ms(timing.cpuMs), '× reference': (timing.ms / t.reference.ms).toFixed(2) });
  console.table({
    'graph build': row(t.graphBuild),
    'isochrones + coverage, cold (graph built inside)': row(t.cold),
    'isochrones + coverage, graph cached': row(t.warm),
    'moved facility → refreshed result': row(t.movedFacility),
    'edited road (a street drawn) → refreshed result': row(t.editedRoad),
    'reference: 300 single-source Dijkstras + coverage': row(t.reference),
  });
  console.log(
    `covered: ours ${pct(result.ours.share)} (weighted ${pct(result.ours.weightShare)}), reference ${pct(result.reference.share)} (weighted ${pct(result.reference.weightShare)}); ` +
      `unreachable ${result.ours.unreachable}; reached ${result.ours.coveredKm2.toFixed(1)} km² in ${result.ours.bands} bands; ` +
      `moved facility ${pct(result.moved.ours)} (reference ${pct(result.moved.reference)}); edited road ${pct(result.edited.ours)} (reference ${pct(result.edited.reference)})`,
  );
  console.log(
    result.agree
      ? 'network: covered shares equal to the reference (first run, moved facility, edited road), gained and lost areas to Turf’s'
      : 'NETWORK SHARES OR GAINED/LOST AREAS DIFFER FROM THE REFERENCE',
  );
  const g = result.gainedLost;
  const differenceRow = (row: { ms: number; cpuMs: number; gainedKm2: number; lostKm2: number; vertices?: [number, number] }) => ({
    vertices: row.vertices ? row.vertices.map((n) => n.toLocaleString('en')).join(' / ') : '',
    ms: ms(row.ms),
    'cpu ms': ms(row.cpuMs),
    'gained km²': row.gainedKm2.toFixed(2),
    'lost km²': row.lostKm2.toFixed(2),
  });
  console.log('\ngained and lost areas (outer bands, both ways):');
  console.table({
    'after the moved facility and drawn street': differenceRow(g.edit),
    'the same, Turf difference (old main-thread path)': differenceRow({ ...g.turfEdit, vertices: g.edit.vertices }),
    [`${DENSE_FACILITIES.toLocaleString('en')} facilities, one moved 300 m`]: differenceRow(g.denseMoved),
    [`${DENSE_FACILITIES.toLocaleString('en')} facilities, band shifted 50 m (all differs)`]: differenceRow(g.denseShifted),
  });
}

// ---------------------------------------------------------------- a million road segments across the wire

const MILLION_SEED = 20_261_121;
/** Cells per side of the million-segment lattice: 2 × 709 × 708 = 1,003,944 segments (999 cells: 1,998,000, just under the network limit). */
export const MILLION_CELLS = 708;
/** Segments per line: real road layers cut their lines at junctions, every few blocks. */
const SEGMENTS_PER_LINE = 10;

/** A *synthetic* imported road layer of about a million segments, as the import hands it to the main thread (GeoJSON features). */
function millionSegmentLayer(area: StudyArea, random: () => number, n: number): Feature<LineString>[] {
  const [west, south, east, north] = turfBbox(area.outline);
  const dx = (east - west) / n;
  const dy = (north - south) / n;
  const jitter = Float64Array.from({ length: 2 * (n + 1) * (n + 1) }, () => (random() - 0.5) * 0.3);
  const vertex = (i: number, j: number) => {
    const k = 2 * (j * (n + 1) + i);
    return [west + (i + jitter[k]!) * dx, south + (j + jitter[k + 1]!) * dy];
  };
  const features: Feature<LineString>[] = [];
  for (const across of [true, false])
    for (let a = 0; a <= n; a++)
      for (let b = 0; b < n; b += SEGMENTS_PER_LINE) {
        const coordinates = Array.from({ length: Math.min(SEGMENTS_PER_LINE, n - b) + 1 }, (_, k) => (across ? vertex(b + k, a) : vertex(a, b + k)));
        const properties = { name: `路${features.length}`, 等级: a % 10 === 0 ? '主干路' : '支路', oneway: a % 17 === 0 ? 'yes' : 'no' };
        features.push({ type: 'Feature', properties, geometry: { type: 'LineString', coordinates } });
      }
  return features;
}

/** What packing does with the lines (the fields chosen, guessed as OPTIONS names none; the columns built), at once. */
const packRoads = (roads: RoadLine[]) => roadColumnsOf(roads, networkFieldsOf(roads, {}));

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * The road lines of a ~1,000,000-segment layer on their way to the worker:
 * main thread (the request's lines from the layer's features, packing the
 * columns at once and in slices, the object clone the columns replace), then
 * the worker (lines back from the columns, the run with its graph build).
 * structuredClone stands for a postMessage (serialise on one side, read on
 * the other). Memory is sampled at the run's progress reports: a rough
 * peak, steadier when node runs with --expose-gc (a collection before the
 * start and after the run: `node --expose-gc --import tsx tools/bench.ts --roads`).
 * `cells` per side: 708 gives a million segments, 999 two million (the limit).
 */
export async function roadWireBench(area: StudyArea, cells = MILLION_CELLS) {
  const random = seededRandom(MILLION_SEED);
  const features = millionSegmentLayer(area, random, cells);
  const [west, south, east, north] = turfBbox(area.outline);
  const somewhere = (): [number, number] => [west + random() * (east - west), south + random() * (north - south)];
  const facilities: Facility[] = Array.from({ length: FACILITIES }, (_, i) => ({ id: `f${i}`, name: `f${i}`, geometry: { type: 'Point', coordinates: somewhere() } }));
  const targets: Target[] = Array.from({ length: TARGETS }, (_, i) => ({ id: `t${i}`, name: `t${i}`, coordinates: somewhere(), weight: 1 }));
  const requestWith = (roads: RoadLine[]): AnalysisRequest => ({ kind: 'network', facilities, targets, params: WALK, roads, options: OPTIONS });

  const RUNS = 5;
  const lines: { ms: number; cpuMs: number }[] = [];
  const packs: { ms: number; cpuMs: number }[] = [];
  let roads: RoadLine[] = [];
  for (let run = 0; run < RUNS; run++) {
    const built = timed(() => requireRoadLines(features, 'synthetic'));
    roads = built.value;
    lines.push(built);
    packs.push(timed(() => void packRoads(roads)));
  }
  const medianTiming = (timings: { ms: number; cpuMs: number }[]) => ({ ms: median(timings.map((t) => t.ms)), cpuMs: median(timings.map((t) => t.cpuMs)) });
  const segments = roads.reduce((sum, line) => sum + line.coordinates.length - 1, 0);
  // In slices, as the app packs: the longest stretch between two turns of the event loop (slice + timer).
  let turns = 0;
  let longestTurnMs = 0;
  let lastTurn = performance.now();
  const sliced = performance.now();
  const packed = await packRequestInSlices(requestWith(roads), () => {
    const now = performance.now();
    longestTurnMs = Math.max(longestTurnMs, now - lastTurn);
    lastTurn = now;
    turns++;
    return true;
  });
  if (!packed || packed.wire.kind !== 'roads-columns') throw new Error('expected road columns');
  longestTurnMs = Math.max(longestTurnMs, performance.now() - lastTurn);
  const slicedMs = performance.now() - sliced;
  const columnBytes = packed.wire.roads.positions.byteLength + packed.wire.roads.lineStart.byteLength + packed.wire.roads.valueIndex.byteLength;

  // The clones are dropped at once: a second copy of a million positions would slow all that follows.
  const roadsObjectClone = timed(() => void structuredClone(roads));
  const roadsColumns = packRoads(roads);
  const roadsTransfer = timed(() => void structuredClone(roadsColumns, { transfer: roadColumnsTransfer(roadsColumns) }));
  const requestObjectClone = timed(() => void structuredClone(requestWith(roads)));
  const transferred = timed(() => structuredClone(packed.wire, { transfer: packed.transfer }));

  // ---- the worker
  const memory = () => {
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  const before = memory();
  const unpacked = timed(() => unpackRoads(transferred.value));
  let peak = memory();
  let graphBuiltMs = NaN;
  let longestProgressGapMs = 0;
  const runStart = performance.now();
  let lastReport = runStart;
  const control: RunControl = {
    onProgress: (done, total) => {
      const now = performance.now();
      longestProgressGapMs = Math.max(longestProgressGapMs, now - lastReport);
      lastReport = now;
      if (Number.isNaN(graphBuiltMs) && done >= 0.7 * total) graphBuiltMs = now - runStart;
      peak = Math.max(peak, memory());
    },
  };
  resetNetworkCache();
  const run = timed(() => runTargetsColumns(unpacked.value as TargetsWireRequest, { area, planTargets: [], control }));
  const result = run.value.result.result;
  if (result.kind !== 'network') throw new Error('expected a network result');
  // What stays after the run while the worker keeps the graph cached (the lines and the graph).
  collect?.();
  const retained = memory() - before;
  resetNetworkCache();
  return {
    setup: {
      seed: MILLION_SEED,
      synthetic: `${cells + 1} × ${cells + 1} jittered lattice over the outline's box, lines of ${SEGMENTS_PER_LINE} segments`,
      features: features.length,
      lines: roads.length,
      segments,
      facilities: FACILITIES,
      targets: TARGETS,
      mode: WALK.mode,
      minutes: WALK.minutes,
      runs: RUNS,
    },
    mainThread: {
      roadLines: medianTiming(lines),
      packColumns: medianTiming(packs),
      columnBytes,
      packRequestInSlicesMs: slicedMs,
      sliceTurns: turns,
      longestTurnMs,
      roadsObjectClone: { ms: roadsObjectClone.ms, cpuMs: roadsObjectClone.cpuMs },
      roadsTransfer: { ms: roadsTransfer.ms, cpuMs: roadsTransfer.cpuMs },
      requestObjectClone: { ms: requestObjectClone.ms, cpuMs: requestObjectClone.cpuMs },
      requestTransfer: { ms: transferred.ms, cpuMs: transferred.cpuMs },
    },
    worker: {
      linesFromColumnsMs: unpacked.ms,
      graphBuildMs: graphBuiltMs,
      runMs: run.ms,
      runCpuMs: run.cpuMs,
      longestProgressGapMs,
      peakMemoryMB: (peak - before) / 1e6,
      retainedMemoryMB: collect ? retained / 1e6 : null,
      forcedGc: Boolean(collect),
      nodes: result.network.nodes,
      edges: result.network.edges,
      share: result.coverage.share,
    },
  };
}

export function printRoadWireBench(result: Awaited<ReturnType<typeof roadWireBench>>): void {
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const s = result.setup;
  const m = result.mainThread;
  const w = result.worker;
  console.log(
    `\nroad lines to the worker · synthetic · seed ${s.seed} · ${s.synthetic}: ${s.features.toLocaleString('en')} features, ` +
      `${s.segments.toLocaleString('en')} segments · ${s.facilities} facilities · ${s.targets.toLocaleString('en')} targets · ${s.mode} ${s.minutes} min`,
  );
  console.log('(structuredClone stands for a postMessage: serialise on one side, read on the other; main-thread steps: median of ' + s.runs + ' runs)');
  const both = (timing: { ms: number; cpuMs: number }) => `${timing.ms.toFixed(1)} ms (cpu ${timing.cpuMs.toFixed(0)} ms)`;
  console.log(`  main thread  the request's lines from the layer's features    ${both(m.roadLines)}`);
  console.log(`  main thread  the lines as columns at once (${(m.columnBytes / 1e6).toFixed(1)} MB)         ${both(m.packColumns)}`);
  console.log(`  main thread  the whole request packed in slices: ${ms(m.packRequestInSlicesMs)} in ${m.sliceTurns + 1} slices, longest turn ${m.longestTurnMs.toFixed(1)} ms`);
  console.log(`  main thread  the lines sent as objects (clone)                 ${both(m.roadsObjectClone)}`);
  console.log(`  main thread  the lines sent as columns (transfer)              ${both(m.roadsTransfer)}`);
  console.log(`  main thread  the whole request (with ${s.targets.toLocaleString('en')} targets): objects ${both(m.requestObjectClone)}, columns ${both(m.requestTransfer)}`);
  console.log(`  worker       lines back from the columns                       ${ms(w.linesFromColumnsMs)}`);
  console.log(`  worker       run: graph built after ${ms(w.graphBuildMs)}, done after ${ms(w.runMs)} (cpu ${ms(w.runCpuMs)}), longest gap between progress reports ${ms(w.longestProgressGapMs)}`);
  console.log(`  worker       ${w.nodes.toLocaleString('en')} nodes, ${w.edges.toLocaleString('en')} edges, peak memory ≈ ${w.peakMemoryMB.toFixed(0)} MB above the start (sampled at progress${w.forcedGc ? `; ${w.retainedMemoryMB!.toFixed(0)} MB kept with the graph cached` : ', without forced collections'})`);
}
