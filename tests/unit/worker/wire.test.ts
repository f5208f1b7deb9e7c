// Coverage through the typed-array wire (src/worker/wire.ts) gives the very
// result the object path gives: pack on the "main thread", move the buffers
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
import { packPair, packRequest, unpackBandDifference, unpackResult, type CoverageWireRequest, type TargetsWireRequest, type WireBands } from '../../../src/worker/wire';
import { runBandDifference, runCoverageColumns, runTargetsColumns } from '../../../src/worker/wireEngine';
import { seededRandom } from '../../../tools/lib/seededRandom';
import { pointFacility, squareStudyArea, target } from '../analysis/helpers';

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
