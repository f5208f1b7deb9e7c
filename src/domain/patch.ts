// Applying a Patch to a Scenario, and computing its exact inverse.
//
// A patch is applied in a fixed order: removeLayers, addLayers, remove, put.
// Removals go first so that the inverse can always be written in the same
// shape: it removes what the forward step added, then puts every changed or
// dropped feature back at its former index, in ascending index order — which
// rebuilds each array exactly (see `inverseFeatureOps`).
//
// Nothing is mutated: the result shares every untouched layer and feature
// object with the input, so React and deck.gl can skip them by identity.
import { BASELINE_SCENARIO_ID, type Patch, type Scenario, type ScenarioFeature, type ScenarioLayer } from './scenario';

export interface AppliedPatch {
  scenario: Scenario;
  inverse: Patch;
}

export function isEmptyPatch(patch: Patch): boolean {
  return !patch.put?.length && !patch.remove?.length && !patch.addLayers?.length && !patch.removeLayers?.length;
}

export function applyPatch(scenario: Scenario, patch: Patch): AppliedPatch {
  if (isEmptyPatch(patch)) return { scenario, inverse: {} };
  if (scenario.id === BASELINE_SCENARIO_ID)
    throw new Error('The baseline is the plan as shipped and is read-only: create a scenario from it to edit.');

  const layers = applyLayerOps(scenario.layers, patch);
  const layerIndex = new Map(layers.map((layer, index) => [layer.id, index]));
  const touched = new Map<string, ScenarioFeature[]>();
  const featuresOf = (layerId: string): ScenarioFeature[] => {
    let features = touched.get(layerId);
    if (features) return features;
    const index = layerIndex.get(layerId);
    if (index === undefined) throw new Error(`Unknown layer "${layerId}" in scenario "${scenario.id}".`);
    features = [...layers[index]!.features];
    touched.set(layerId, features);
    return features;
  };

  for (const { layer, id } of patch.remove ?? []) {
    const features = featuresOf(layer);
    const at = indexOfFeature(features, id);
    if (at < 0) throw new Error(`Cannot remove feature "${id}": it is not in layer "${layer}".`);
    features.splice(at, 1);
  }
  for (const { layer, feature, index } of patch.put ?? []) {
    const id = feature.properties?.id;
    if (typeof id !== 'string' || id === '') throw new Error(`Cannot put a feature without a string properties.id into layer "${layer}".`);
    const features = featuresOf(layer);
    const at = indexOfFeature(features, id);
    if (at >= 0 && index === undefined) {
      features[at] = feature;
      continue;
    }
    if (at >= 0) features.splice(at, 1);
    features.splice(clamp(index ?? features.length, 0, features.length), 0, feature);
  }

  for (const [layerId, features] of touched) {
    const index = layerIndex.get(layerId)!;
    layers[index] = { ...layers[index]!, features };
  }

  const next: Scenario = { ...scenario, layers };
  const inverse = inversePatch(scenario, next);
  // A patch that changed nothing (e.g. putting a feature back as it was) keeps
  // the scenario's identity, so nothing re-renders and history records nothing.
  return isEmptyPatch(inverse) ? { scenario, inverse } : { scenario: next, inverse };
}

function applyLayerOps(original: ScenarioLayer[], patch: Patch): ScenarioLayer[] {
  let layers = [...original];
  for (const id of patch.removeLayers ?? []) {
    const at = layers.findIndex((layer) => layer.id === id);
    if (at < 0) throw new Error(`Cannot remove layer "${id}": the scenario has no such layer.`);
    layers.splice(at, 1);
  }
  for (const { layer, index } of patch.addLayers ?? []) {
    if (layers.some((existing) => existing.id === layer.id))
      throw new Error(`Cannot add layer "${layer.id}": the scenario already has a layer with that id.`);
    layers.splice(clamp(index ?? layers.length, 0, layers.length), 0, layer);
  }
  return layers;
}

/**
 * The patch that turns `after` back into `before`, computed from the two
 * states rather than from the forward operations, so it is exact whatever the
 * forward patch did (several puts of one id, moves by index, …).
 */
