// Edit builders: each UI action (drag on the map, a cell in the attribute
// table, placing an unlocated town, an import) becomes an Edit — a patch plus
// a label for the undo/redo tooltip. They only build; applyPatch applies.
import { deepEqual } from './diff';
import type { Geometry } from 'geojson';
import type { CountyLookup } from './counties';
import type { Edit, Scenario, ScenarioFeature, ScenarioLayer } from './scenario';
import type { LocalizedText } from '../i18n/text';
import { fieldTitleOf } from './attributeSchema';
import { featureName } from './featureName';

/** How a planner-moved position is explained in `placement`. */
export const MOVED_PREFIX = '规划人员在方案中调整位置';

export function moveFeature(scenario: Scenario, layer: string, id: string, geometry: Geometry, dateISO?: string, counties?: CountyLookup): Edit {
  const feature = findFeature(scenario, layer, id);
  if (feature.geometry === null)
    throw new Error(`Feature "${id}" has no position yet: place it with placeUnlocatedFeature, not move it.`);
  const properties = { ...feature.properties };
  // A plan feature's accuracy says where its position came from; once a planner
  // drags it, that is no longer GeoNames or a county seat but the planner.
  if (typeof properties.accuracy === 'string') {
    properties.accuracy = 'placed';
    if (dateISO !== undefined) properties.placed_at = dateISO;
    // The words that explain the position must follow it, keeping the original method visible.
    if (typeof properties.placement === 'string') {
      const countyNote = followCounty(properties, geometry, counties);
      properties.placement = `${MOVED_PREFIX}${dateISO ? `（${dateISO.slice(0, 10)}）` : ''}${countyNote}；原定位：${originalPlacement(properties.placement)}`;
    }
  }
  return {
    label: labelFor('移动', 'Move', feature),
    patch: { put: [{ layer, feature: { ...feature, geometry, properties } }] },
  };
}

/** The placement text before any planner's move: a moved feature's text keeps it after "原定位：". */
function originalPlacement(placement: string): string {
  const marker = '；原定位：';
  return placement.startsWith(MOVED_PREFIX) && placement.includes(marker) ? placement.slice(placement.indexOf(marker) + marker.length) : placement;
}

/**
 * A plan feature's 县区 follows its new position (a town dragged across a
 * county line is in the other county now); returns the words that say so, or
 * '' when the county stays. Imported features without a `county` are left alone.
 */
function followCounty(properties: Record<string, unknown>, geometry: Geometry, counties: CountyLookup | undefined): string {
  if (!counties || !('county' in properties)) return '';
  const now = counties.at(geometry);
  const before = typeof properties.county === 'string' ? properties.county : null;
  if (now === null || now === before) return '';
  properties.county = now;
  return `；所属县区按新位置改为${counties.name(now)}（原为${counties.name(before)}）`;
}

/**
 * Changes the given keys only; `undefined` deletes a key. Returns null when
 * nothing would change, so the store records no empty undo step.
 */
export function setProperties(scenario: Scenario, layer: string, id: string, changes: Record<string, unknown>): Edit | null {
  if ('id' in changes && changes.id !== id)
    throw new Error(`Cannot change a feature's id ("${id}"): features are matched by id across scenarios and history.`);
  const feature = findFeature(scenario, layer, id);
  const properties: Record<string, unknown> = { ...feature.properties };
  const changedKeys: string[] = [];
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) {
      if (!(key in properties)) continue;
      delete properties[key];
    } else {
      if (key in properties && deepEqual(properties[key], value)) continue;
      properties[key] = value;
    }
    changedKeys.push(key);
  }
  if (changedKeys.length === 0) return null;
  const fields = changedKeys.map(fieldTitleOf);
  const label = labelFor('修改', 'Edit', feature);
  return {
    label: { zh: `${label.zh}的${fields.map((field) => field.zh).join('、')}`, en: `${label.en}: ${fields.map((field) => field.en.toLowerCase()).join(', ')}` },
    patch: { put: [{ layer, feature: { ...feature, properties: properties as ScenarioFeature['properties'] } }] },
  };
}

export function addFeature(layer: string, feature: ScenarioFeature): Edit {
  return { label: labelFor('添加', 'Add', feature), patch: { put: [{ layer, feature }] } };
}

/** `scenario`, when given, names a single deleted feature in the undo label. */
export function deleteFeatures(layer: string, ids: readonly string[], scenario?: Scenario): Edit {
  const single = ids.length === 1 && scenario ? findFeature(scenario, layer, ids[0]!) : null;
  const label: LocalizedText = single
    ? labelFor('删除', 'Delete', single)
    : ids.length === 1
      ? { zh: '删除 1 个要素', en: 'Delete 1 feature' }
      : { zh: `删除 ${ids.length} 个要素`, en: `Delete ${ids.length} features` };
  return { label, patch: { remove: ids.map((id) => ({ layer, id })) } };
}

/**
 * Gives an unlocated plan feature (a town the sources could not place) a
 * position chosen by the planner. `accuracy: 'placed'` and `placed_at` keep
 * that provenance visible on the map and in every export.
 */
export function placeUnlocatedFeature(
  scenario: Scenario,
  layer: string,
  id: string,
  [lng, lat]: readonly [number, number],
  dateISO: string,
  counties?: CountyLookup,
): Edit {
  const feature = findFeature(scenario, layer, id);
  if (feature.geometry !== null || feature.properties.accuracy !== 'unlocated')
    throw new Error(`Feature "${id}" is not unlocated: move it instead of placing it.`);
  const geometry: Geometry = { type: 'Point', coordinates: [lng, lat] };
  const properties: Record<string, unknown> = { ...feature.properties };
  const countyNote = followCounty(properties, geometry, counties);
  return {
    label: labelFor('放置', 'Place', feature),
    patch: {
      put: [
        {
          layer,
          feature: {
            ...feature,
            geometry,
            properties: {
              ...(properties as ScenarioFeature['properties']),
              accuracy: 'placed',
              placed_at: dateISO,
              placement: `规划人员在方案中放置（${dateISO.slice(0, 10)}）${countyNote}；原：${String(feature.properties.placement ?? '未定位')}`,
            },
          },
        },
      ],
    },
  };
}

export function addLayer(layer: ScenarioLayer): Edit {
  return {
    label: { zh: `添加图层“${layer.title.zh}”`, en: `Add layer “${layer.title.en}”` },
    patch: { addLayers: [{ layer }] },
  };
}

export function removeLayer(id: string): Edit {
  return { label: { zh: `删除图层 ${id}`, en: `Remove layer ${id}` }, patch: { removeLayers: [id] } };
}

export function findFeature(scenario: Scenario, layer: string, id: string): ScenarioFeature {
  const found = scenario.layers.find((candidate) => candidate.id === layer);
  if (!found) throw new Error(`Unknown layer "${layer}" in scenario "${scenario.name}".`);
  const feature = found.features.find((candidate) => candidate.properties.id === id);
  if (!feature) throw new Error(`No feature "${id}" in layer "${layer}".`);
  return feature;
}

/** 移动“泌阳冷链物流片区” / Move “Biyang cold-chain logistics area”. */
function labelFor(verbZh: string, verbEn: string, feature: ScenarioFeature): LocalizedText {
  const properties = feature.properties as Record<string, unknown>;
  const zh = featureName(properties, 'zh');
  const en = featureName(properties, 'en') ?? zh;
  // A feature without any name is named by what it is, not by its internal id.
  return { zh: zh ? `${verbZh}“${zh}”` : `${verbZh}一个未命名要素`, en: en ? `${verbEn} “${en}”` : `${verbEn} an unnamed feature` };
}
