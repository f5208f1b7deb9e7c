// Styling imported layers by field: fields found, colours per category and per
// graduated class, point sizes by value, style validation with messages.
import { describe, expect, it } from 'vitest';
import { classBreaks } from '../../../src/domain/classBreaks';
import {
  CATEGORY_PALETTE,
  checkLayerStyle,
  DEFAULT_LAYER_STYLE,
  fieldsOf,
  isNumericField,
  MAX_CATEGORIES,
  NO_DATA_COLOR,
  OTHER_COLOR,
  resolveLayerStyle,
  sequentialColors,
  type ImportedLayerStyle,
} from '../../../src/domain/layerStyle';

const TITLE = { zh: '乡镇人口', en: 'Township population' };
const features = (rows: Record<string, unknown>[]) => rows.map((properties, index) => ({ properties: { id: `f${index}`, ...properties } }));
const style = (change: Partial<ImportedLayerStyle>): ImportedLayerStyle => ({ ...DEFAULT_LAYER_STYLE, ...change });
/** Relative luminance (sRGB weights): a sequential ramp gets darker class by class. */
const luminance = ([r, g, b]: readonly number[]) => 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;

describe('fieldsOf', () => {
  it('lists data fields with how many values are numbers (numeric text counts), leaving out id and machinery keys', () => {
    const fields = fieldsOf(features([{ 名称: '甲', 人口: 1200, 编码: '411702', __draw: true }, { 名称: '乙', 人口: '3400', 编码: '411721' }, { 名称: '丙', 人口: null }]));
    expect(fields.map((field) => field.name)).toEqual(['名称', '人口', '编码']);
    const population = fields.find((field) => field.name === '人口')!;
    expect(population).toEqual({ name: '人口', filled: 2, numeric: 2 });
    expect(isNumericField(population)).toBe(true);
    expect(isNumericField(fields[0]!)).toBe(false);
  });
});

