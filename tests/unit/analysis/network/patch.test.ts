// A road edit rebuilds only the affected part of the graph (patch.ts): after
// a road is added, reshaped or deleted, the patched graph must equal a full
// build of the edited lines — the same edges (by their ends, length, class
// and direction), the same pieces, the same travel times — and the analysis
// run through the cache must give what a fresh run gives.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEEDS } from '../../../../src/domain/analysisSpec';
import { networkTravel, resetNetworkCache, type NetworkRun } from '../../../../src/analysis/network/analysis';
import { buildRoadGraph, type RoadGraph, type RoadLine } from '../../../../src/analysis/network/graph';
import { diffLines, lineHash, patchRoadGraph } from '../../../../src/analysis/network/patch';
import { anchorOf, modeNetwork, multiSourceDijkstra, seedsOf } from '../../../../src/analysis/network/route';
import { pointFacility, squareStudyArea, target } from '../helpers';
import { at, riverGrid, road } from './roads';

const WALK = { minutes: 15, mode: 'walk' as const, speeds: DEFAULT_SPEEDS, detourFactor: 1.3 };

/** The live edges as comparable text: ends (to 0.1 m), length (to 1 cm), class and one-way; sorted. */
function edgesOf(graph: RoadGraph): string[] {
  const out: string[] = [];
  for (let e = 0; e < graph.edgeCount; e++) {
    if (graph.edgeRemoved?.[e]) continue;
    const end = (n: number) => `${graph.nodeLon[n]!.toFixed(6)},${graph.nodeLat[n]!.toFixed(6)}`;
    const [a, b] = [end(graph.edgeFrom[e]!), end(graph.edgeTo[e]!)];
    const cls = graph.edgeClass[e]! >= 0 ? graph.classValues[graph.edgeClass[e]!] : '';
    out.push(`${a < b ? a : b}|${a < b ? b : a}|${graph.edgeLength[e]!.toFixed(2)}|${cls}|${graph.edgeOneWay[e]}`);
  }
  return out.sort();
}

/** Minutes from a point to a set of points, walking. */
function minutesFrom(graph: RoadGraph, from: [number, number], to: [number, number][]): (number | null)[] {
  const network = modeNetwork(graph, 'walk', DEFAULT_SPEEDS);
  const anchor = anchorOf(graph, network, from[0], from[1], 500)!;
  const tree = multiSourceDijkstra(network, graph.nodeCount, seedsOf(graph, network, anchor, 0));
  return to.map(([lon, lat]) => {
    const a = anchorOf(graph, network, lon, lat, 500);
    if (!a) return null;
    const viaFrom = tree.minutes[graph.edgeFrom[a.edge]!]! + network.edgeForward[a.edge]! * a.position;
    const viaTo = tree.minutes[graph.edgeTo[a.edge]!]! + network.edgeBackward[a.edge]! * (1 - a.position);
    const minutes = Math.min(viaFrom, viaTo);
    return minutes < Infinity ? Math.round(minutes * 1e6) / 1e6 : null;
  });
}

/** The patched graph, and which of the base's edges it removed and how many it appended. */
function patched(base: RoadLine[], edited: RoadLine[]): { graph: RoadGraph; removed: number; appended: number } {
  const graph = buildRoadGraph(base);
  const result = patchRoadGraph(graph, base, edited, diffLines(base.map(lineHash), edited.map(lineHash)), {});
  expect(result).not.toBeNull();
  // Every base edge still in use keeps its number and its ends (the caches keyed by edge number rely on it).
  for (let e = 0; e < graph.edgeCount; e++) {
    if (result!.graph.edgeRemoved?.[e]) continue;
    expect([result!.graph.edgeFrom[e], result!.graph.edgeTo[e], result!.graph.edgeLength[e]]).toEqual([graph.edgeFrom[e], graph.edgeTo[e], graph.edgeLength[e]]);
  }
  const removed = result!.graph.edgeRemoved?.filter((flag) => flag === 1).length ?? 0;
  expect(result!.removedEdges.length).toBe(removed);
  return { graph: result!.graph, removed, appended: result!.graph.edgeCount - graph.edgeCount };
}

const base = riverGrid(10, 100, 5, [0]);
const probes: [number, number][] = [at(900, 900), at(500, 550), at(1000, 600), at(250, 150), at(700, 1000)];

