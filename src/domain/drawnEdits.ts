// Adding what the planner drew as one undoable edit: one feature, or the parts
// of a self-crossing polygon the planner agreed to split (drawnGeometry.ts),
// with the split said in the undo label.
import { addFeature } from './edits';
import type { Edit, ScenarioFeature } from './scenario';

export function addFeatures(layer: string, features: readonly ScenarioFeature[], repair: { parts: number } | null): Edit {
  const single = addFeature(layer, features[0]!);
  if (features.length === 1 && !repair) return single;
  return {
    label: {
      zh: `${single.label.zh}（自相交的面已拆成 ${features.length} 个面）`,
      en: `${single.label.en} (the self-crossing polygon split into ${features.length} polygons)`,
    },
    patch: { put: features.map((feature) => ({ layer, feature })) },
  };
}
