// The attribute table's columns: for each plan layer the fields the plan
// schema has (with their types and, for enums, the allowed values), and for
// imported layers whatever fields their features carry. Also parsing a typed
// cell, formatting a value as text, sorting and filtering rows. Pure: no DOM,
// no React, so it is tested in Node.
import { ACCURACIES, LAYER_IDS, type LayerId } from './plan';
import type { ScenarioFeature } from './scenario';
import type { LocalizedText } from '../i18n/text';

export type ColumnType = 'text' | 'number' | 'enum' | 'enum-multi' | 'readonly';

export interface EnumOption {
  value: string;
  label: LocalizedText;
}

export interface Column {
  key: string;
  title: LocalizedText;
  type: ColumnType;
  /** enum / enum-multi: the allowed values, in display order. */
  options?: readonly EnumOption[];
  /** An empty cell is refused (text) — otherwise empty means null. */
  required?: boolean;
  /** enum: the empty choice is allowed and stored as null. */
  nullable?: boolean;
  /** text: a list of texts (stored as string[]), written separated by 、 */
  list?: boolean;
}

export interface CountyOption {
  adcode: string;
  zh: string;
  en: string;
}

/** Provenance and identity: never free-edited in the table. */
export const READ_ONLY_FIELDS = ['id', 'name_basis', 'name_plan', 'source', 'quote', 'placement', 'layer', 'more_sources', 'placed_at'] as const;

const text = (zh: string, en: string): LocalizedText => ({ zh, en });
const option = (value: string, zh: string, en: string): EnumOption => ({ value, label: text(zh, en) });

export const KIND_OPTIONS: Record<LayerId, readonly EnumOption[]> = {
  'logistics-hubs': [
    option('hub_zone', '区域物流枢纽片区', 'Regional logistics hub zone'),
    option('hub_zone_extra', '另列物流区域', 'Additional logistics area'),
    option('hub_anchor', '核心园区', 'Core park'),
    option('logistics_park', '未归属片区的物流园', 'Logistics park without a hub zone'),
  ],
  'business-districts': [
    option('business_district', '商圈', 'Business district'),
    option('commercial_complex_area', '商业综合体提升区域', 'Commercial complex upgrade area'),
  ],
  'urban-system': [
    option('centre', '中心', 'Centre'),
    option('cluster', '组团', 'Cluster'),
    option('belt', '发展带', 'Belt'),
    option('growth_pole', '增长极', 'Growth pole'),
  ],
  towns: [option('town', '乡镇', 'Town')],
  'industrial-parks': [
    option('zone', '产业集聚区/开发区', 'Cluster / development zone'),
    option('sub_park', '专业园区', 'Specialised park'),
    option('industry_base', '外贸/生产基地', 'Foreign-trade / production base'),
    option('industrial_core', '核心增长极', 'Core growth pole'),
    option('industrial_belt', '产业发展带/轴', 'Industrial belt / axis'),
  ],
};

const ACCURACY_LABELS: Record<(typeof ACCURACIES)[number], LocalizedText> = {
  geonames: text('GeoNames 地名坐标', 'GeoNames point'),
  'county-seat': text('县城驻地坐标', 'County seat'),
  schematic: text('示意位置', 'Schematic'),
  unlocated: text('未定位', 'Unlocated'),
  placed: text('规划人员放置', 'Placed by a planner'),
};
export const ACCURACY_OPTIONS: readonly EnumOption[] = ACCURACIES.map((value) => ({ value, label: ACCURACY_LABELS[value] }));

export const ROLE_OPTIONS: readonly EnumOption[] = [
  option('central_town', '中心镇', 'Central town'),
  option('characteristic_town', '特色小镇', 'Characteristic town'),
];

export const VARIANT_OPTIONS: readonly EnumOption[] = [
  option('A', '方案 A（服务业/商务规划）', 'Variant A (service/commerce plans)'),
  option('B', '方案 B（城镇化规划）', 'Variant B (urbanisation plan)'),
  option('C', 'C（两规划共有）', 'C (in both plans)'),
];