function inversePatch(before: Scenario, after: Scenario): Patch {
  const afterById = new Map(after.layers.map((layer) => [layer.id, layer]));
  // A layer counts as kept when the same id survives with the same title and
  // flags; a layer swapped for another of the same id is dropped and re-added.
  const unchanged = new Set(
    before.layers.filter((layer) => {
      const survivor = afterById.get(layer.id);
      return survivor !== undefined && sameLayerMetadata(layer, survivor);
    }).map((layer) => layer.id),
  );
  // A layer also counts as kept only where it keeps its place among the other
  // kept layers: a reordered layer (the layers panel's ↑/↓) is dropped and
  // re-added at its former index, so undo restores the order. The layers that
  // stay have the same position in both sequences, hence the same relative order.
  const orderBefore = before.layers.filter((layer) => unchanged.has(layer.id));
  const orderAfter = after.layers.filter((layer) => unchanged.has(layer.id));
  const kept = new Set(orderBefore.filter((layer, index) => orderAfter[index]?.id === layer.id).map((layer) => layer.id));
  const inverse: Patch = {};

  const removeLayers = after.layers.filter((layer) => !kept.has(layer.id)).map((layer) => layer.id);
  // Ascending index: once the added layers are gone, the survivors are in their
  // original relative order, so inserting the dropped ones in order restores it.
  const addLayers = before.layers.flatMap((layer, index) => (kept.has(layer.id) ? [] : [{ layer, index }]));
  if (removeLayers.length) inverse.removeLayers = removeLayers;
  if (addLayers.length) inverse.addLayers = addLayers;

  const remove: NonNullable<Patch['remove']> = [];
  const put: NonNullable<Patch['put']> = [];
  for (const layer of before.layers) {
    const changed = afterById.get(layer.id);
    if (!changed || !kept.has(layer.id) || changed.features === layer.features) continue;
    inverseFeatureOps(layer.id, layer.features, changed.features, remove, put);
  }
  if (remove.length) inverse.remove = remove;
  if (put.length) inverse.put = put;
  return inverse;
}

/**
 * Removes the features `after` has and `before` has not, then walks `before`
 * in index order and puts back each feature not already in its place. Each
 * put moves its feature to index i while positions 0…i-1 already match, so the
 * walk ends with the array equal to `before`, object for object.
 */
function inverseFeatureOps(
  layer: string,
  before: ScenarioFeature[],
  after: ScenarioFeature[],
  remove: NonNullable<Patch['remove']>,
  put: NonNullable<Patch['put']>,
): void {
  const beforeIds = new Set(before.map(featureId));
  const working: ScenarioFeature[] = [];
  for (const feature of after) {
    if (beforeIds.has(featureId(feature))) working.push(feature);
    else remove.push({ layer, id: featureId(feature) });
  }
  before.forEach((feature, index) => {
    if (working[index] === feature) return;
    put.push({ layer, feature, index });
    const at = indexOfFeature(working, featureId(feature));
    if (at >= 0) working.splice(at, 1);
    working.splice(index, 0, feature);
  });
}

/**
 * One patch with the effect of applying `first` and then `second` to
 * `scenario` (e.g. to fold a drag's many small moves into one undo step).
 */
export function composePatches(scenario: Scenario, first: Patch, second: Patch): Patch {
  const end = applyPatch(applyPatch(scenario, first).scenario, second).scenario;
  return inversePatch(end, scenario);
}

function sameLayerMetadata(a: ScenarioLayer, b: ScenarioLayer): boolean {
  if (a === b) return true;
  const { features: _a, ...metaA } = a;
  const { features: _b, ...metaB } = b;
  return JSON.stringify(metaA) === JSON.stringify(metaB);
}

export function featureId(feature: ScenarioFeature): string {
  return feature.properties.id;
}

function indexOfFeature(features: ScenarioFeature[], id: string): number {
  return features.findIndex((feature) => feature.properties.id === id);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.trunc(value)));
}
