// Analysis targets are drawn by one deck.gl layer with binary attributes: the
// packed positions and colours are, target by target, what the per-object
// accessors gave (covered green, uncovered red; catchment colours per facility).
import { describe, expect, it } from 'vitest';
import type { ScatterplotLayer } from '@deck.gl/layers';
import { CircleCache } from '../../../src/analysis/cache';
import { runAnalysis } from '../../../src/analysis/engines';
import { DEFAULT_TRAVEL } from '../../../src/analysis/types';
import { catchmentLayers, coverageLayers, RING_TARGETS_UP_TO, targetDrawStride } from '../../../src/map/analysisLayers';
import { seededRandom } from '../../../tools/lib/seededRandom';
import { pointFacility, squareStudyArea, target } from '../analysis/helpers';
import { loadDeck } from '../../../src/map/deckRuntime';

// The layer builders take deck.gl's classes from the runtime the app loads after its first map.
await loadDeck();

const area = squareStudyArea(113.9, 32.9, 114.1, 33.1);
const random = seededRandom(21);
const facilities = Array.from({ length: 6 }, (_, i) => pointFacility(`f${i}`, 113.92 + random() * 0.16, 32.92 + random() * 0.16));
const targets = Array.from({ length: 3_000 }, (_, i) => target(`t${i}`, 113.9 + random() * 0.2, 32.9 + random() * 0.2, 1));
const params = { ...DEFAULT_TRAVEL, mode: 'walk' as const, minutes: 15 };

type Binary = { length: number; attributes: { getPosition: { value: Float64Array; size: number }; getLineColor?: { value: Uint8Array; size: number }; getFillColor?: { value: Uint8Array; size: number } } };
const binaryOf = (layers: unknown[], id: string) => {
  const layer = layers.find((candidate) => (candidate as ScatterplotLayer).id === id) as ScatterplotLayer | undefined;
  if (!layer) throw new Error(`no layer ${id}`);
  const data = layer.props.data as unknown as Binary;
  // Rings up to RING_TARGETS_UP_TO targets, filled dots beyond: the colours are the same either way.
  const colors = data.length > RING_TARGETS_UP_TO ? data.attributes.getFillColor! : data.attributes.getLineColor!;
  return { ...data, colors };
};

describe('analysis targets as one binary layer', () => {
  it('coverage: a position and a colour per target, red exactly for the uncovered', () => {
    const result = runAnalysis({ kind: 'coverage', facilities, targets, params }, { area, planTargets: [], cache: new CircleCache() });
    if (result.kind !== 'coverage') throw new Error('expected coverage');
    const data = binaryOf(coverageLayers(result), 'analysis-targets');
    expect(data.length).toBe(targets.length);
    expect(data.attributes.getPosition.size).toBe(2);
    expect(data.colors.size).toBe(4);
    const uncovered = new Set(result.coverage.uncovered.map((entry) => entry.targetId));
    expect(uncovered.size).toBeGreaterThan(0);
    expect(uncovered.size).toBeLessThan(targets.length);
    result.targets.forEach((entry, i) => {
      expect([data.attributes.getPosition.value[2 * i], data.attributes.getPosition.value[2 * i + 1]]).toEqual(entry.coordinates);
      expect([...data.colors.value.subarray(4 * i, 4 * i + 4)]).toEqual(uncovered.has(entry.id) ? [200, 30, 30, 255] : [0, 140, 90, 255]);
    });
  });

  it('draws many targets as dots with the same colours as rings', () => {
    const many = Array.from({ length: RING_TARGETS_UP_TO + 1_000 }, (_, i) => target(`m${i}`, 113.9 + random() * 0.2, 32.9 + random() * 0.2, 1));
    const result = runAnalysis({ kind: 'coverage', facilities, targets: many, params }, { area, planTargets: [], cache: new CircleCache() });
    if (result.kind !== 'coverage') throw new Error('expected coverage');
    const data = binaryOf(coverageLayers(result), 'analysis-targets');
    expect(data.attributes.getFillColor).toBeDefined();
    expect(data.attributes.getLineColor).toBeUndefined();
    const uncovered = new Set(result.coverage.uncovered.map((entry) => entry.targetId));
    result.targets.forEach((entry, i) => {
      expect([...data.colors.value.subarray(4 * i, 4 * i + 4)]).toEqual(uncovered.has(entry.id) ? [200, 30, 30, 255] : [0, 140, 90, 255]);
    });
  });

  it('draws an even sample of very many targets, each in its own colour', () => {
    const many = Array.from({ length: 45_000 }, (_, i) => target(`s${i}`, 113.9 + random() * 0.2, 32.9 + random() * 0.2, 1));
    const result = runAnalysis({ kind: 'coverage', facilities, targets: many, params }, { area, planTargets: [], cache: new CircleCache() });
    if (result.kind !== 'coverage') throw new Error('expected coverage');
    const data = binaryOf(coverageLayers(result), 'analysis-targets');
    const stride = targetDrawStride(many.length);
    expect(stride).toBe(3);
    expect(data.length).toBe(15_000);
    const uncovered = new Set(result.coverage.uncovered.map((entry) => entry.targetId));
    for (let k = 0; k < data.length; k++) {
      const drawn = many[k * stride]!;
      expect([...data.colors.value.subarray(4 * k, 4 * k + 4)]).toEqual(uncovered.has(drawn.id) ? [200, 30, 30, 255] : [0, 140, 90, 255]);
      expect(Math.abs(data.attributes.getPosition.value[2 * k]! - drawn.coordinates[0])).toBeLessThan(1e-5);
    }
  }, 60_000);

  it('catchment: each target in its facility’s colour', () => {
    const result = runAnalysis({ kind: 'catchment', facilities, targets, params, metric: 'distance', huff: { enabled: false, exponent: 2 } }, { area, planTargets: [], cache: new CircleCache() });
    if (result.kind !== 'catchment') throw new Error('expected catchment');
    const data = binaryOf(catchmentLayers(result), 'analysis-targets');
    const facilityOf = new Map(result.catchment.assignments.map((assignment) => [assignment.targetId, assignment.facilityId]));
    const colors = new Map<string | null, string>();
    result.targets.forEach((entry, i) => {
      const color = [...data.colors.value.subarray(4 * i, 4 * i + 4)].join(',');
      const facility = facilityOf.get(entry.id) ?? null;
      // One colour per facility: every target of a facility has the same one.
      if (!colors.has(facility)) colors.set(facility, color);
      expect(color).toBe(colors.get(facility));
    });
    expect(colors.size).toBeGreaterThan(1);
  });
});