const TITLES: Record<string, LocalizedText> = {
  id: text('编号', 'ID'),
  name: text('名称', 'Name'),
  name_en: text('英文名称', 'English name'),
  name_basis: text('名称依据', 'Name basis'),
  name_plan: text('规划原文写法', 'Name as the plan writes it'),
  kind: text('类型', 'Kind'),
  variant: text('方案', 'Variant'),
  roles: text('名录', 'Lists'),
  county: text('县区', 'County'),
  adcode: text('区划代码', 'Division code'),
  parent: text('所属', 'Part of'),
  functions: text('功能定位', 'Functions'),
  industries: text('主导产业', 'Leading industries'),
  accuracy: text('位置精度', 'Position accuracy'),
  note: text('说明', 'Note'),
  placement: text('定位方法', 'How it was placed'),
  source: text('出处', 'Source'),
  quote: text('规划原文', 'Plan text'),
  more_sources: text('其他出处', 'Other sources'),
  layer: text('图层', 'Layer'),
  placed_at: text('放置日期', 'Placed on'),
};

/** A field's title in both languages (the key itself for fields the schema does not know). */
export const fieldTitleOf = (key: string): LocalizedText => TITLES[key] ?? text(key, key);
const titleOf = fieldTitleOf;
const readonlyColumn = (key: string): Column => ({ key, title: titleOf(key), type: 'readonly' });

/** Whose wording a plan feature's name is: shown as words, never as the stored code. */
export const NAME_BASIS_OPTIONS: EnumOption[] = [
  option('plan', '规划原文', 'plan wording'),
  option('official', '官方写法（规划原文另写）', 'official spelling (the plan writes it otherwise)'),
  option('derived', '派生标签（非规划原名）', 'derived label (not the plan’s name)'),
];

export function isPlanLayerId(id: string): id is LayerId {
  return (LAYER_IDS as readonly string[]).includes(id);
}

/** The fields of a plan layer, in table order (editable first, provenance last). */
export function planLayerColumns(layer: LayerId, counties: readonly CountyOption[]): Column[] {
  const countyOptions = [...counties]
    .sort((a, b) => a.adcode.localeCompare(b.adcode))
    .map((county) => option(county.adcode, county.zh, county.en));
  const columns: Column[] = [
    readonlyColumn('id'),
    { key: 'name', title: titleOf('name'), type: 'text', required: true },
    { key: 'name_en', title: titleOf('name_en'), type: 'text', required: true },
    { ...readonlyColumn('name_basis'), options: NAME_BASIS_OPTIONS },
    readonlyColumn('name_plan'),
    { key: 'kind', title: titleOf('kind'), type: 'enum', options: KIND_OPTIONS[layer] },
  ];
  if (layer === 'business-districts') columns.push({ key: 'variant', title: titleOf('variant'), type: 'enum', options: VARIANT_OPTIONS });
  if (layer === 'towns') columns.push({ key: 'roles', title: titleOf('roles'), type: 'enum-multi', options: ROLE_OPTIONS });
  columns.push({ key: 'county', title: titleOf('county'), type: 'enum', options: countyOptions, nullable: true });
  if (layer === 'towns') columns.push({ key: 'adcode', title: titleOf('adcode'), type: 'text' });
  if (layer === 'logistics-hubs' || layer === 'industrial-parks') columns.push({ key: 'parent', title: titleOf('parent'), type: 'text' });
  if (layer === 'urban-system') columns.push({ key: 'functions', title: titleOf('functions'), type: 'text', list: true });
  if (layer === 'industrial-parks') columns.push({ key: 'industries', title: titleOf('industries'), type: 'text', list: true });
  columns.push(
    { key: 'accuracy', title: titleOf('accuracy'), type: 'enum', options: ACCURACY_OPTIONS },
    { key: 'note', title: titleOf('note'), type: 'text' },
    readonlyColumn('placement'),
    readonlyColumn('source'),
    readonlyColumn('quote'),
    readonlyColumn('more_sources'),
    readonlyColumn('layer'),
  );
  return columns;
}

/** Columns from the union of the features' keys (first seen first, `id` first); number when every value is. */
export function importedLayerColumns(features: readonly ScenarioFeature[]): Column[] {
  const values = new Map<string, unknown[]>([['id', []]]);
  for (const feature of features)
    for (const [key, value] of Object.entries(feature.properties)) {
      let list = values.get(key);
      if (!list) values.set(key, (list = []));
      list.push(value);
    }
  return [...values].map(([key, list]) => {
    if (key === 'id') return readonlyColumn('id');
    return { key, title: text(key, key), type: inferType(list) };
  });
}