describe('resolveLayerStyle', () => {
  it('single colour: one legend entry named by the layer, every feature that colour', () => {
    const resolved = resolveLayerStyle(features([{ a: 1 }, { a: 2 }]), style({ color: '#112233' }), TITLE);
    expect(resolved.entries).toEqual([{ color: [0x11, 0x22, 0x33], label: TITLE, count: 2 }]);
    expect([...resolved.colorIndex]).toEqual([0, 0]);
  });

  it('categories: most frequent value first, palette in order, empty values as no data', () => {
    const rows = [{ 类型: '镇' }, { 类型: '乡' }, { 类型: '镇' }, { 类型: '街道' }, { 类型: '' }, { 类型: '镇' }, { 类型: '乡' }];
    const resolved = resolveLayerStyle(features(rows), style({ mode: 'categories', field: '类型' }), TITLE);
    expect(resolved.entries.map((entry) => [entry.label.zh, entry.count])).toEqual([
      ['镇', 3],
      ['乡', 2],
      ['街道', 1],
      ['无数据', 1],
    ]);
    expect(resolved.entries.slice(0, 3).map((entry) => entry.color)).toEqual(CATEGORY_PALETTE.slice(0, 3));
    expect(resolved.entries[3]!.color).toEqual(NO_DATA_COLOR);
    // Each feature is drawn in its category's legend colour.
    rows.forEach((row, index) => {
      const entry = resolved.entries.find((candidate) => candidate.label.zh === (row.类型 || '无数据'))!;
      expect(resolved.colors[resolved.colorIndex[index]!]).toEqual(entry.color);
    });
  });

  it(`categories beyond ${MAX_CATEGORIES} values: the rarest go into one “other” entry that says how many`, () => {
    const rows = Array.from({ length: 15 }, (_, index) => Array.from({ length: 20 - index }, () => ({ 类: `值${index}` }))).flat();
    const resolved = resolveLayerStyle(features(rows), style({ mode: 'categories', field: '类' }), TITLE);
    expect(resolved.entries).toHaveLength(MAX_CATEGORIES);
    const other = resolved.entries.at(-1)!;
    expect(other.color).toEqual(OTHER_COLOR);
    expect(other.label.zh).toBe('其他（6 类）');
    expect(other.count).toBe([11, 10, 9, 8, 7, 6].reduce((sum, n) => sum + n, 0));
  });

  it('graduated: classes from classBreaks, light to dark, counts add up, non-numbers as no data', () => {
    const population = [12000, 35000, 80000, 150000, 420000, 960000, 18000, 61000];
    const rows = [...population.map((人口) => ({ 人口 })), { 人口: '不详' }];
    const resolved = resolveLayerStyle(features(rows), style({ mode: 'graduated', field: '人口', method: 'quantile', classCount: 4 }), TITLE);
    const classes = classBreaks(population, 'quantile', 4);
    expect(resolved.entries.slice(0, 4).map((entry) => [entry.lower, entry.upper])).toEqual(classes.map((cls) => [cls.lower, cls.upper]));
    expect(resolved.entries.slice(0, 4).map((entry) => entry.count)).toEqual([2, 2, 2, 2]);
    expect(resolved.entries[4]).toMatchObject({ label: { zh: '无数据', en: 'No data' }, count: 1 });
    const lightness = resolved.entries.slice(0, 4).map((entry) => luminance(entry.color));
    for (let index = 1; index < lightness.length; index += 1) expect(lightness[index]).toBeLessThan(lightness[index - 1]!);
    // Thousands grouped, bounds joined by an en dash.
    expect(resolved.entries[0]!.label.zh).toBe(`12,000 – ${Math.round(classes[0]!.upper).toLocaleString('en-US')}`);
  });

  it('graduated on a field without numbers falls back to one colour and says why', () => {
    const resolved = resolveLayerStyle(features([{ 名称: '甲' }]), style({ mode: 'graduated', field: '名称' }), TITLE);
    expect(resolved.entries).toHaveLength(1);
    expect(resolved.notice?.zh).toContain('没有数值');
    expect(resolved.notice?.en).toContain('holds no numbers');
  });

  it('point size by field: area follows the value, largest value at the chosen radius', () => {
    const resolved = resolveLayerStyle(features([{ 床位: 0 }, { 床位: 25 }, { 床位: 100 }, {}]), style({ sizeField: '床位', pointRadius: 12 }), TITLE);
    const [smallest, quarter, largest, missing] = [...resolved.radii];
    expect(largest).toBe(12);
    expect(smallest).toBe(2);
    // sqrt(25/100) = 0.5 of the way from 2 to 12 px.
    expect(quarter).toBeCloseTo(7, 5);
    expect(missing).toBe(2);
    expect(resolved.size).toEqual({ field: '床位', min: 0, max: 100, minRadius: 2, maxRadius: 12 });
  });

  it('sequential colours are distinct for every class count', () => {
    for (let count = 2; count <= 9; count += 1) expect(new Set(sequentialColors('Blues', count).map(String)).size).toBe(count);
  });
});

describe('checkLayerStyle', () => {
  it('fills missing keys with the defaults (older files stay readable)', () => {
    expect(checkLayerStyle({ mode: 'categories', field: '类型' })).toEqual({ ok: true, style: { ...DEFAULT_LAYER_STYLE, mode: 'categories', field: '类型' } });
    expect(checkLayerStyle({})).toEqual({ ok: true, style: DEFAULT_LAYER_STYLE });
  });

  it.each([
    [{ color: 'red' }, 'color', '#rrggbb'],
    [{ mode: 'heatmap' }, 'mode', 'single/categories/graduated'],
    [{ fillOpacity: 1.5 }, 'fillOpacity', '0 to 1'],
    [{ classCount: 3.5 }, 'classCount', '2 to 9'],
    [{ pointRadius: '5' }, 'pointRadius', '1 to 40'],
    [{ method: 'jenks2' }, 'method', 'natural-breaks'],
    [{ labelField: 3 }, 'labelField', 'field name or null'],
    [{ mode: 'graduated' }, 'graduated', 'needs a field'],
    [[1, 2], 'not an object', 'not an object'],
  ])('refuses %j naming %s and what is needed, in zh and en', (value, key, needed) => {
    const checked = checkLayerStyle(value);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problem.en).toContain(key);
    expect(checked.problem.en).toContain(needed);
    expect(checked.problem.zh).toMatch(/^图层样式无效：/);
  });
});
