// Comparing two scenarios feature by feature (matched by layer + id): what the
// compare view lists and colours. Linear in the number of features, with an
// identity shortcut so unedited copies cost one comparison each.
import { centroid, distance } from '@turf/turf';
import type { Geometry, Position } from 'geojson';
import type { Scenario, ScenarioFeature, ScenarioLayer } from './scenario';
import type { LocalizedText } from '../i18n/text';

export interface FeatureRef {
  layer: string;
  id: string;
  /** The feature's name (from B when it exists there), for lists. */
  name: string;
}

export interface PropertyChange {
  key: string;
  a: unknown;
  b: unknown;
}

export interface ScenarioDiff {
  /** Only in B. */
  added: FeatureRef[];
  /** Only in A. */
  removed: FeatureRef[];
  /** Geometry differs in A and B; metres between representative points. */
  moved: (FeatureRef & { distanceMeters: number })[];
  /** No geometry in A (unlocated), a position in B. */
  placed: FeatureRef[];
  /** A position in A, none in B (the reverse of placed). */
  unplaced: FeatureRef[];
  /** Properties differ (independent of moved/placed: a placed town is also changed). */
  changed: (FeatureRef & { changes: PropertyChange[] })[];
  layers: LayerDiffCounts[];
  summary: DiffSummary;
}

export type DiffCategory = 'added' | 'removed' | 'moved' | 'placed' | 'unplaced' | 'changed';
export type DiffCounts = Record<DiffCategory, number>;

export interface LayerDiffCounts extends DiffCounts {
  layer: string;
  title: LocalizedText;
  /** The whole layer exists in one scenario only. */
  presence: 'both' | 'only-a' | 'only-b';
}

export interface DiffSummary extends DiffCounts {
  /** Distinct features that differ in any way. */
  featuresDiffering: number;
  text: LocalizedText;
}

export function diffScenarios(a: Scenario, b: Scenario): ScenarioDiff {
  const diff: ScenarioDiff = { added: [], removed: [], moved: [], placed: [], unplaced: [], changed: [], layers: [], summary: emptySummary() };
  const layersOfB = new Map(b.layers.map((layer) => [layer.id, layer]));
  const idsOfA = new Set(a.layers.map((layer) => layer.id));
  const ordered: [ScenarioLayer | undefined, ScenarioLayer | undefined][] = [
    ...a.layers.map((layer): [ScenarioLayer, ScenarioLayer | undefined] => [layer, layersOfB.get(layer.id)]),
    ...b.layers.filter((layer) => !idsOfA.has(layer.id)).map((layer): [undefined, ScenarioLayer] => [undefined, layer]),
  ];
  let featuresDiffering = 0;
  for (const [layerA, layerB] of ordered) {
    const layer = (layerA ?? layerB)!;
    const counts: LayerDiffCounts = {
      layer: layer.id,
      title: (layerB ?? layerA)!.title,
      presence: layerA && layerB ? 'both' : layerA ? 'only-a' : 'only-b',
      ...zeroCounts(),
    };
    const push = <T extends FeatureRef>(category: DiffCategory, entry: T) => {
      (diff[category] as T[]).push(entry);
      counts[category] += 1;
    };
    featuresDiffering += diffLayer(layer.id, layerA?.features ?? [], layerB?.features ?? [], push);
    diff.layers.push(counts);
  }
  diff.summary = summarize(diff, featuresDiffering);
  return diff;
}

/** Returns how many features of the layer differ. */
function diffLayer(
  layer: string,
  featuresA: readonly ScenarioFeature[],
  featuresB: readonly ScenarioFeature[],
  push: <T extends FeatureRef>(category: DiffCategory, entry: T) => void,
): number {
  const byIdA = new Map(featuresA.map((feature) => [feature.properties.id, feature]));
  const byIdB = new Map(featuresB.map((feature) => [feature.properties.id, feature]));
  const ids = [...new Set([...byIdA.keys(), ...byIdB.keys()])].sort(compareIds);
  let differing = 0;
  for (const id of ids) {
    const featureA = byIdA.get(id);
    const featureB = byIdB.get(id);
    if (featureA === featureB) continue;
    const ref: FeatureRef = { layer, id, name: nameOf((featureB ?? featureA)!) };
    if (!featureA) push('added', ref);
    else if (!featureB) push('removed', ref);
    else {
      const geometryChange = compareGeometry(featureA.geometry, featureB.geometry);
      if (geometryChange === 'placed' || geometryChange === 'unplaced') push(geometryChange, ref);
      else if (geometryChange !== null) push('moved', { ...ref, distanceMeters: geometryChange });
      const changes = propertyChanges(featureA.properties, featureB.properties);
      if (changes.length) push('changed', { ...ref, changes });
      if (geometryChange === null && changes.length === 0) continue;
    }
    differing += 1;
  }
  return differing;
}

