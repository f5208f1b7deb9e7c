// Coverage, catchment and the network through the typed-array wire
// (src/worker/wire.ts) give the very result the object path gives: pack on the "main thread", move the buffers
// as postMessage does (structuredClone with transfer), run in the "worker",
// move the result back, unpack.
import { describe, expect, it } from 'vitest';
import { CircleCache } from '../../../src/analysis/cache';
import { circle } from '@turf/turf';
import type { MultiPolygon } from 'geojson';
import { DEFAULT_TRAVEL } from '../../../src/analysis/types';
import { runAnalysis } from '../../../src/analysis/engines';
import type { AnalysisRequest } from '../../../src/analysis/registry';
import { bandDifference } from '../../../src/analysis/network/bandDifference';
import { packPair, packRequest, packRequestInSlices, unpackBandDifference, unpackResult, type CoverageWireRequest, type TargetsWireRequest, type WireBands } from '../../../src/worker/wire';
import { runBandDifference, runCoverageColumns, runTargetsColumns, unpackRoads } from '../../../src/worker/wireEngine';
import type { Feature, Geometry } from 'geojson';
import { resetNetworkCache } from '../../../src/analysis/network/analysis';
import { NetworkInputError } from '../../../src/analysis/network/errors';
import { requireRoadLines } from '../../../src/analysis/network/lines';
import { seededRandom } from '../../../tools/lib/seededRandom';
import { pointFacility, squareStudyArea, target } from '../analysis/helpers';
import { at, riverGrid } from '../analysis/network/roads';

describe('coverage over the typed-array wire', () => {
  const area = squareStudyArea(113.9, 32.9, 114.1, 33.1);
  const random = seededRandom(11);
  const facilities = Array.from({ length: 12 }, (_, i) => pointFacility(`f${i}`, 113.92 + random() * 0.16, 32.92 + random() * 0.16));
  const params = { ...DEFAULT_TRAVEL, mode: 'walk' as const, minutes: 15 };
  const request: AnalysisRequest = {
    kind: 'coverage',
    facilities,
    targets: Array.from({ length: 5_000 }, (_, i) => target(`t${i}`, 113.9 + random() * 0.2, 32.9 + random() * 0.2, 1 + (i % 5))),
    params,
  };

  it('moves the targets as typed arrays and returns the object path’s result', () => {
    const { wire, transfer } = packRequest(request);
    expect(wire.kind).toBe('coverage-columns');
    expect(transfer).toHaveLength(3);
    const inWorker = structuredClone(wire, { transfer }) as CoverageWireRequest;
    // Transferred, not copied: the main thread's buffers are now empty.
    expect(transfer.every((buffer) => (buffer as ArrayBuffer).byteLength === 0)).toBe(true);
    const { result, transfer: back } = runCoverageColumns(inWorker, { area, cache: new CircleCache() });
    const onMain = unpackResult(structuredClone(result, { transfer: back }), request);
    const direct = runAnalysis(request, { area, planTargets: [], cache: new CircleCache() });
    expect(onMain).toEqual(direct);
    if (onMain.kind !== 'coverage') throw new Error('expected coverage');
    expect(onMain.coverage.uncovered.length).toBeGreaterThan(0);
    expect(onMain.coverage.targets.covered).toBeGreaterThan(0);
  });

  it('leaves analyses without targets as they are', () => {
    const circles: AnalysisRequest = { kind: 'circles', facilities, params };
    expect(packRequest(circles)).toEqual({ wire: circles, transfer: [] });
  });

  it('moves catchment targets as columns and returns the object path’s result, the targets put back on the main thread', () => {
    for (const huff of [false, true]) {
      const catchment: AnalysisRequest = { kind: 'catchment', facilities, targets: request.kind === 'coverage' ? request.targets : [], params, metric: 'distance', huff: { enabled: huff, exponent: 2 } };
      const { wire, transfer } = packRequest(catchment);
      expect(wire.kind).toBe('targets-columns');
      const inWorker = structuredClone(wire, { transfer }) as TargetsWireRequest;
      expect(transfer.every((buffer) => (buffer as ArrayBuffer).byteLength === 0)).toBe(true);
      const { result: back, transfer: backTransfer } = runTargetsColumns(inWorker, { area, planTargets: [], cache: new CircleCache() });
      // Neither the targets nor the per-target answers travel back as objects.
      expect(back.result.kind === 'catchment' && back.result.targets).toEqual([]);
      expect(back.result.kind === 'catchment' && back.result.catchment.assignments).toEqual([]);
      expect(backTransfer).toHaveLength(huff ? 4 : 3);
      const onMain = unpackResult(structuredClone(back, { transfer: backTransfer }), catchment);
      const direct = runAnalysis(catchment, { area, planTargets: [], cache: new CircleCache() });
      expect(onMain).toEqual(direct);
      if (onMain.kind !== 'catchment') throw new Error('expected catchment');
      expect(onMain.targets).toBe(catchment.targets);
      expect(onMain.catchment.assignments.length).toBe(5_000);
      expect(onMain.catchment.huff?.probabilities.length ?? 0).toBe(huff ? 5_000 : 0);
    }
  });
});

