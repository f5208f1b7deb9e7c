// Scenarios: named versions of the layout. The baseline is the plan as
// shipped (read-only); every other scenario holds full layer collections
// (the data is small: hundreds of features) and changes only through edits
// (patches), which is what makes undo/redo, autosave and diffs exact.
import type { LocalizedText } from '../i18n/text';
import type { Feature, Geometry } from 'geojson';
import type { LayerId } from './plan';
import type { ImportedLayerStyle } from './layerStyle';

export const BASELINE_SCENARIO_ID = 'baseline';

/** Properties every feature has; plan features also carry the full PlanFeatureProperties. */
export type ScenarioFeatureProperties = { id: string } & Record<string, unknown>;
export type ScenarioFeature = Feature<Geometry | null, ScenarioFeatureProperties>;

export interface ScenarioLayer {
  /** A plan LayerId, or `imported-…` for a layer the planner brought in. */
  id: LayerId | string;
  title: { zh: string; en: string };
  imported: boolean;
  features: ScenarioFeature[];
  /** How an imported layer is drawn (src/domain/layerStyle.ts); absent = the default style. Never exported with the data. */
  style?: ImportedLayerStyle;
}

export interface Scenario {
  id: string;
  name: string;
  /** ISO 8601. */
  createdAt: string;
  updatedAt: string;
  /** The scenario it was created from (BASELINE_SCENARIO_ID for the plan). */
  parentId: string | null;
  /** Layer order is drawing/listing order. */
  layers: ScenarioLayer[];
}

/**
 * One undoable change. `put` inserts or replaces features (by id) in a layer,
 * `remove` deletes them; `addLayers`/`removeLayers` add or drop whole layers
 * (imports). Applying a patch yields its inverse, which is what history keeps.
 * Order of application (src/domain/patch.ts): removeLayers, addLayers, remove,
 * put. A put without `index` replaces in place or appends.
 */
export interface Patch {
  put?: { layer: string; feature: ScenarioFeature; index?: number }[];
  remove?: { layer: string; id: string }[];
  addLayers?: { layer: ScenarioLayer; index?: number }[];
  removeLayers?: string[];
}


/** What a UI action produces: a patch and what to call it in undo/redo tooltips. */
export interface Edit {
  label: LocalizedText;
  patch: Patch;
}

export interface HistoryEntry {
  /** What the planner did, shown in undo/redo tooltips (zh and en). */
  label: { zh: string; en: string };
  forward: Patch;
  inverse: Patch;
}
