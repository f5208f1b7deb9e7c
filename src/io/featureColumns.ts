// An imported point layer on its way from the io worker to the main thread,
// as columns instead of 100,000 feature objects. Structured cloning objects
// costs the receiving thread ≈ 5–7 µs a feature (513–736 ms for the bench's
// 100,000 points, all of it a frozen page); the columns cross as a few
// transferred buffers and one string, and the main thread builds the same
// features from them in a fraction of that time.
//
// Packed only when every feature is a plain `{ type, geometry, properties }`
// with a 2D Point or no geometry, and every property value is a string, a
// finite number, a boolean or null, with the keys in the same order in every
// feature: what CSV, Excel and point Shapefile/GeoJSON imports give. Anything
// else (lines, polygons, nested values) crosses as objects, as before.
import type { ScenarioFeature } from '../domain/scenario';

/** How a property value is stored for one feature. */
const NULL = 1;
const NUMBER = 2;
const STRING = 3;
const TRUE = 4;
const FALSE = 5;

export interface PackedColumn {
  key: string;
  /** Per feature: NULL, NUMBER, STRING, TRUE or FALSE. */
  kinds: Uint8Array;
  /** Per feature: the number (NUMBER), or the end of the string in `text` (STRING). */
  values: Float64Array;
}

export interface PackedFeatures {
  count: number;
  /** Features with a geometry (the others have NaN positions). */
  located: number;
  /** lng, lat per feature; NaN, NaN for a feature without geometry. */
  positions: Float64Array;
  keys: string[];
  columns: PackedColumn[];
  /** Every string value, one after another (each column's strings end where `values` says). */
  text: string;
}

/** The features as columns, or null when they are not all simple points (they then cross as objects). */
export function packFeatures(features: readonly ScenarioFeature[]): PackedFeatures | null {
  const count = features.length;
  if (count === 0) return null;
  const keys = Object.keys(features[0]!.properties);
  const positions = new Float64Array(count * 2);
  const columns: PackedColumn[] = keys.map((key) => ({ key, kinds: new Uint8Array(count), values: new Float64Array(count) }));
  const pieces: string[] = [];
  let textLength = 0;
  let located = 0;
  for (let f = 0; f < count; f++) {
    const feature = features[f]!;
    if (feature.type !== 'Feature' || Object.keys(feature).length !== 3 || !('geometry' in feature) || !('properties' in feature)) return null;
    const geometry = feature.geometry;
    if (geometry === null) positions[2 * f] = positions[2 * f + 1] = NaN;
    else if (geometry.type === 'Point' && geometry.coordinates.length === 2 && Object.keys(geometry).length === 2 && Number.isFinite(geometry.coordinates[0]) && Number.isFinite(geometry.coordinates[1])) {
      positions[2 * f] = geometry.coordinates[0]!;
      positions[2 * f + 1] = geometry.coordinates[1]!;
      located++;
    } else return null;
    const properties = feature.properties;
    const own = Object.keys(properties);
    if (own.length !== keys.length) return null;
    for (let k = 0; k < own.length; k++) if (own[k] !== keys[k]) return null;
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c]!;
      const value = properties[column.key];
      if (value === null) column.kinds[f] = NULL;
      else if (typeof value === 'number' && Number.isFinite(value)) (column.kinds[f] = NUMBER), (column.values[f] = value);
      else if (typeof value === 'string') {
        pieces.push(value);
        textLength += value.length;
        column.kinds[f] = STRING;
        column.values[f] = textLength;
      } else if (value === true) column.kinds[f] = TRUE;
      else if (value === false) column.kinds[f] = FALSE;
      else return null;
    }
  }
  // Strings are read back in the same order: feature by feature, column by column.
  return { count, located, positions, keys, columns, text: pieces.join('') };
}

/**
 * Feature lists and their columns: the ones rebuilt from columns, and the ones packed for storage.
 * A list is never changed once it is in a scenario (an edit makes a new one), so its columns stay
 * true: storing it again, or drawing it, reads them instead of walking 100,000 objects.
 */
const packedLists = new WeakMap<readonly ScenarioFeature[], PackedFeatures | null>();

/** packFeatures, once per list. Never transfer its buffers: they are kept for the list. */
export function packedFeaturesOf(features: readonly ScenarioFeature[]): PackedFeatures | null {
  let packed = packedLists.get(features);
  if (packed === undefined) packedLists.set(features, (packed = packFeatures(features)));
  return packed;
}

/** The buffers of packed features, to transfer rather than copy. */
export function packedTransfer(packed: PackedFeatures): ArrayBuffer[] {
  return [packed.positions.buffer as ArrayBuffer, ...packed.columns.flatMap((column) => [column.kinds.buffer as ArrayBuffer, column.values.buffer as ArrayBuffer])];
}

/** The features packFeatures was given, rebuilt (equal values, the same key order). */
export function unpackFeatures(packed: PackedFeatures): ScenarioFeature[] {
  const features: ScenarioFeature[] = new Array(packed.count);
  unpackRange(packed, features, 0, packed.count, 0);
  packedLists.set(features, packed);
  return features;
}

/**
 * unpackFeatures in slices of `slice` features, awaiting `pause()` between them, so that the page
 * draws frames meanwhile: a million features take the main thread most of a second in one go.
 */
export async function unpackFeaturesInSlices(packed: PackedFeatures, pause: () => Promise<void>, slice = 20_000): Promise<ScenarioFeature[]> {
  const features: ScenarioFeature[] = new Array(packed.count);
  let textStart = 0;
  for (let from = 0; from < packed.count; from += slice) {
    if (from > 0) await pause();
    textStart = unpackRange(packed, features, from, Math.min(packed.count, from + slice), textStart);
  }
  packedLists.set(features, packed);
  return features;
}

/** Rebuilds features [from, to) into `features`; their strings start at `textStart` in packed.text. Returns where the next's start. */
function unpackRange(packed: PackedFeatures, features: ScenarioFeature[], from: number, to: number, textStart: number): number {
  const { positions, columns, text } = packed;
  for (let f = from; f < to; f++) {
    const properties: Record<string, unknown> = {};
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c]!;
      switch (column.kinds[f]) {
        case NULL:
          properties[column.key] = null;
          break;
        case NUMBER:
          properties[column.key] = column.values[f];
          break;
        case STRING: {
          const end = column.values[f]!;
          properties[column.key] = text.slice(textStart, end);
          textStart = end;
          break;
        }
        case TRUE:
          properties[column.key] = true;
          break;
        case FALSE:
          properties[column.key] = false;
          break;
      }
    }
    const lng = positions[2 * f]!;
    const lat = positions[2 * f + 1]!;
    features[f] = {
      type: 'Feature',
      geometry: Number.isNaN(lng) ? null : { type: 'Point', coordinates: [lng, lat] },
      properties: properties as ScenarioFeature['properties'],
    };
  }
  return textStart;
}