describe('road lines over the typed-array wire', () => {
  const [minLon, minLat] = at(-1000, -1000);
  const [maxLon, maxLat] = at(3000, 3000);
  const area = squareStudyArea(minLon, minLat, maxLon, maxLat);
  const lineFeature = (geometry: Geometry | null, properties: Record<string, unknown>): Feature<Geometry | null> => ({ type: 'Feature', geometry, properties });
  // The river grid as an imported layer: Chinese classes (one the speeds table does not know), names
  // the network never reads, one-way flags, a MultiLineString (bridge and lane), 3-D positions,
  // and features the network leaves out (no geometry, a point).
  const features = [
    ...riverGrid(20, 100, 10, []).map((line, i) =>
      lineFeature(
        { type: 'LineString', coordinates: line.coordinates.map((position) => [...position]) },
        { name: `路${i}`, 道路等级: i % 7 === 0 ? '主干路' : i % 11 === 0 ? '景观路' : '支路', oneway: i % 5 === 0 ? '是' : '否' },
      ),
    ),
    lineFeature(
      {
        type: 'MultiLineString',
        coordinates: [
          [at(0, 1000), at(0, 1100)],
          [at(2600, 2600), at(3000, 2600)],
        ],
      },
      { name: '西桥与村道', 道路等级: '次干路' },
    ),
    lineFeature({ type: 'LineString', coordinates: [[...at(2000, 1000), 35], [...at(2000, 1100), 36]] }, { name: '东桥', 道路等级: '支路', 备注: null }),
    lineFeature(null, { name: '没有几何' }),
    lineFeature({ type: 'Point', coordinates: at(500, 500) }, { name: '一个点' }),
  ];
  const random = seededRandom(5);
  const request: AnalysisRequest = {
    kind: 'network',
    facilities: [pointFacility('school', ...at(1000, 800)), pointFacility('clinic', ...at(400, 1800))],
    targets: Array.from({ length: 400 }, (_, i) => target(`t${i}`, ...at(-200 + random() * 3400, -200 + random() * 3400), 1 + (i % 3))),
    params: { ...DEFAULT_TRAVEL, mode: 'drive', minutes: 3 },
    roads: requireRoadLines(features, '测试路网'),
    options: { accessMeters: 500, speedField: null, connectCrossings: false, snapMeters: 1 },
  };
  const direct = (whole: AnalysisRequest) => {
    resetNetworkCache();
    return runAnalysis(whole, { area, planTargets: [], cache: new CircleCache() });
  };
  const throughWire = (whole: AnalysisRequest) => {
    const { wire, transfer } = packRequest(whole);
    const inWorker = structuredClone(wire, { transfer });
    const moved = transfer.every((buffer) => (buffer as ArrayBuffer).byteLength === 0);
    resetNetworkCache();
    const { result, transfer: back } = runTargetsColumns(unpackRoads(inWorker) as TargetsWireRequest, { area, planTargets: [], cache: new CircleCache() });
    return { wire, inWorker, transfer, moved, onMain: unpackResult(structuredClone(result, { transfer: back }), whole) };
  };

  it('moves the lines as typed arrays with only the fields the network reads, and returns the object path’s result', () => {
    const { wire, inWorker, transfer, moved, onMain } = throughWire(request);
    expect(wire.kind).toBe('roads-columns');
    if (wire.kind !== 'roads-columns') throw new Error('expected road columns');
    // Three target columns and three road columns, all moved: the main thread's buffers are now empty.
    expect(transfer).toHaveLength(6);
    expect(moved).toBe(true);
    expect(wire.rest.kind).toBe('targets-columns');
    expect(wire.rest.kind === 'targets-columns' && wire.rest.request.kind === 'network' && wire.rest.request.roads).toEqual([]);
    expect(wire.roads.fields).toEqual(['道路等级', 'oneway']);
    // The grid's lines, the two parts of the MultiLineString and the 3-D line; not the feature without geometry nor the point.
    expect(inWorker.kind === 'roads-columns' && inWorker.roads.lineStart.length - 1).toBe(63 + 2 + 1);
    const straight = direct(request);
    expect(onMain).toEqual(straight);
    if (onMain.kind !== 'network') throw new Error('expected a network result');
    // A real answer, not two empty ones: shares, times and bands, the Chinese classes read.
    expect(onMain.coverage.covered).toBeGreaterThan(0);
    expect(onMain.coverage.covered).toBeLessThan(onMain.coverage.total);
    expect(onMain.times.some((time) => time.reach === 'too-far')).toBe(true);
    expect(onMain.bands.length).toBe(3);
    expect(onMain.network.facts.classField).toBe('道路等级');
    expect(onMain.network.facts.oneWayField).toBe('oneway');
    expect(onMain.network.facts.unknownClasses.map((entry) => entry.value)).toEqual(['景观路']);
    expect(onMain.targets).toBe(request.targets);
  });

  it('reads a named class and speed field in any letter case, as the object path does', () => {
    if (request.kind !== 'network') throw new Error('expected a network request');
    const named: AnalysisRequest = {
      ...request,
      roads: request.roads.map((line, i) => ({ ...line, properties: { ...line.properties, Speed: i % 3 === 0 ? 80 : '25' } })),
      options: { ...request.options, classField: '道路等级', speedField: 'speed' },
    };
    const { wire, onMain } = throughWire(named);
    // In the order the layer holds them (Speed was added last), as the builder meets them.
    expect(wire.kind === 'roads-columns' && wire.roads.fields).toEqual(['道路等级', 'oneway', 'Speed']);
    expect(onMain).toEqual(direct(named));
    if (onMain.kind !== 'network') throw new Error('expected a network result');
    expect(onMain.network.facts.speedField).toBe('Speed');
  });

  it('refuses a class field the layer lacks with the worker’s own message, before packing anything', () => {
    if (request.kind !== 'network') throw new Error('expected a network request');
    const missing: AnalysisRequest = { ...request, options: { ...request.options, classField: '车道数' } };
    expect(() => direct(missing)).toThrow(NetworkInputError);
    const message = (() => {
      try {
        direct(missing);
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain('车道数');
    expect(() => packRequest(missing)).toThrow(message);
  });

  it('packs in slices that yield to the event loop, and stops when the run is no longer wanted', async () => {
    const packed = await packRequestInSlices(request, () => true);
    expect(packed?.wire).toEqual(packRequest(request).wire);
    if (request.kind !== 'network') throw new Error('expected a network request');
    // 40,000 lines of 40 positions take more than two slices of 8 ms on any machine; dropped at the second pause.
    const coordinates = Array.from({ length: 40 }, (_, k) => at(k * 10, 0));
    const long = Array.from({ length: 40_000 }, () => ({ coordinates, properties: { 道路等级: '支路' } }));
    let pauses = 0;
    expect(await packRequestInSlices({ ...request, roads: long }, () => ++pauses < 2)).toBeNull();
    expect(pauses).toBe(2);
  });

  it('moves a plan-targets request’s network the same way and puts it back', () => {
    if (request.kind !== 'network') throw new Error('expected a network request');
    const planTargets = { kind: 'targets', layers: {}, params: request.params, network: { roads: request.roads, options: request.options }, lifeCircle: null } as unknown as AnalysisRequest;
    const { wire, transfer } = packRequest(planTargets);
    expect(wire.kind).toBe('roads-columns');
    expect(transfer).toHaveLength(3);
    const inWorker = unpackRoads(structuredClone(wire, { transfer }));
    expect(transfer.every((buffer) => (buffer as ArrayBuffer).byteLength === 0)).toBe(true);
    if (inWorker.kind !== 'targets' || !inWorker.network) throw new Error('expected plan targets with a network');
    expect(inWorker.network.options).toEqual(request.options);
    expect(inWorker.network.roads.map((line) => line.coordinates)).toEqual(request.roads.map((line) => line.coordinates.map(([x, y]) => [x, y])));
    expect(inWorker.network.roads.map((line) => line.properties)).toEqual(
      request.roads.map(({ properties }) => ({ 道路等级: properties['道路等级'], ...(properties.oneway === undefined ? {} : { oneway: properties.oneway }) })),
    );
  });
});

describe('the network comparison’s bands over the typed-array wire', () => {
  const disc = (lng: number, lat: number, km: number) => circle([lng, lat], km, { steps: 48 }).geometry.coordinates;
  // A has a polygon with a hole; B overlaps it and adds one of its own.
  const a: MultiPolygon = { type: 'MultiPolygon', coordinates: [[disc(114, 33, 2)[0]!, disc(114, 33, 0.5)[0]!.slice().reverse()], disc(114.1, 33, 1)] };
  const b: MultiPolygon = { type: 'MultiPolygon', coordinates: [disc(114.01, 33, 2), disc(114.2, 33.05, 0.7)] };

  it('packs and unpacks polygons, holes and all, exactly', () => {
    const { packed, transfer } = packPair({ a, b, none: null });
    expect(packed.none).toBeNull();
    expect(transfer).toHaveLength(6);
    const moved = structuredClone(packed, { transfer }) as WireBands;
    expect(transfer.every((buffer) => (buffer as ArrayBuffer).byteLength === 0)).toBe(true);
    // The worker's half unpacks them, runs the difference, packs the answer; the main thread unpacks it.
    const { result, transfer: back } = runBandDifference(moved);
    expect(back).toHaveLength(6);
    const onMain = unpackBandDifference(structuredClone(result, { transfer: back }));
    const direct = bandDifference(a, b);
    expect(onMain).toEqual(direct);
    expect(onMain.gainedKm2).toBeGreaterThan(0);
    expect(onMain.lostKm2).toBeGreaterThan(0);
  });

  it('sends a side that reached nothing as null', () => {
    const { packed, transfer } = packPair({ a: null, b });
    const { result } = runBandDifference(structuredClone(packed, { transfer }) as WireBands);
    expect(unpackBandDifference(result)).toEqual(bandDifference(null, b));
  });
});
