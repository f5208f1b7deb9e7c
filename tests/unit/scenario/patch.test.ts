import { describe, expect, it } from 'vitest';
import { applyPatch, composePatches } from '../../../src/domain/patch';
import type { Patch, Scenario } from '../../../src/domain/scenario';
import { layer, point, realBaseline, realScenario, scenarioOf, seededRandom } from './helpers';

const small = () =>
  scenarioOf('s', [
    layer('towns', [point('a', 114, 33), point('b', 114.1, 33.1), point('c', 114.2, 33.2)]),
    layer('parks', [point('p', 113.9, 32.9)]),
  ]);

const ids = (scenario: Scenario, layerId: string) => scenario.layers.find((l) => l.id === layerId)!.features.map((f) => f.properties.id);

/** Apply, apply the inverse: back to a deep-equal copy, and the input untouched. */
function roundTrip(scenario: Scenario, patch: Patch) {
  const frozen = structuredClone(scenario);
  const forward = applyPatch(scenario, patch);
  const back = applyPatch(forward.scenario, forward.inverse);
  expect(back.scenario).toEqual(frozen);
  expect(scenario).toEqual(frozen);
  // The inverse of the inverse redoes the edit exactly.
  expect(applyPatch(back.scenario, back.inverse).scenario).toEqual(forward.scenario);
  return forward;
}

describe('applyPatch', () => {
  it('replaces an existing feature in place; the inverse puts the old one back at its index', () => {
    const s = small();
    const moved = point('b', 115, 34);
    const { scenario, inverse } = roundTrip(s, { put: [{ layer: 'towns', feature: moved }] });
    expect(ids(scenario, 'towns')).toEqual(['a', 'b', 'c']);
    expect(scenario.layers[0]!.features[1]).toBe(moved);
    expect(inverse).toEqual({ put: [{ layer: 'towns', feature: s.layers[0]!.features[1], index: 1 }] });
  });

  it('keeps untouched layers and features by identity', () => {
    const s = small();
    const { scenario } = applyPatch(s, { put: [{ layer: 'towns', feature: point('b', 115, 34) }] });
    expect(scenario).not.toBe(s);
    expect(scenario.layers[1]).toBe(s.layers[1]);
    expect(scenario.layers[0]!.features[0]).toBe(s.layers[0]!.features[0]);
    expect(scenario.layers[0]!.features[2]).toBe(s.layers[0]!.features[2]);
    expect(s.layers[0]!.features[1]!.geometry).toEqual({ type: 'Point', coordinates: [114.1, 33.1] });
  });

  it('appends a new feature; the inverse removes it', () => {
    const { scenario, inverse } = roundTrip(small(), { put: [{ layer: 'towns', feature: point('d', 114, 33) }] });
    expect(ids(scenario, 'towns')).toEqual(['a', 'b', 'c', 'd']);
    expect(inverse).toEqual({ remove: [{ layer: 'towns', id: 'd' }] });
  });

  it('inserts at an index and moves an existing feature to an index', () => {
    expect(ids(roundTrip(small(), { put: [{ layer: 'towns', feature: point('d', 114, 33), index: 0 }] }).scenario, 'towns')).toEqual(['d', 'a', 'b', 'c']);
    expect(ids(roundTrip(small(), { put: [{ layer: 'towns', feature: point('c', 114, 33), index: 0 }] }).scenario, 'towns')).toEqual(['c', 'a', 'b']);
    expect(ids(roundTrip(small(), { put: [{ layer: 'towns', feature: point('a', 114, 33), index: 99 }] }).scenario, 'towns')).toEqual(['b', 'c', 'a']);
  });

  it('removes features; the inverse puts each back at its index', () => {
    const s = small();
    const { scenario, inverse } = roundTrip(s, { remove: [{ layer: 'towns', id: 'c' }, { layer: 'towns', id: 'a' }] });
    expect(ids(scenario, 'towns')).toEqual(['b']);
    expect(inverse.put).toEqual([
      { layer: 'towns', feature: s.layers[0]!.features[0], index: 0 },
      { layer: 'towns', feature: s.layers[0]!.features[2], index: 2 },
    ]);
  });

  it('adds and removes whole layers at their index', () => {
    const imported = layer('imported-schools', [point('school-1', 114, 33)]);
    const added = roundTrip(small(), { addLayers: [{ layer: imported, index: 1 }] });
    expect(added.scenario.layers.map((l) => l.id)).toEqual(['towns', 'imported-schools', 'parks']);
    expect(added.inverse).toEqual({ removeLayers: ['imported-schools'] });

    const s = small();
    const removed = roundTrip(s, { removeLayers: ['towns'] });
    expect(removed.scenario.layers.map((l) => l.id)).toEqual(['parks']);
    expect(removed.inverse).toEqual({ addLayers: [{ layer: s.layers[0], index: 0 }] });
  });

  it('round-trips a patch mixing every kind, including the same id twice', () => {
    roundTrip(small(), {
      removeLayers: ['parks'],
      addLayers: [{ layer: layer('imported-x', []), index: 0 }],
      remove: [{ layer: 'towns', id: 'a' }],
      put: [
        { layer: 'towns', feature: point('a', 1, 1), index: 2 },
        { layer: 'towns', feature: point('b', 2, 2), index: 0 },
        { layer: 'towns', feature: point('b', 3, 3) },
        { layer: 'imported-x', feature: point('x', 4, 4) },
      ],
    });
  });

  it('round-trips replacing a layer by one of the same id with another title', () => {
    const replacement = { ...layer('parks', [point('q', 1, 1)]), title: { zh: '公园', en: 'Parks' } };
    const { scenario } = roundTrip(small(), { removeLayers: ['parks'], addLayers: [{ layer: replacement }] });
    expect(scenario.layers[1]).toBe(replacement);
  });

  it('returns the same scenario for an empty patch, even the baseline', () => {
    const baseline = realBaseline();
    expect(applyPatch(baseline, {}).scenario).toBe(baseline);
  });

  it.each<[string, Patch, RegExp]>([
    ['put into an unknown layer', { put: [{ layer: 'nope', feature: point('a', 1, 1) }] }, /Unknown layer "nope"/],
    ['remove from an unknown layer', { remove: [{ layer: 'nope', id: 'a' }] }, /Unknown layer "nope"/],
    ['remove a missing feature', { remove: [{ layer: 'towns', id: 'zz' }] }, /Cannot remove feature "zz"/],
    ['remove an unknown layer', { removeLayers: ['nope'] }, /Cannot remove layer "nope"/],
    ['add an existing layer', { addLayers: [{ layer: layer('towns', []) }] }, /already has a layer/],
    ['put a feature without id', { put: [{ layer: 'towns', feature: { ...point('a', 1, 1), properties: {} as never } }] }, /without a string properties.id/],
  ])('throws on %s', (_what, patch, message) => {
    expect(() => applyPatch(small(), patch)).toThrow(message);
  });

  it('refuses any edit to the read-only baseline', () => {
    const baseline = realBaseline();
    const first = baseline.layers[0]!.features[0]!;
    expect(() => applyPatch(baseline, { put: [{ layer: baseline.layers[0]!.id, feature: first }] })).toThrow(/read-only/);
  });
});

