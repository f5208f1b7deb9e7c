// How an imported layer is drawn: single colour, categories of a field's
// values, or graduated classes of a numeric field (as in QGIS, kepler.gl and
// uMap), plus point size by field, line width, fill opacity and labels from a
// field. The style belongs to the layer in the scenario (and so in the project
// file); it is never written into exported data, which carries features only.
//
// Pure: the map, the layers panel, the presenter legend and the PNG sheet all
// read the same `resolveLayerStyle` result, so every legend says what the map draws.
import type { LocalizedText } from '../i18n/text';
import { BREAK_METHODS, classBreaks, classIndexOf, type BreakMethod, type ValueClass } from './classBreaks';
import type { Rgb } from './layers';

export type StyleMode = 'single' | 'categories' | 'graduated';
export const STYLE_MODES: readonly StyleMode[] = ['single', 'categories', 'graduated'];
export type SequentialPalette = 'YlOrRd' | 'Blues' | 'Greens' | 'Purples';
export const SEQUENTIAL_PALETTES: readonly SequentialPalette[] = ['YlOrRd', 'Blues', 'Greens', 'Purples'];

export interface ImportedLayerStyle {
  mode: StyleMode;
  /** The single colour (`#rrggbb`). */
  color: string;
  /** The field categories or classes are read from. */
  field: string | null;
  method: BreakMethod;
  /** Wanted number of graduated classes (2–9). */
  classCount: number;
  palette: SequentialPalette;
  /** Point radius in pixels; with `sizeField`, the largest value's radius. */
  pointRadius: number;
  /** Numeric field that scales point symbols (area proportional to the value). */
  sizeField: string | null;
  /** Line and outline width in pixels. */
  lineWidth: number;
  /** Polygon fill opacity, 0–1. */
  fillOpacity: number;
  /** Field whose values label the features on the map. */
  labelField: string | null;
}

export const DEFAULT_LAYER_STYLE: ImportedLayerStyle = {
  mode: 'single',
  color: '#663399',
  field: null,
  method: 'natural-breaks',
  classCount: 5,
  palette: 'YlOrRd',
  pointRadius: 5,
  sizeField: null,
  lineWidth: 2,
  fillOpacity: 0.35,
  labelField: null,
};

export const LIMITS = {
  classCount: [2, 9],
  pointRadius: [1, 40],
  lineWidth: [0.5, 20],
  fillOpacity: [0, 1],
} as const;

/** Categories beyond this many values are drawn as one "other" class. */
export const MAX_CATEGORIES = 10;
/** Smallest radius of a point sized by field, in pixels. */
export const MIN_SIZED_RADIUS = 2;

/** Okabe–Ito (colour-blind safe) then Tableau's extra hues: distinct for ten categories. */
export const CATEGORY_PALETTE: readonly Rgb[] = [
  [230, 159, 0],
  [86, 180, 233],
  [0, 158, 115],
  [240, 228, 66],
  [0, 114, 178],
  [213, 94, 0],
  [204, 121, 167],
  [118, 183, 178],
  [156, 117, 95],
  [102, 51, 153],
];
export const OTHER_COLOR: Rgb = [170, 170, 170];
export const NO_DATA_COLOR: Rgb = [200, 200, 200];

