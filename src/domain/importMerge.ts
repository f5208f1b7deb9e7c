// Bringing imported features into a plan layer: they take the plan layer's
// schema (so every export and the attribute table treat them alike) and say
// where they came from. Pure: the UI builds the preview and the edit from it.
import type { Edit, ScenarioFeature, ScenarioLayer } from './scenario';
import { classProperties } from './newFeature';
import type { LayerId } from './plan';

/** Fields a planner maps from the source columns when merging into a plan layer. */
export const MERGE_TARGET_FIELDS = ['name', 'name_en', 'county', 'note'] as const;

export function mergeIntoPlanLayer(
  imported: ScenarioLayer,
  target: LayerId,
  classKey: string,
  mapped: readonly ScenarioFeature[],
  fileName: string,
  crsNote: string,
  dateISO: string,
  existingIds: ReadonlySet<string>,
): Edit {
  const date = dateISO.slice(0, 10);
  const put = mapped.map((feature) => {
    // Imported ids may collide with plan ids: prefix them with the imported layer's id.
    const id = existingIds.has(String(feature.properties.id)) ? `${imported.id}-${feature.properties.id}` : String(feature.properties.id);
    const name = typeof feature.properties.name === 'string' && feature.properties.name ? feature.properties.name : id;
    const properties: ScenarioFeature['properties'] = {
      ...feature.properties,
      id,
      name,
      name_en: typeof feature.properties.name_en === 'string' && feature.properties.name_en ? feature.properties.name_en : name,
      layer: target,
      ...classProperties(target, classKey),
      county: typeof feature.properties.county === 'string' ? feature.properties.county : null,
      source: `import:${fileName}`,
      quote: '',
      accuracy: 'placed',
      placement: `导入自 ${fileName}（${date}；${crsNote}）`,
      placed_at: date,
    };
    return { layer: target, feature: { ...feature, properties } };
  });
  return {
    label: { zh: `导入 ${put.length} 个要素（${fileName}）`, en: `Import ${put.length} features (${fileName})` },
    patch: { put },
  };
}