function inferType(values: readonly unknown[]): ColumnType {
  const present = values.filter((value) => value !== null && value !== undefined);
  if (present.length > 0 && present.every((value) => typeof value === 'number')) return 'number';
  // Booleans, lists and objects cannot be written back faithfully from a text cell.
  if (present.every((value) => typeof value === 'string' || typeof value === 'number')) return 'text';
  return 'readonly';
}

/**
 * A layer's columns: its schema (plan layers) or its fields (imported), then
 * any field the features carry beyond the schema (e.g. one added in the table),
 * then `extraFields` (added in the table, not yet set on any feature) as text.
 */
export function layerColumns(
  layer: { id: string; imported: boolean; features: readonly ScenarioFeature[] },
  counties: readonly CountyOption[],
  extraFields: readonly string[] = [],
): Column[] {
  const columns = !layer.imported && isPlanLayerId(layer.id) ? planLayerColumns(layer.id, counties) : importedLayerColumns(layer.features);
  const known = new Set(columns.map((column) => column.key));
  if (!layer.imported && isPlanLayerId(layer.id)) {
    for (const column of importedLayerColumns(layer.features)) {
      if (known.has(column.key)) continue;
      known.add(column.key);
      const readonly = (READ_ONLY_FIELDS as readonly string[]).includes(column.key);
      columns.push(readonly ? readonlyColumn(column.key) : { ...column, title: titleOf(column.key) });
    }
  }
  for (const key of extraFields) {
    if (known.has(key)) continue;
    known.add(key);
    columns.push({ key, title: text(key, key), type: 'text' });
  }
  return columns;
}

export type ParseResult = { ok: true; value: unknown } | { ok: false; error: LocalizedText };

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const LIST_SEPARATORS = /\s*[、,，;；]\s*/;

/**
 * The typed value a planner's text stands for, or why it is refused. Empty
 * means null (unless required). Full-width digits (from a Chinese IME) are
 * read as digits. enum-multi text is values separated by 、 or commas.
 */
export function parseCell(column: Column, input: string): ParseResult {
  const textValue = input.normalize('NFKC').trim();
  const title = column.title;
  switch (column.type) {
    case 'readonly':
      return { ok: false, error: text(`“${title.zh}”只读，不能修改。`, `“${title.en}” is read-only.`) };
    case 'number': {
      if (textValue === '') return { ok: true, value: null };
      const plain = textValue.replace(/(?<=\d),(?=\d{3}(\D|$))/g, '');
      const value = Number(plain);
      if (!NUMBER.test(plain) || !Number.isFinite(value))
        return { ok: false, error: text(`“${input}”不是数字（${title.zh}）。`, `“${input}” is not a number (${title.en}).`) };
      return { ok: true, value };
    }
    case 'text': {
      const raw = input.trim();
      if (raw === '') {
        if (column.required) return { ok: false, error: text(`“${title.zh}”不能为空。`, `“${title.en}” cannot be empty.`) };
        return { ok: true, value: column.list ? [] : null };
      }
      return { ok: true, value: column.list ? raw.split(LIST_SEPARATORS).filter((part) => part !== '') : raw };
    }
    case 'enum': {
      if (textValue === '') {
        if (column.nullable) return { ok: true, value: null };
        return { ok: false, error: text(`请为“${title.zh}”选择一个值。`, `Choose a value for “${title.en}”.`) };
      }
      const found = findOption(column, textValue);
      if (!found) return notAllowed(column, input);
      return { ok: true, value: found.value };
    }
    case 'enum-multi': {
      if (textValue === '') return { ok: true, value: [] };
      const chosen = new Set<string>();
      for (const part of textValue.split(LIST_SEPARATORS)) {
        if (part === '') continue;
        const found = findOption(column, part);
        if (!found) return notAllowed(column, part);
        chosen.add(found.value);
      }
      // Stored in the options' order, so the same choice is always the same value.
      return { ok: true, value: (column.options ?? []).map((candidate) => candidate.value).filter((value) => chosen.has(value)) };
    }
  }
}

function findOption(column: Column, textValue: string): EnumOption | undefined {
  const options = column.options ?? [];
  return (
    options.find((candidate) => candidate.value === textValue) ??
    options.find((candidate) => candidate.label.zh === textValue || candidate.label.en.toLowerCase() === textValue.toLowerCase())
  );
}

