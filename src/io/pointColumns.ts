// Imported analysis points as columns: what the file-reading worker sends to
// the main thread instead of one object per point (100,000 objects cost the
// main thread seconds to receive; these arrays are transferred, not copied).
// Coordinates and numeric attributes are typed arrays; ids and names, the only
// text the analyses need, are two string arrays. Points outside the study area
// (the city) are marked here, in the worker, so analyses leave them out and
// the panel can say how many (issue 16, bug 5).
import { OutlineIndex } from '../analysis/outlineIndex';
import type { StudyArea, Target } from '../analysis/types';
import type { ImportedPoint, PointsResult, SkippedRow, TargetsResult } from './analysisInputs';
import { numericKeys } from './analysisInputs';
import { findKey, normaliseKey, parseNumberCell } from './import/fields';
import { failure, type ImportFailure } from './import/types';

export interface PointColumns {
  /** WGS84 longitude and latitude per point (targets are points only). */
  lng: Float64Array;
  lat: Float64Array;
  ids: string[];
  names: string[];
  /** Every property key of the points (but id), numeric or not. */
  keys: string[];
  /** The properties every point holding one holds as a number: the weight choices the panel offers. */
  weightChoices: string[];
  /** Every property with at least one number in it, per point; NaN where missing or not a number. */
  numeric: { key: string; values: Float64Array }[];
  /** 1 where the point lies in the study area, 0 outside; null when no study area was given (all count). */
  inside: Uint8Array | null;
}

/** A targets file as the io worker hands it over. */
export type PointColumnsResult =
  | ({ ok: true; columns: PointColumns; skipped: SkippedRow[] } & Omit<Extract<PointsResult, { ok: true }>, 'ok' | 'points' | 'skipped'>)
  | ImportFailure;

function numberOf(value: unknown): number {
  if (typeof value === 'number') return value;
  const parsed = typeof value === 'string' ? parseNumberCell(value) : null;
  return parsed ?? NaN;
}

/** Points (objects, in the worker) → columns; `outline` marks which lie in the study area. */
export function pointColumnsOf(points: readonly ImportedPoint[], outline?: StudyArea['outline']): PointColumns {
  const n = points.length;
  const lng = new Float64Array(n);
  const lat = new Float64Array(n);
  const ids = new Array<string>(n);
  const names = new Array<string>(n);
  const keySet = new Set<string>();
  for (let i = 0; i < n; i++) {
    const point = points[i]!;
    const isPoint = point.geometry.type === 'Point';
    lng[i] = isPoint ? (point.geometry.coordinates[0] as number) ?? NaN : NaN;
    lat[i] = isPoint ? (point.geometry.coordinates[1] as number) ?? NaN : NaN;
    ids[i] = point.id;
    names[i] = point.name;
    for (const key in point.properties) if (key !== 'id') keySet.add(key);
  }
  const keys = [...keySet];
  const numeric = keys.flatMap((key) => {
    const values = new Float64Array(n);
    let any = false;
    for (let i = 0; i < n; i++) {
      const value = numberOf(points[i]!.properties[key]);
      values[i] = value;
      any ||= !Number.isNaN(value);
    }
    return any ? [{ key, values }] : [];
  });
  const inside = outline ? new OutlineIndex(outline).containsAll(lng, lat) : null;
  return { lng, lat, ids, names, keys, weightChoices: numericKeys(points), numeric, inside };
}

/** The buffers to transfer with the columns. */
export function pointColumnsTransfer(columns: PointColumns): ArrayBuffer[] {
  const buffers = [columns.lng.buffer, columns.lat.buffer, ...columns.numeric.map((column) => column.values.buffer)];
  if (columns.inside) buffers.push(columns.inside.buffer);
  return buffers as ArrayBuffer[];
}

/** How many points lie outside the study area (0 when none was given). */
export function outsideCount(columns: PointColumns): number {
  if (!columns.inside) return 0;
  let outside = 0;
  for (let i = 0; i < columns.inside.length; i++) if (columns.inside[i] === 0) outside++;
  return outside;
}

/**
 * Columns → engine targets, weight from `weightProperty` (non-negative) or 1,
 * leaving out points outside the study area. The same targets as toTargets()
 * on the point objects when every point is inside (tests/unit/io/pointColumns.test.ts).
 */
export function targetsFromColumns(columns: PointColumns, weightProperty?: string): TargetsResult {
  let weights: Float64Array | null = null;
  if (weightProperty !== undefined) {
    const key = findKey(columns.keys, [normaliseKey(weightProperty)]);
    if (key === undefined) {
      const available = columns.weightChoices.join(', ') || '—';
      return failure(
        'unknown-property',
        `没有属性“${weightProperty}”（可用的数值属性：${available}）。`,
        `no property "${weightProperty}" (numeric properties available: ${available}).`,
      );
    }
    weights = columns.numeric.find((column) => column.key === key)?.values ?? new Float64Array(columns.lng.length).fill(NaN);
  }
  const targets: Target[] = [];
  const { lng, lat, ids, names, inside } = columns;
  for (let i = 0; i < lng.length; i++) {
    if (inside && inside[i] === 0) continue;
    const weight = weights ? weights[i]! : 1;
    if (!(Number.isFinite(weight) && weight >= 0)) continue;
    targets.push({ id: ids[i]!, name: names[i]!, coordinates: [lng[i]!, lat[i]!], weight });
  }
  if (targets.length === 0) return failure('no-valid-rows', '没有可用的目标点。', 'no usable target points.');
  return { ok: true, targets, skipped: [] };
}

/** An import report → the targets file's columns (the io worker's half of "import targets"). */
export function pointColumnsFromImport(points: PointsResult, outline?: StudyArea['outline']): PointColumnsResult {
  if (!points.ok) return points;
  const { points: objects, ok: _ok, ...facts } = points;
  return { ok: true, ...facts, columns: pointColumnsOf(objects, outline) };
}