/** ColorBrewer 9-class sequential ramps (Cynthia Brewer, colorbrewer2.org, Apache-2.0). */
const RAMPS: Record<SequentialPalette, readonly string[]> = {
  YlOrRd: ['#ffffcc', '#ffeda0', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#bd0026', '#800026'],
  Blues: ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b'],
  Greens: ['#f7fcf5', '#e5f5e0', '#c7e9c0', '#a1d99b', '#74c476', '#41ab5d', '#238b45', '#006d2c', '#00441b'],
  Purples: ['#fcfbfd', '#efedf5', '#dadaeb', '#bcbddc', '#9e9ac8', '#807dba', '#6a51a3', '#54278f', '#3f007d'],
};

export function hexToRgb(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

export function rgbToHex(rgb: Rgb): string {
  return `#${rgb.map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * `count` colours from light to dark. The palest step of the 9-class ramp is
 * left out (it vanishes on the light basemap) unless all nine are needed; the
 * rest sampled evenly.
 */
export function sequentialColors(palette: SequentialPalette, count: number): Rgb[] {
  const ramp = count >= RAMPS[palette].length ? RAMPS[palette] : RAMPS[palette].slice(1);
  if (count <= 1) return [hexToRgb(ramp[ramp.length - 3]!)];
  return Array.from({ length: count }, (_, index) => hexToRgb(ramp[Math.round((index * (ramp.length - 1)) / (count - 1))]!));
}

/** A field value as a number: numbers, and text that is a plain number ("12,3" is not). */
export function numericValue(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value.trim());
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

export interface FieldInfo {
  name: string;
  /** Features with a value in this field. */
  filled: number;
  /** …of which are numbers. */
  numeric: number;
}

/** Keys that are the app's machinery, not the planner's data. */
const isDataField = (key: string) => key !== 'id' && !key.startsWith('__');

/** The fields of a feature list, in first-seen order, with how many values are numbers. */
export function fieldsOf(features: readonly { properties: Record<string, unknown> }[]): FieldInfo[] {
  const fields = new Map<string, FieldInfo>();
  for (const feature of features)
    for (const [key, value] of Object.entries(feature.properties)) {
      if (!isDataField(key)) continue;
      let info = fields.get(key);
      if (!info) fields.set(key, (info = { name: key, filled: 0, numeric: 0 }));
      if (value === null || value === undefined || value === '') continue;
      info.filled += 1;
      if (numericValue(value) !== null) info.numeric += 1;
    }
  return [...fields.values()];
}

/** A field graduated styles and sizes can use: most filled values are numbers. */
export const isNumericField = (field: FieldInfo) => field.numeric > 0 && field.numeric >= field.filled * 0.9;

export interface LegendEntry {
  color: Rgb;
  label: LocalizedText;
  /** Features drawn in this colour. */
  count: number;
  /** Graduated classes: the bounds. Categories: the value. */
  lower?: number;
  upper?: number;
  value?: string;
}

export interface ResolvedLayerStyle {
  style: ImportedLayerStyle;
  entries: LegendEntry[];
  /** The colour of each feature, by index in the feature list. */
  colorIndex: Uint16Array;
  colors: Rgb[];
  /** Point radius per feature (pixels). */
  radii: Float32Array;
  /** Point size legend: the field and the values at the smallest and largest radius. */
  size: { field: string; min: number; max: number; minRadius: number; maxRadius: number } | null;
  /** Why the style falls back (e.g. the field has no numbers), in both languages. */
  notice: LocalizedText | null;
}

const formatNumber = (value: number) =>
  new Intl.NumberFormat('en-US', { maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 2 }).format(value);

type StyledFeature = { properties: Record<string, unknown> };

/** What to draw for each feature and what the legend lists. Pure; the caller memoises. */
export function resolveLayerStyle(features: readonly StyledFeature[], style: ImportedLayerStyle, title: LocalizedText): ResolvedLayerStyle {
  const n = features.length;
  const colorIndex = new Uint16Array(n);
  let colors: Rgb[] = [hexToRgb(style.color)];
  let entries: LegendEntry[] = [{ color: colors[0]!, label: title, count: n }];
  let notice: LocalizedText | null = null;
  const field = style.field;

  if (style.mode === 'categories' && field) {
    const counts = new Map<string, number>();
    for (const feature of features) {
      const key = categoryKey(feature.properties[field]);
      if (key !== null) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    // Most frequent first (ties by value), as QGIS's "classify" lists them; the rest are "other".
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN'));
    const shown = ranked.length > MAX_CATEGORIES ? ranked.slice(0, MAX_CATEGORIES - 1) : ranked;
    const slot = new Map(shown.map(([value], index) => [value, index]));
    colors = shown.map((_, index) => CATEGORY_PALETTE[index % CATEGORY_PALETTE.length]!);
    const otherIndex = colors.push(OTHER_COLOR) - 1;
    const noDataIndex = colors.push(NO_DATA_COLOR) - 1;
    const perColor = new Array<number>(colors.length).fill(0);
    features.forEach((feature, index) => {
      const key = categoryKey(feature.properties[field]);
      const at = key === null ? noDataIndex : (slot.get(key) ?? otherIndex);
      colorIndex[index] = at;
      perColor[at] = (perColor[at] ?? 0) + 1;
    });
    entries = shown.map(([value], index) => ({ color: colors[index]!, label: { zh: value, en: value }, count: perColor[index]!, value }));
    if (perColor[otherIndex]! > 0)
      entries.push({ color: OTHER_COLOR, label: { zh: `其他（${ranked.length - shown.length} 类）`, en: `Other (${ranked.length - shown.length} values)` }, count: perColor[otherIndex]! });
    if (perColor[noDataIndex]! > 0) entries.push({ color: NO_DATA_COLOR, label: { zh: '无数据', en: 'No data' }, count: perColor[noDataIndex]! });
  } else if (style.mode === 'graduated' && field) {
    const values = features.map((feature) => numericValue(feature.properties[field]));
    const classes: ValueClass[] = classBreaks(values.filter((value): value is number => value !== null), style.method, style.classCount);
    if (classes.length === 0) {
      notice = { zh: `字段“${field}”没有数值，无法分级：按单一颜色绘制。`, en: `Field “${field}” holds no numbers, so it cannot be graduated: drawn in one colour.` };
    } else {
      colors = sequentialColors(style.palette, classes.length);
      const noDataIndex = colors.push(NO_DATA_COLOR) - 1;
      const perColor = new Array<number>(colors.length).fill(0);
      values.forEach((value, index) => {
        const at = value === null ? noDataIndex : classIndexOf(classes, value);
        const slot = at < 0 ? noDataIndex : at;
        colorIndex[index] = slot;
        perColor[slot] = (perColor[slot] ?? 0) + 1;
      });
      entries = classes.map((cls, index) => {
        const range = cls.lower === cls.upper ? formatNumber(cls.upper) : `${formatNumber(cls.lower)} – ${formatNumber(cls.upper)}`;
        return { color: colors[index]!, label: { zh: range, en: range }, count: perColor[index]!, lower: cls.lower, upper: cls.upper };
      });
      if (perColor[noDataIndex]! > 0) entries.push({ color: NO_DATA_COLOR, label: { zh: '无数据', en: 'No data' }, count: perColor[noDataIndex]! });
      if (classes.length < style.classCount)
        notice = {
          zh: `字段“${field}”的数值只够分 ${classes.length} 级（要求 ${style.classCount} 级）。`,
          en: `Field “${field}” supports only ${classes.length} classes (${style.classCount} asked).`,
        };
    }
  }

  const radii = new Float32Array(n).fill(style.pointRadius);
  let size: ResolvedLayerStyle['size'] = null;
  if (style.sizeField) {
    const sizeField = style.sizeField;
    const values = features.map((feature) => numericValue(feature.properties[sizeField]));
    const finite = values.filter((value): value is number => value !== null);
    if (finite.length > 0) {
      const [min, max] = extent(finite);
      const minRadius = Math.min(MIN_SIZED_RADIUS, style.pointRadius);
      // Area, not radius, follows the value (a value twice as large looks twice as large).
      values.forEach((value, index) => {
        radii[index] = value === null ? minRadius : max === min ? style.pointRadius : minRadius + (style.pointRadius - minRadius) * Math.sqrt((value - min) / (max - min));
      });
      size = { field: sizeField, min, max, minRadius, maxRadius: style.pointRadius };
    } else {
      notice ??= { zh: `字段“${sizeField}”没有数值，点大小不按字段变化。`, en: `Field “${sizeField}” holds no numbers: point size does not follow it.` };
    }
  }
  return { style, entries, colorIndex, colors, radii, size, notice };
}

/** Smallest and largest value; Math.min(...values) would overflow the stack on 100,000 values. */
function extent(values: readonly number[]): [number, number] {
  let min = values[0]!;
  let max = min;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return [min, max];
}

function categoryKey(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The label text of a feature, or null when the field is empty. */
export function labelText(properties: Record<string, unknown>, field: string): string | null {
  const value = properties[field];
  if (value === null || value === undefined || value === '') return null;
  return typeof value === 'number' ? formatNumber(value) : String(value);
}

export type StyleCheck = { ok: true; style: ImportedLayerStyle } | { ok: false; problem: LocalizedText };

const HEX = /^#[0-9a-f]{6}$/i;

/**
 * Checks a style read from a project file or stored record. Missing keys take
 * the default (a file from before a key existed stays readable); a key with a
 * wrong type or out of range is refused, naming the key, the value and what
 * is needed.
 */
export function checkLayerStyle(value: unknown): StyleCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return refuse('样式不是对象', 'the style is not an object');
  const input = value as Record<string, unknown>;
  const style: ImportedLayerStyle = { ...DEFAULT_LAYER_STYLE };
  const shown = (key: string) => JSON.stringify(input[key])?.slice(0, 40) ?? String(input[key]);
  const has = (key: keyof ImportedLayerStyle) => key in input && input[key] !== undefined;

  if (has('mode')) {
    if (!STYLE_MODES.includes(input.mode as StyleMode)) return refuse(`样式方式 mode 为 ${shown('mode')}，应为 ${STYLE_MODES.join('/')}`, `style mode is ${shown('mode')}; needs ${STYLE_MODES.join('/')}`);
    style.mode = input.mode as StyleMode;
  }
  if (has('color')) {
    if (typeof input.color !== 'string' || !HEX.test(input.color)) return refuse(`颜色 color 为 ${shown('color')}，应为 #rrggbb`, `color is ${shown('color')}; needs #rrggbb`);
    style.color = input.color.toLowerCase();
  }
  for (const key of ['field', 'sizeField', 'labelField'] as const) {
    if (!has(key)) continue;
    if (input[key] !== null && (typeof input[key] !== 'string' || input[key] === ''))
      return refuse(`字段名 ${key} 为 ${shown(key)}，应为字段名或 null`, `${key} is ${shown(key)}; needs a field name or null`);
    style[key] = input[key] as string | null;
  }
  if (has('method')) {
    if (!BREAK_METHODS.includes(input.method as BreakMethod)) return refuse(`分级方法 method 为 ${shown('method')}，应为 ${BREAK_METHODS.join('/')}`, `method is ${shown('method')}; needs ${BREAK_METHODS.join('/')}`);
    style.method = input.method as BreakMethod;
  }
  if (has('palette')) {
    if (!SEQUENTIAL_PALETTES.includes(input.palette as SequentialPalette))
      return refuse(`色带 palette 为 ${shown('palette')}，应为 ${SEQUENTIAL_PALETTES.join('/')}`, `palette is ${shown('palette')}; needs ${SEQUENTIAL_PALETTES.join('/')}`);
    style.palette = input.palette as SequentialPalette;
  }
  for (const key of Object.keys(LIMITS) as (keyof typeof LIMITS)[]) {
    if (!has(key)) continue;
    const [low, high] = LIMITS[key];
    const number = input[key];
    if (typeof number !== 'number' || !Number.isFinite(number) || number < low || number > high || (key === 'classCount' && !Number.isInteger(number)))
      return refuse(`${key} 为 ${shown(key)}，应为 ${low}–${high} 之间的数`, `${key} is ${shown(key)}; needs a number from ${low} to ${high}`);
    style[key] = number;
  }
  if ((style.mode === 'categories' || style.mode === 'graduated') && style.field === null)
    return refuse(`按字段着色（${style.mode}）需要选择字段 field`, `styling by field (${style.mode}) needs a field`);
  return { ok: true, style };
}

const refuse = (zh: string, en: string): StyleCheck => ({ ok: false, problem: { zh: `图层样式无效：${zh}。`, en: `Invalid layer style: ${en}.` } });

/** The layer's style, or the default for a layer that has none yet. */
export const styleOf = (layer: { style?: ImportedLayerStyle }): ImportedLayerStyle => layer.style ?? DEFAULT_LAYER_STYLE;