function notAllowed(column: Column, input: string): ParseResult {
  const allowed = (column.options ?? []).map((candidate) => candidate.value).join(', ');
  return {
    ok: false,
    error: text(`“${input}”不是“${column.title.zh}”的可选值（${allowed}）。`, `“${input}” is not an allowed ${column.title.en} (${allowed}).`),
  };
}

const FORBIDDEN_FIELD_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** Why a new field name is refused, or null when it can be added. */
export function validateFieldName(name: string, columns: readonly Column[]): LocalizedText | null {
  const key = name.trim();
  if (key === '') return text('请输入字段名称。', 'Enter a field name.');
  if ((READ_ONLY_FIELDS as readonly string[]).includes(key) || FORBIDDEN_FIELD_NAMES.has(key))
    return text(`“${key}”是保留字段，不能添加。`, `“${key}” is a reserved field and cannot be added.`);
  if (columns.some((column) => column.key === key)) return text(`字段“${key}”已存在。`, `The field “${key}” already exists.`);
  if (key.length > 64) return text('字段名称过长（最多 64 个字符）。', 'The field name is too long (64 characters at most).');
  return null;
}

/** A value as plain text: enum labels in the language, lists joined with 、, null as empty. */
export function formatCell(column: Column, value: unknown, language: 'zh' | 'en'): string {
  if (value === null || value === undefined) return '';
  if (column.options && (column.type === 'enum' || column.type === 'enum-multi' || column.type === 'readonly')) {
    const label = (item: unknown) => {
      const found = column.options!.find((candidate) => candidate.value === item);
      return found ? found.label[language] : String(item);
    };
    return Array.isArray(value) ? value.map(label).join(language === 'en' ? ', ' : '、') : label(value);
  }
  if (column.key === 'more_sources' && Array.isArray(value))
    return value.map((item) => (item && typeof item === 'object' && 'source' in item ? String(item.source) : JSON.stringify(item))).join('; ');
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item))).join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The text an editor starts from (values, not labels, for enum-multi lists). */
export function editText(column: Column, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(String).join('、');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export type SortDirection = 'asc' | 'desc';

/** Numbers numerically, texts by Chinese collation; empty cells last in both directions. */
export function compareCells(column: Column, a: unknown, b: unknown, language: 'zh' | 'en', direction: SortDirection = 'asc'): number {
  const emptyA = a === null || a === undefined || a === '';
  const emptyB = b === null || b === undefined || b === '';
  if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1;
  const sign = direction === 'asc' ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return sign * (a - b);
  return sign * formatCell(column, a, language).localeCompare(formatCell(column, b, language), 'zh');
}

/** Features sorted by one column (stable: ties keep their layer order). */
export function sortFeatures<F extends { properties: Record<string, unknown> }>(
  features: readonly F[],
  column: Column | undefined,
  direction: SortDirection,
  language: 'zh' | 'en',
): F[] {
  if (!column) return [...features];
  return features
    .map((feature, index) => ({ feature, index }))
    .sort((x, y) => compareCells(column, x.feature.properties[column.key], y.feature.properties[column.key], language, direction) || x.index - y.index)
    .map(({ feature }) => feature);
}

/** Features where any cell (its shown text or its raw value) contains the query, case-insensitively. */
export function filterFeatures<F extends { properties: Record<string, unknown> }>(
  features: readonly F[],
  columns: readonly Column[],
  query: string,
  language: 'zh' | 'en',
): F[] {
  const needle = query.normalize('NFKC').trim().toLowerCase();
  if (needle === '') return [...features];
  return features.filter((feature) =>
    columns.some((column) => {
      const value = feature.properties[column.key];
      if (value === null || value === undefined) return false;
      return (
        formatCell(column, value, language).toLowerCase().includes(needle) || editText(column, value).toLowerCase().includes(needle)
      );
    }),
  );
}

/** What a row is called in accessible names: its name in the language, else its id. */
export function featureLabel(properties: Record<string, unknown>, language: 'zh' | 'en'): string {
  const name = properties.name;
  const nameEn = properties.name_en;
  if (language === 'en' && typeof nameEn === 'string' && nameEn) return nameEn;
  if (typeof name === 'string' && name) return name;
  return String(properties.id);
}