/** A random patch of 1–4 operations on the scenario's current state. */
function randomPatch(scenario: Scenario, random: () => number, serial: number): Patch {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const patch: Required<Patch> = { put: [], remove: [], addLayers: [], removeLayers: [] };
  const removedLayers = new Set<string>();
  const removedFeatures = new Set<string>();
  const operations = 1 + Math.floor(random() * 4);
  for (let n = 0; n < operations; n += 1) {
    const liveLayers = scenario.layers.filter((l) => !removedLayers.has(l.id));
    const target = pick(liveLayers);
    const roll = random();
    if (roll < 0.35 && target.features.length) {
      const feature = pick(target.features);
      const geometry = { type: 'Point' as const, coordinates: [113 + random() * 2, 32 + random() * 2] };
      patch.put.push({ layer: target.id, feature: { ...feature, geometry }, ...(random() < 0.3 ? { index: Math.floor(random() * 50) } : {}) });
    } else if (roll < 0.55) {
      patch.put.push({ layer: target.id, feature: point(`new-${serial}-${n}`, 114, 33), ...(random() < 0.5 ? { index: Math.floor(random() * 50) } : {}) });
    } else if (roll < 0.8 && target.features.length) {
      const candidates = target.features.filter((f) => !removedFeatures.has(`${target.id}/${f.properties.id}`));
      if (!candidates.length) continue;
      const id = pick(candidates).properties.id;
      removedFeatures.add(`${target.id}/${id}`);
      patch.remove.push({ layer: target.id, id });
    } else if (roll < 0.9) {
      patch.addLayers.push({ layer: layer(`imported-${serial}-${n}`, [point(`i-${serial}`, 114, 33)]), index: Math.floor(random() * 8) });
    } else if (liveLayers.length > 2 && !patch.put.some((p) => p.layer === target.id) && !patch.remove.some((r) => r.layer === target.id)) {
      removedLayers.add(target.id);
      patch.removeLayers.push(target.id);
    }
  }
  return patch;
}

describe('applyPatch on the real layers (random patches)', () => {
  it('400 random patches in sequence: every inverse restores the state before it', () => {
    const random = seededRandom(20250301);
    let scenario = realScenario();
    const states: Scenario[] = [structuredClone(scenario)];
    const inverses: Patch[] = [];
    for (let step = 0; step < 400; step += 1) {
      const { scenario: next, inverse } = applyPatch(scenario, randomPatch(scenario, random, step));
      expect(applyPatch(next, inverse).scenario).toEqual(states.at(-1));
      inverses.push(inverse);
      states.push(structuredClone(next));
      scenario = next;
    }
    // Unwinding all 400 inverses returns to the plan as loaded.
    for (const inverse of inverses.reverse()) scenario = applyPatch(scenario, inverse).scenario;
    expect(scenario).toEqual(states[0]);
  });

  it('composePatches equals applying the two patches in turn', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 50; trial += 1) {
      const start = realScenario();
      const first = randomPatch(start, random, trial);
      const middle = applyPatch(start, first).scenario;
      const second = randomPatch(middle, random, trial + 1000);
      const end = applyPatch(middle, second).scenario;
      expect(applyPatch(start, composePatches(start, first, second)).scenario).toEqual(end);
    }
  });
});

describe('applyPatch without effect', () => {
  it('keeps the scenario identity when a put changes nothing', () => {
    const s = small();
    const result = applyPatch(s, { put: [{ layer: 'towns', feature: s.layers[0]!.features[1]! }] });
    expect(result.scenario).toBe(s);
    expect(result.inverse).toEqual({});
  });
});