/** null when equal, else placed/unplaced or the distance moved in metres. */
function compareGeometry(a: Geometry | null, b: Geometry | null): number | 'placed' | 'unplaced' | null {
  if (a === b || deepEqual(a, b)) return null;
  if (a === null) return 'placed';
  if (b === null) return 'unplaced';
  return distance(representativePoint(a), representativePoint(b), { units: 'meters' });
}

/** Points: the point itself (geodesic distance); other geometries: their centroid. */
export function representativePoint(geometry: Geometry): Position {
  if (geometry.type === 'Point') return geometry.coordinates;
  return centroid(geometry).geometry.coordinates;
}

function propertyChanges(a: Record<string, unknown>, b: Record<string, unknown>): PropertyChange[] {
  if (a === b) return [];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareIds);
  return keys.filter((key) => !deepEqual(a[key], b[key])).map((key) => ({ key, a: a[key], b: b[key] }));
}

/** Structural equality for JSON-like values (what features and properties are). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((value, index) => deepEqual(value, other[index]));
  }
  // Keys whose value is undefined are absent for JSON and for the project file.
  const keysA = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const keysB = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  return (
    keysA.length === keysB.length &&
    keysA.every((key) => deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}

function nameOf(feature: ScenarioFeature): string {
  const name = feature.properties.name;
  return typeof name === 'string' && name ? name : feature.properties.id;
}

// Code-unit order, not locale order: the same on every machine and in every language.
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function zeroCounts(): DiffCounts {
  return { added: 0, removed: 0, moved: 0, placed: 0, unplaced: 0, changed: 0 };
}

function emptySummary(): DiffSummary {
  return { ...zeroCounts(), featuresDiffering: 0, text: { zh: '', en: '' } };
}

function summarize(diff: ScenarioDiff, featuresDiffering: number): DiffSummary {
  const counts = zeroCounts();
  for (const category of Object.keys(counts) as DiffCategory[]) counts[category] = diff[category].length;
  if (featuresDiffering === 0) return { ...counts, featuresDiffering, text: { zh: '两个方案相同', en: 'The scenarios are identical' } };
  const zhNames: Record<DiffCategory, string> = { added: '新增', removed: '删除', moved: '移动', placed: '放置', unplaced: '取消放置', changed: '属性修改' };
  const enNames: Record<DiffCategory, string> = { added: 'added', removed: 'removed', moved: 'moved', placed: 'placed', unplaced: 'unplaced', changed: 'properties changed' };
  const present = (Object.keys(counts) as DiffCategory[]).filter((category) => counts[category] > 0);
  // A feature that was both moved and edited counts in two categories: say so,
  // or the categories seem not to add up to the number of features.
  const changes = present.reduce((sum, category) => sum + counts[category], 0);
  const overlap =
    changes > featuresDiffering
      ? {
          zh: `（共 ${changes} 项变化：一个要素可同时属于几类，如既移动又修改属性）`,
          en: ` (${changes} changes in all: one feature can count in several categories, e.g. moved and changed)`,
        }
      : { zh: '', en: '' };
  return {
    ...counts,
    featuresDiffering,
    text: {
      zh: `${featuresDiffering} 个要素不同：${present.map((c) => `${zhNames[c]} ${counts[c]}`).join('，')}${overlap.zh}`,
      en: `${featuresDiffering} feature${featuresDiffering === 1 ? ' differs' : 's differ'}: ${present.map((c) => `${counts[c]} ${enNames[c]}`).join(', ')}${overlap.en}`,
    },
  };
}
