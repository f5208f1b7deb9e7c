import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ACCURACY_OPTIONS,
  compareCells,
  filterFeatures,
  formatCell,
  importedLayerColumns,
  layerColumns,
  parseCell,
  planLayerColumns,
  sortFeatures,
  validateFieldName,
  type Column,
  type CountyOption,
} from '../../src/domain/attributeSchema';
import { ACCURACIES, LAYER_IDS, type LayerId } from '../../src/domain/plan';
import type { ScenarioFeature } from '../../src/domain/scenario';

const counties: CountyOption[] = JSON.parse(readFileSync('data/base/counties.geojson', 'utf8')).features.map(
  (feature: { properties: { adcode: string; name_zh: string; name_en: string } }) => ({
    adcode: feature.properties.adcode,
    zh: feature.properties.name_zh,
    en: feature.properties.name_en,
  }),
);
const shipped = (layer: LayerId): ScenarioFeature[] => JSON.parse(readFileSync(`data/layers/${layer}.geojson`, 'utf8')).features;
const column = (columns: Column[], key: string) => {
  const found = columns.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no column ${key}`);
  return found;
};
const feature = (properties: Record<string, unknown>): ScenarioFeature => ({
  type: 'Feature',
  geometry: null,
  properties: { id: String(properties.id), ...properties },
});

describe('plan layer columns', () => {
  it('has the 10 counties', () => expect(counties.map((county) => county.adcode).sort()).toHaveLength(10));

  it.each(LAYER_IDS)('%s: enums cover every value in the shipped data, provenance read-only', (layer) => {
    const columns = planLayerColumns(layer, counties);
    for (const key of ['id', 'source', 'quote', 'placement', 'layer']) expect(column(columns, key).type).toBe('readonly');
    expect(column(columns, 'name')).toMatchObject({ type: 'text', required: true, title: { zh: '名称', en: 'Name' } });
    expect(column(columns, 'accuracy').options!.map((option) => option.value)).toEqual([...ACCURACIES]);
    const county = column(columns, 'county');
    expect(county).toMatchObject({ type: 'enum', nullable: true });
    expect(county.options!.map((option) => option.value)).toEqual(counties.map((c) => c.adcode).sort());
    const kinds = column(columns, 'kind').options!.map((option) => option.value);
    for (const { properties } of shipped(layer)) {
      expect(kinds).toContain(properties.kind);
      if (properties.county !== null) expect(county.options!.map((option) => option.value)).toContain(properties.county);
      // Every shipped field has a column: nothing in the data is hidden from the table.
      for (const key of Object.keys(properties)) expect(columns.map((c) => c.key)).toContain(key);
    }
    // Every field has both titles.
    for (const { title } of columns) expect(title.zh && title.en).toBeTruthy();
  });

  it('has the layer-specific fields', () => {
    expect(column(planLayerColumns('logistics-hubs', counties), 'kind').options!.map((o) => o.value)).toEqual([
      'hub_zone',
      'hub_zone_extra',
      'hub_anchor',
      'logistics_park',
    ]);
    expect(column(planLayerColumns('business-districts', counties), 'variant').options!.map((o) => o.value)).toEqual(['A', 'B', 'C']);
    expect(column(planLayerColumns('urban-system', counties), 'kind').options!.map((o) => o.value)).toEqual([
      'centre',
      'cluster',
      'belt',
      'growth_pole',
    ]);
    const towns = planLayerColumns('towns', counties);
    expect(column(towns, 'roles')).toMatchObject({ type: 'enum-multi' });
    expect(column(towns, 'roles').options!.map((o) => o.value)).toEqual(['central_town', 'characteristic_town']);
    expect(column(towns, 'kind').options!.map((o) => o.value)).toEqual(['town']);
    expect(column(planLayerColumns('industrial-parks', counties), 'kind').options!.map((o) => o.value)).toEqual(['zone', 'sub_park', 'industry_base', 'industrial_core', 'industrial_belt']);
    expect(column(planLayerColumns('industrial-parks', counties), 'industries')).toMatchObject({ type: 'text', list: true });
    expect(planLayerColumns('towns', counties).some((c) => c.key === 'variant')).toBe(false);
  });

  it('adds fields the features carry beyond the schema, and fields added in the table', () => {
    const layer = {
      id: 'towns',
      imported: false,
      features: [feature({ id: 'a', name: '甲', population: 1200, placed_at: '2024-01-01' }), feature({ id: 'b', name: '乙', population: null })],
    };
    const columns = layerColumns(layer, counties, ['owner', 'name']);
    expect(column(columns, 'population').type).toBe('number');
    expect(column(columns, 'placed_at').type).toBe('readonly');
    expect(column(columns, 'owner')).toMatchObject({ type: 'text' });
    expect(columns.filter((c) => c.key === 'name')).toHaveLength(1);
  });
});

describe('imported layer columns', () => {
  it('takes the union of keys, id first and read-only, numbers when every value is a number', () => {
    const columns = importedLayerColumns([
      feature({ id: 'p1', 名称: '一号', 人口: 10, code: 5, tags: ['x'] }),
      feature({ id: 'p2', 人口: 12.5, code: 'A5', remark: null }),
      feature({ id: 'p3', 人口: null }),
    ]);
    expect(columns.map((c) => c.key)).toEqual(['id', '名称', '人口', 'code', 'tags', 'remark']);
    expect(columns.map((c) => c.type)).toEqual(['readonly', 'text', 'number', 'text', 'readonly', 'text']);
    expect(layerColumns({ id: 'imported-x', imported: true, features: [] }, counties)).toEqual([
      { key: 'id', title: { zh: '编号', en: 'ID' }, type: 'readonly' },
    ]);
  });
});

describe('parseCell', () => {
  const towns = planLayerColumns('towns', counties);
  const number: Column = { key: 'pop', title: { zh: '人口', en: 'Population' }, type: 'number' };

  it('reads numbers, including full-width digits and thousands separators; empty is null', () => {
    expect(parseCell(number, '42')).toEqual({ ok: true, value: 42 });
    expect(parseCell(number, ' -3.5e2 ')).toEqual({ ok: true, value: -350 });
    expect(parseCell(number, '１２３')).toEqual({ ok: true, value: 123 });
    expect(parseCell(number, '12,345')).toEqual({ ok: true, value: 12345 });
    expect(parseCell(number, '')).toEqual({ ok: true, value: null });
  });

  it.each(['abc', '12abc', '0x10', 'Infinity', '1e999', '1.2.3', 'NaN'])('refuses the number %j with zh and en messages', (text) => {
    const result = parseCell(number, text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.zh).toContain('不是数字');
      expect(result.error.en).toContain('not a number');
    }
  });

  it('reads texts; required ones refuse empty; lists split on 、 and commas', () => {
    expect(parseCell(column(towns, 'name'), '  羊册镇 ')).toEqual({ ok: true, value: '羊册镇' });
    expect(parseCell(column(towns, 'name'), '   ').ok).toBe(false);
    expect(parseCell(column(towns, 'note'), '')).toEqual({ ok: true, value: null });
    const functions = column(planLayerColumns('urban-system', counties), 'functions');
    expect(parseCell(functions, '食品加工、商务休闲, 旅游度假')).toEqual({ ok: true, value: ['食品加工', '商务休闲', '旅游度假'] });
    expect(parseCell(functions, '')).toEqual({ ok: true, value: [] });
  });

  it('accepts enum values or their labels, refuses anything else', () => {
    expect(parseCell(column(towns, 'accuracy'), 'placed')).toEqual({ ok: true, value: 'placed' });
    expect(parseCell(column(towns, 'accuracy'), '示意位置')).toEqual({ ok: true, value: 'schematic' });
    const bad = parseCell(column(towns, 'accuracy'), 'surveyed');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.en).toContain('not an allowed');
    expect(parseCell(column(towns, 'accuracy'), '').ok).toBe(false);
    expect(parseCell(column(towns, 'county'), '')).toEqual({ ok: true, value: null });
    expect(parseCell(column(towns, 'county'), '411726')).toEqual({ ok: true, value: '411726' });
    expect(parseCell(column(towns, 'county'), '泌阳县')).toEqual({ ok: true, value: '411726' });
    expect(parseCell(column(towns, 'county'), '110101').ok).toBe(false);
    const variant = column(planLayerColumns('business-districts', counties), 'variant');
    expect(parseCell(variant, 'B')).toEqual({ ok: true, value: 'B' });
    expect(parseCell(variant, 'D').ok).toBe(false);
  });

  it('reads multi-enums in the options order and refuses unknown members', () => {
    const roles = column(towns, 'roles');
    expect(parseCell(roles, 'characteristic_town, central_town')).toEqual({ ok: true, value: ['central_town', 'characteristic_town'] });
    expect(parseCell(roles, '特色小镇')).toEqual({ ok: true, value: ['characteristic_town'] });
    expect(parseCell(roles, '')).toEqual({ ok: true, value: [] });
    expect(parseCell(roles, 'central_town,capital').ok).toBe(false);
  });

  it('never parses into a read-only field', () => {
    expect(parseCell(column(towns, 'quote'), 'x').ok).toBe(false);
    expect(parseCell(column(towns, 'id'), 'x').ok).toBe(false);
  });
});

describe('validateFieldName', () => {
  const columns = planLayerColumns('towns', counties);
  it('refuses empty, existing and reserved names', () => {
    expect(validateFieldName('', columns)).not.toBeNull();
    expect(validateFieldName('name', columns)?.en).toContain('already exists');
    for (const key of ['id', 'source', 'quote', 'placement', 'layer', '__proto__']) expect(validateFieldName(key, columns)?.en).toContain('reserved');
    expect(validateFieldName(' 人口 ', columns)).toBeNull();
  });
});

describe('formatting, sorting and filtering', () => {
  const columns = planLayerColumns('towns', counties);
  const rows = [
    feature({ id: 't1', name: '羊册', county: '411726', roles: ['central_town'], accuracy: 'geonames', pop: 30 }),
    feature({ id: 't2', name: '权寨', county: '411721', roles: ['central_town', 'characteristic_town'], accuracy: 'unlocated', pop: 5 }),
    feature({ id: 't3', name: '朱里', county: null, roles: [], accuracy: 'geonames', pop: null }),
    feature({ id: 't4', name: '老君庙', county: '411726', roles: ['characteristic_town'], accuracy: 'geonames', pop: 100 }),
  ];
  const pop: Column = { key: 'pop', title: { zh: '人口', en: 'Population' }, type: 'number' };

  it('shows whose wording a name is in words, read-only, never the stored code', () => {
    const basis = column(columns, 'name_basis');
    expect(basis.type).toBe('readonly');
    expect(formatCell(basis, 'derived', 'zh')).toBe('派生标签（非规划原名）');
    expect(formatCell(basis, 'official', 'en')).toBe('official spelling (the plan writes it otherwise)');
    expect(formatCell(basis, 'plan', 'zh')).toBe('规划原文');
    expect(parseCell(basis, 'plan').ok).toBe(false);
  });

  it('formats enums by their labels and values as plain text', () => {
    expect(formatCell(column(columns, 'roles'), ['central_town', 'characteristic_town'], 'zh')).toBe('中心镇、特色小镇');
    expect(formatCell(column(columns, 'county'), '411726', 'zh')).toBe(counties.find((c) => c.adcode === '411726')!.zh);
    expect(formatCell(column(columns, 'accuracy'), 'schematic', 'en')).toBe(ACCURACY_OPTIONS[2]!.label.en);
    expect(formatCell(column(columns, 'note'), null, 'zh')).toBe('');
    expect(formatCell(column(columns, 'more_sources'), [{ source: 'a.txt', quote: 'q' }, { source: 'b.txt', quote: 'q' }], 'zh')).toBe(
      'a.txt; b.txt',
    );
    expect(formatCell(column(columns, 'name'), '<b>x</b>', 'zh')).toBe('<b>x</b>');
  });

  it('sorts numbers numerically and Chinese by zh collation, empty last', () => {
    expect(sortFeatures(rows, pop, 'asc', 'zh').map((row) => row.properties.id)).toEqual(['t2', 't1', 't4', 't3']);
    expect(sortFeatures(rows, pop, 'desc', 'zh').map((row) => row.properties.id)).toEqual(['t4', 't1', 't2', 't3']);
    const byName = sortFeatures(rows, column(columns, 'name'), 'asc', 'zh').map((row) => row.properties.name);
    expect(byName).toEqual([...byName].sort((a, b) => String(a).localeCompare(String(b), 'zh')));
    expect(sortFeatures(rows, column(columns, 'county'), 'desc', 'zh').at(-1)!.properties.id).toBe('t3');
    expect(compareCells(pop, 9, 10, 'zh')).toBeLessThan(0);
    expect(sortFeatures(rows, undefined, 'asc', 'zh')).toEqual(rows);
  });

  it('filters on any cell, by shown text or raw value, case-insensitively', () => {
    const ids = (query: string) => filterFeatures(rows, columns, query, 'zh').map((row) => row.properties.id);
    expect(ids('')).toEqual(['t1', 't2', 't3', 't4']);
    expect(ids('特色')).toEqual(['t2', 't4']);
    expect(ids('411721')).toEqual(['t2']);
    expect(ids('羊')).toEqual(['t1']);
    expect(ids('T3')).toEqual(['t3']);
    expect(filterFeatures(rows, columns, 'unlocated', 'en').map((row) => row.properties.id)).toEqual(['t2']);
    expect(ids('不存在')).toEqual([]);
  });
});