describe('a patched graph equals a full build', () => {
  // With what the patch must remove and append: rebuilt roads whose edges did not change keep them (a bridge
  // between two existing junctions removes nothing), a changed or split edge is removed and its new parts appended.
  const cases: [string, RoadLine[], { removed: number; appended: number } | 'some'][] = [
    ['a bridge added', [...base, road([[1000, 500], [1000, 600]], { highway: 'residential', name: '新桥' })], { removed: 0, appended: 1 }],
    ['a street reshaped (row 3 bent 30 m north in the middle)', base.map((line, i) => (i === 3 ? road(Array.from({ length: 11 }, (_, k) => [k * 100, k === 5 ? 330 : 300]), { highway: 'residential' }) : line)), 'some'],
    ['the only bridge deleted', base.filter((line) => line.properties.name !== '桥'), { removed: 1, appended: 0 }],
    ['a lane added that ends 0.5 m short of a street (snapped)', [...base, road([[450, 1100], [450, 1000.5]], { highway: 'residential' })], { removed: 1, appended: 3 }],
  ];
  for (const [name, edited, change] of cases)
    it(name, () => {
      const { graph: incremental, removed, appended } = patched(base, edited);
      const full = buildRoadGraph(edited);
      if (change === 'some') expect(removed).toBeGreaterThan(0);
      else expect({ removed, appended }).toEqual(change);
      expect(edgesOf(incremental)).toEqual(edgesOf(full));
      expect(incremental.liveEdges).toBe(full.edgeCount);
      expect(incremental.liveNodes).toBe(full.nodeCount);
      expect(incremental.components.count).toBe(full.components.count);
      expect(minutesFrom(incremental, at(50, 50), probes)).toEqual(minutesFrom(full, at(50, 50), probes));
    });

  it('patches a patch (two edits in a row) and still equals a full build', () => {
    const once = [...base, road([[1000, 500], [1000, 600]], { highway: 'residential' })];
    const twice = once.filter((line) => line.properties.name !== '桥');
    const first = buildRoadGraph(base);
    const a = patchRoadGraph(first, base, once, diffLines(base.map(lineHash), once.map(lineHash)), {})!;
    const b = patchRoadGraph(a.graph, once, twice, diffLines(once.map(lineHash), twice.map(lineHash)), {})!;
    expect(b).not.toBeNull();
    expect(edgesOf(b.graph)).toEqual(edgesOf(buildRoadGraph(twice)));
    expect(minutesFrom(b.graph, at(50, 50), probes)).toEqual(minutesFrom(buildRoadGraph(twice), at(50, 50), probes));
  });

  it('leaves large edits to a full build', () => {
    const moved = base.map((line) => ({ ...line, properties: { ...line.properties, highway: 'tertiary' } }));
    expect(patchRoadGraph(buildRoadGraph(base), base, moved, diffLines(base.map(lineHash), moved.map(lineHash)), {})).toBeNull();
  });
});

describe('the analysis follows a road edit through its caches', () => {
  const [minLon, minLat] = at(-1000, -1000);
  const [maxLon, maxLat] = at(2000, 2000);
  const run = (roads: RoadLine[]): Omit<NetworkRun, 'roads'> & { roads: RoadLine[] } => ({
    roads,
    facilities: [pointFacility('school', ...at(900, 300))],
    targets: [target('village', ...at(950, 700), 300), target('near', ...at(800, 300), 10)],
    params: WALK,
    options: { accessMeters: 500 },
    area: squareStudyArea(minLon, minLat, maxLon, maxLat),
  });

  it('covers the village once a bridge next to it is drawn, as a fresh run does', () => {
    resetNetworkCache();
    const before = networkTravel(run(base));
    expect(before.coverage.weightCovered).toBe(10);
    const edited = [...base, road([[1000, 500], [1000, 600]], { highway: 'residential' })];
    const cachedAfter = networkTravel(run(edited)); // patched graph, carried joins and grid
    resetNetworkCache();
    const freshAfter = networkTravel(run(edited));
    expect(cachedAfter.coverage.weightCovered).toBe(310);
    expect(cachedAfter.times).toEqual(freshAfter.times);
    expect(cachedAfter.coverage).toEqual(freshAfter.coverage);
    expect(cachedAfter.areas).toEqual(freshAfter.areas);
    expect(cachedAfter.bands.map((band) => band.properties)).toEqual(freshAfter.bands.map((band) => band.properties));
    expect(cachedAfter.network.nodes).toBe(freshAfter.network.nodes);
    expect(cachedAfter.network.edges).toBe(freshAfter.network.edges);
  });
});
