// Edits to whole imported layers from the layers panel: rename, restyle,
// reorder, delete. Each is an ordinary Edit (patch + label), so it goes through
// the scenario store, is undoable and autosaved like a feature edit.
//
// A changed layer is written as "drop it, add the new record at the same
// index" — the patch vocabulary already has both, and its inverse (computed by
// applyPatch from the two states) restores the old record object, features
// and all, without copying them.
import type { LocalizedText } from '../i18n/text';
import { checkLayerStyle, type ImportedLayerStyle } from './layerStyle';
import type { Edit, Scenario, ScenarioLayer } from './scenario';

function importedLayer(scenario: Scenario, layerId: string): { layer: ScenarioLayer; index: number } {
  const index = scenario.layers.findIndex((layer) => layer.id === layerId);
  const layer = scenario.layers[index];
  if (!layer) throw new Error(`Unknown layer "${layerId}" in scenario "${scenario.name}".`);
  if (!layer.imported) throw new Error(`Layer "${layerId}" is a plan layer: only imported layers are renamed, restyled, reordered or deleted.`);
  return { layer, index };
}

function replaced(layerId: string, next: ScenarioLayer, index: number, label: LocalizedText): Edit {
  return { label, patch: { removeLayers: [layerId], addLayers: [{ layer: next, index }] } };
}

/** Null when the name is empty or unchanged (no empty undo step). The name serves both languages, as a planner types one. */
export function renameImportedLayer(scenario: Scenario, layerId: string, name: string): Edit | null {
  const { layer, index } = importedLayer(scenario, layerId);
  const trimmed = name.trim();
  if (!trimmed || (trimmed === layer.title.zh && trimmed === layer.title.en)) return null;
  return replaced(layerId, { ...layer, title: { zh: trimmed, en: trimmed } }, index, {
    zh: `将图层“${layer.title.zh}”改名为“${trimmed}”`,
    en: `Rename layer “${layer.title.en}” to “${trimmed}”`,
  });
}

/** Refuses (throws) a style that fails checkLayerStyle: the panel only offers valid choices. */
export function setImportedLayerStyle(scenario: Scenario, layerId: string, style: ImportedLayerStyle): Edit | null {
  const { layer, index } = importedLayer(scenario, layerId);
  const checked = checkLayerStyle(style);
  if (!checked.ok) throw new Error(checked.problem.en);
  if (layer.style && JSON.stringify(layer.style) === JSON.stringify(checked.style)) return null;
  return replaced(layerId, { ...layer, style: checked.style }, index, {
    zh: `修改图层“${layer.title.zh}”的样式`,
    en: `Restyle layer “${layer.title.en}”`,
  });
}

/**
 * Moves an imported layer one step among the imported layers ('up' = drawn
 * above the next imported layer, as the top of the layers list is drawn on
 * top). Null at either end. Plan layers keep their places.
 */
export function moveImportedLayer(scenario: Scenario, layerId: string, direction: 'up' | 'down'): Edit | null {
  const { layer, index } = importedLayer(scenario, layerId);
  const importedIndices = scenario.layers.flatMap((candidate, at) => (candidate.imported ? [at] : []));
  const position = importedIndices.indexOf(index);
  const swapWith = importedIndices[direction === 'up' ? position + 1 : position - 1];
  if (swapWith === undefined) return null;
  const other = scenario.layers[swapWith]!;
  // Removing both and re-adding them in swapped places keeps every other layer where it is.
  const [first, second] = index < swapWith ? [index, swapWith] : [swapWith, index];
  const firstLayer = scenario.layers[first]!;
  const secondLayer = scenario.layers[second]!;
  return {
    label: direction === 'up' ? { zh: `上移图层“${layer.title.zh}”`, en: `Move layer “${layer.title.en}” up` } : { zh: `下移图层“${layer.title.zh}”`, en: `Move layer “${layer.title.en}” down` },
    patch: {
      removeLayers: [layer.id, other.id],
      addLayers: [
        { layer: secondLayer, index: first },
        { layer: firstLayer, index: second },
      ],
    },
  };
}

export function deleteImportedLayer(scenario: Scenario, layerId: string): Edit {
  const { layer } = importedLayer(scenario, layerId);
  return {
    label: { zh: `删除图层“${layer.title.zh}”（${layer.features.length} 个要素）`, en: `Delete layer “${layer.title.en}” (${layer.features.length} features)` },
    patch: { removeLayers: [layerId] },
  };
}
