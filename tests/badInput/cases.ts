// The bad-input corpus: every file a planner might drop on the map that is
// broken, odd, hostile or huge, with what the import must answer. Each case's
// bytes are built here (or read from tests/badInput/files/ for encodings Node
// cannot write), so the unit corpus (corpus.test.ts) and the browser test
// (tests/browser/bad-input.e2e.ts) read exactly the same files.
//
// Expected outcomes, decided as a professional GIS import would:
// - refused (the whole file): not JSON, not GeoJSON, empty, too big, no
//   coordinate columns, unknown coordinate system; the message says what was
//   found and what is needed.
// - accepted with rows rejected: a bad feature/row (NaN, text or null
//   coordinates, latitude > 90, self-intersection, zero area, null geometry,
//   far outside the city) is refused on its own, by row, saying why.
// - accepted with a warning (repaired): repeated consecutive vertices
//   (removed), unclosed rings (closed), M values (dropped; Z kept), swapped
//   lat/lon and projected metres (detected and converted), unsafe property
//   names (renamed, values kept), bare NaN/Infinity (rows rejected, file read).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import proj4 from 'proj4';
import { expect } from 'vitest';
import { zipSync } from 'fflate';
import type { ImportOptions, ImportReport, InputFile } from '../../src/io/import';
import { MAX_IMPORT_BYTES, MAX_IMPORT_FEATURES, MAX_IMPORT_POINTS } from '../../src/io/import';

const FILES = join(dirname(fileURLToPath(import.meta.url)), 'files');
/** Fixtures written by GDAL and openpyxl (tools/fixtures/make-format-fixtures.sh). */
const FORMAT_FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/formats');
const fixture = (path: string) => new Uint8Array(readFileSync(join(FORMAT_FIXTURES, path)));

/** A message as asserted: exact text, or fragments that must all appear. */
export type Expected = string | string[];

export interface Refusal {
  code: string;
  zh: Expected;
  en: Expected;
}

export interface Acceptance {
  accepted: number;
  /** Every rejected row: [row, zh, en] (exact, or fragments). */
  rejected?: [number, Expected, Expected][];
  /** Warnings shown, in order: [zh, en]. Omitted: none. */
  warnings?: [Expected, Expected][];
  /** Further checks on the report (geometry repaired as expected, properties kept as text…). */
  check?: (report: Extract<ImportReport, { ok: true }>) => void;
}

export type Group = 'json' | 'geometry' | 'crs' | 'csv' | 'hostile' | 'size' | 'files';

export interface BadInputCase {
  name: string;
  group: Group;
  fileName: string;
  bytes: () => Uint8Array;
  /** Files chosen or dropped together with this one (the 'files' group). */
  companions?: () => InputFile[];
  options?: Pick<ImportOptions, 'sourceCrs' | 'sheet'>;
  expect: { refused: Refusal } | Acceptance;
}

// ---------------------------------------------------------------- builders

const utf8 = (text: string) => new TextEncoder().encode(text);
const json = (value: unknown) => utf8(JSON.stringify(value));
const shipped = (name: string) => () => new Uint8Array(readFileSync(join(FILES, name)));

type Position = number[];
const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
const feature = (geometry: unknown, properties: Record<string, unknown> = {}) => ({ type: 'Feature', properties, geometry });
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
const square = (lon: number, lat: number, size = 0.02): Position[] => [
  [lon, lat],
  [lon + size, lat],
  [lon + size, lat + size],
  [lon, lat + size],
  [lon, lat],
];
/** A feature every case can add so the file itself is usable: 驻马店's centre. */
const GOOD = feature(point(114.02, 32.98), { 名称: '中心城区' });

const ZONE_38 = '+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=38500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const SEATS: [number, number][] = [
  [114.05, 32.98],
  [114.1, 33.0],
  [113.99, 33.15],
];

/** UTF-16 bytes with a BOM, little- or big-endian. */
function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const [high, low] = [code >> 8, code & 0xff];
    bytes.set(endian === 'le' ? [low, high] : [high, low], 2 + index * 2);
  }
  return bytes;
}

const NESTING = 500_000; // 500 000 × "[" + 500 000 × "]" = 1 MB
const deepArray = () => '['.repeat(NESTING) + ']'.repeat(NESTING);

export const HOSTILE_IMG = '<img src=x onerror="window.__zmdXss=1">';
export const HOSTILE_SCRIPT = '<script>window.__zmdXss=1</script>';
export const HOSTILE_QUOTES = `他说："引号" 'single' \`tick\` &amp; </td></tr>`;
export const RTL_EMOJI = 'مركز لوجستي 🚚 מרכז \u202Eabc\u202C 物流🏭';
const HUNDRED_KB = '长'.repeat(30_000) + 'x'.repeat(100_000 - 30_000 * 3); // 100 000 UTF-8 bytes

// ---------------------------------------------------------------- the cases

export const CASES: BadInputCase[] = [
  // ------------------------------------------------------------ JSON
  {
    name: 'JSON truncated mid-file',
    group: 'json',
    fileName: 'truncated.geojson',
    bytes: () => utf8('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[114.0'),
    expect: {
      refused: {
        code: 'not-json',
        zh: '不是有效的 JSON：文件在结尾处中断（共 121 个字符），可能下载或复制不完整。',
        en: 'not valid JSON: the file ends in the middle of the data (121 characters); it may be truncated.',
      },
    },
  },
  {
    name: 'JSON with a syntax error in the middle',
    group: 'json',
    fileName: 'syntax.geojson',
    bytes: () => utf8('{\n  "type": "FeatureCollection",\n  "features": [\n    {"type": "Feature" "properties": {}}\n  ]\n}\n'),
    expect: {
      refused: {
        code: 'not-json',
        zh: '不是有效的 JSON：第 4 行第 24 列（“"properties": {}”附近）有语法错误。',
        en: 'not valid JSON: syntax error at line 4, column 24 (near ""properties": {}").',
      },
    },
  },
  {
    name: 'not JSON at all (a CSV named .geojson)',
    group: 'json',
    fileName: 'actually-a-table.geojson',
    bytes: () => utf8('名称,经度,纬度\n驻马店,114.02,32.98\n'),
    expect: {
      refused: {
        code: 'not-json',
        zh: '不是有效的 JSON：文件以“名称,经度,纬度 驻马店,114.02,”开头，而 GeoJSON 以 { 开头。这可能是另一种格式的文件（扩展名不对）。',
        en: 'not valid JSON: the file starts with "名称,经度,纬度 驻马店,114.02,", while GeoJSON starts with {. It may be another kind of file with the wrong extension.',
      },
    },
  },
  {
    name: 'JSON but not GeoJSON (no type)',
    group: 'json',
    fileName: 'rows.json',
    bytes: () => json({ rows: [{ name: 'a', lon: 114, lat: 33 }], total: 1 }),
    expect: {
      refused: {
        code: 'not-geojson',
        zh: '不是 GeoJSON：没有 “type” 字段（顶层字段：rows, total）；需要 FeatureCollection、Feature 或几何对象。',
        en: 'not GeoJSON: no "type" member (top-level members: rows, total); expected a FeatureCollection, a Feature or a geometry.',
      },
    },
  },
  {
    name: 'JSON array at the top level',
    group: 'json',
    fileName: 'array.json',
    bytes: () => json([[114.02, 32.98], [114.1, 33]]),
    expect: {
      refused: {
        code: 'not-geojson',
        zh: '不是 GeoJSON：顶层是数组而不是对象；需要 FeatureCollection、Feature 或几何对象。',
        en: 'not GeoJSON: the top level is an array, not an object; expected a FeatureCollection, a Feature or a geometry.',
      },
    },
  },
  {
    name: 'wrong type: TopoJSON',
    group: 'json',
    fileName: 'counties.topojson.json',
    bytes: () => json({ type: 'Topology', objects: {}, arcs: [] }),
    expect: {
      refused: {
        code: 'not-geojson',
        zh: '不是 GeoJSON：“type” 为 “Topology”（TopoJSON：请先转换为 GeoJSON）；需要 FeatureCollection、Feature 或几何对象。',
        en: 'not GeoJSON: "type" is "Topology" (TopoJSON: convert it to GeoJSON first); expected a FeatureCollection, a Feature or a geometry.',
      },
    },
  },
  {
    name: 'wrong type: lower-case featurecollection',
    group: 'json',
    fileName: 'lower.geojson',
    bytes: () => json({ type: 'featurecollection', features: [GOOD] }),
    expect: {
      refused: {
        code: 'not-geojson',
        zh: '不是 GeoJSON：“type” 为 “featurecollection”；需要 FeatureCollection、Feature 或几何对象。',
        en: 'not GeoJSON: "type" is "featurecollection"; expected a FeatureCollection, a Feature or a geometry.',
      },
    },
  },
  {
    name: 'wrong type: features is an object',
    group: 'json',
    fileName: 'features-object.geojson',
    bytes: () => json({ type: 'FeatureCollection', features: { a: GOOD } }),
    expect: {
      refused: {
        code: 'not-geojson',
        zh: '不是 GeoJSON：FeatureCollection 的 “features” 不是数组。',
        en: 'not GeoJSON: the FeatureCollection\'s "features" is not an array.',
      },
    },
  },
  {
    name: 'empty FeatureCollection',
    group: 'json',
    fileName: 'empty-collection.geojson',
    bytes: () => json(collection()),
    expect: {
      refused: {
        code: 'empty-collection',
        zh: 'GeoJSON 中没有要素（FeatureCollection 的 features 为空）。',
        en: "the GeoJSON has no features (the FeatureCollection's features array is empty).",
      },
    },
  },
  {
    name: 'empty file',
    group: 'json',
    fileName: 'empty.geojson',
    bytes: () => utf8('  \n'),
    expect: { refused: { code: 'empty', zh: '文件为空。', en: 'the file is empty.' } },
  },
  {
    name: '1 MB of nesting at the top level',
    group: 'json',
    fileName: 'nesting.json',
    bytes: () => utf8(deepArray()),
    expect: {
      refused: {
        code: 'not-geojson',
        zh: '不是 GeoJSON：顶层是数组而不是对象；需要 FeatureCollection、Feature 或几何对象。',
        en: 'not GeoJSON: the top level is an array, not an object; expected a FeatureCollection, a Feature or a geometry.',
      },
    },
  },
  {
    name: '1 MB of nesting inside a property',
    group: 'json',
    fileName: 'deep-property.geojson',
    bytes: () =>
      utf8(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[114.1,33]},"properties":{"deep":${deepArray()}}},${JSON.stringify(GOOD)}]}`),
    expect: {
      accepted: 1,
      rejected: [[1, '属性嵌套超过 64 层，无法作为表格数据导入', 'properties nested more than 64 levels deep cannot be imported as table data']],
    },
  },
  {
    name: '1 MB of nested GeometryCollections',
    group: 'json',
    fileName: 'deep-collection.geojson',
    bytes: () => {
      const levels = 20_000;
      const open = '{"type":"GeometryCollection","geometries":['.repeat(levels);
      const geometry = `${open}{"type":"Point","coordinates":[114.1,33]}${']}'.repeat(levels)}`;
      return utf8(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":${geometry}},${JSON.stringify(GOOD)}]}`);
    },
    expect: { accepted: 1, rejected: [[1, '几何集合嵌套超过 8 层', 'GeometryCollections nested more than 8 deep']] },
  },
  {
    name: 'an item of features that is not a Feature',
    group: 'json',
    fileName: 'bare-item.geojson',
    bytes: () => json(collection(point(114.1, 33), GOOD)),
    expect: { accepted: 1, rejected: [[1, '不是 Feature（type "Point"）', 'not a Feature (type "Point")']] },
  },

  // ------------------------------------------------------------ geometry
  {
    name: 'NaN and Infinity as coordinates (bare tokens, not JSON)',
    group: 'geometry',
    fileName: 'nan.geojson',
    bytes: () =>
      utf8(
        `{"type":"FeatureCollection","features":[` +
          `{"type":"Feature","properties":{"name":"NaN 点"},"geometry":{"type":"Point","coordinates":[NaN,33]}},` +
          `{"type":"Feature","properties":{"name":"Infinity 点"},"geometry":{"type":"Point","coordinates":[114.1,-Infinity]}},` +
          `{"type":"Feature","properties":{"name":"NaN in a string stays text"},"geometry":{"type":"Point","coordinates":[114.1,33]}}]}`,
      ),
    expect: {
      accepted: 1,
      rejected: [
        [1, '坐标值 NaN 不是有限数字', 'coordinate NaN is not a finite number'],
        [2, '坐标值 -Infinity 不是有限数字', 'coordinate -Infinity is not a finite number'],
      ],
      warnings: [
        [
          '文件中有 NaN 或 Infinity（标准 JSON 不允许），含有它们的要素已被拒绝。',
          'the file contains NaN or Infinity (not allowed in standard JSON); the features holding them were rejected.',
        ],
      ],
      check: (report) => expect(report.layer.features[0]?.properties.name).toBe('NaN in a string stays text'),
    },
  },
  {
    name: 'strings and null as coordinates',
    group: 'geometry',
    fileName: 'strings.geojson',
    bytes: () =>
      json(
        collection(
          feature({ type: 'Point', coordinates: ['114.05', '32.98'] }),
          feature({ type: 'LineString', coordinates: [[114, 33], [114.1, null]] }),
          feature({ type: 'Point', coordinates: [114.05] }),
          GOOD,
        ),
      ),
    expect: {
      accepted: 1,
      rejected: [
        [1, '坐标值 "114.05" 是文本，不是数字', 'coordinate "114.05" is text, not a number'],
        [2, '坐标值 null 不是数字', 'coordinate null is not a number'],
        [3, '坐标点 [114.05] 少于 2 个数值', 'position [114.05] has fewer than 2 numbers'],
      ],
    },
  },
  {
    name: 'latitude > 90',
    group: 'geometry',
    fileName: 'lat95.geojson',
    bytes: () => json(collection(GOOD, feature(point(114.05, 95), { 名称: '错纬度' }), feature(point(114.1, 33.0)))),
    expect: {
      accepted: 2,
      rejected: [
        [
          2,
          '坐标 (114.05, 95) 超出范围：不符合本文件的坐标系（经纬度）：纬度 95 超出 −90…90',
          "coordinates (114.05, 95) out of range for this file's CRS (longitude/latitude): latitude 95 is beyond ±90",
        ],
      ],
    },
  },
  {
    name: 'ring not closed (repaired by closing it)',
    group: 'geometry',
    fileName: 'unclosed.geojson',
    bytes: () => json(collection(feature({ type: 'Polygon', coordinates: [square(114, 33).slice(0, 4)] }, { 名称: '未闭合' }), GOOD)),
    expect: {
      accepted: 2,
      warnings: [
        [
          '1 个要素的面边界环未闭合，已把首点补在末尾使其闭合（行/要素 1）；请核对形状。',
          '1 feature(s) had polygon rings that were not closed; closed by repeating the first position (rows/features 1) — please check the shapes.',
        ],
      ],
      check: (report) => expect(report.layer.features[0]?.geometry).toEqual({ type: 'Polygon', coordinates: [square(114, 33)] }),
    },
  },
  {
    name: 'self-intersecting polygon (bow tie)',
    group: 'geometry',
    fileName: 'bowtie.geojson',
    bytes: () =>
      json(
        collection(
          GOOD,
          feature({ type: 'Polygon', coordinates: [[[114, 33], [114.1, 33.1], [114.1, 33], [114, 33.1], [114, 33]]] }, { 名称: '蝴蝶结' }),
        ),
      ),
    expect: { accepted: 1, rejected: [[2, '线或面自相交（约在 114.05, 33.05 处）', 'the line or polygon crosses itself (near 114.05, 33.05)']] },
  },
  {
    name: 'zero-area polygon (collinear corners)',
    group: 'geometry',
    fileName: 'flat.geojson',
    bytes: () => json(collection(feature({ type: 'Polygon', coordinates: [[[114, 33], [114.05, 33], [114.1, 33], [114, 33]]] }), GOOD)),
    expect: {
      accepted: 1,
      rejected: [[1, '面积为零：边界环的顶点都在一条直线上（从 114, 33 起）', "zero area: the ring's corners all lie on one line (starting at 114, 33)"]],
    },
  },
  {
    name: 'duplicate consecutive vertices (removed)',
    group: 'geometry',
    fileName: 'duplicates.geojson',
    bytes: () =>
      json(
        collection(
          feature({ type: 'LineString', coordinates: [[114, 33], [114, 33], [114.1, 33.05], [114.1, 33.05], [114.2, 33]] }),
          feature({ type: 'Polygon', coordinates: [[[114, 33], [114.02, 33], [114.02, 33], [114.02, 33.02], [114, 33.02], [114, 33]]] }),
          feature({ type: 'LineString', coordinates: [[114, 33], [114, 33]] }),
        ),
      ),
    expect: {
      accepted: 2,
      rejected: [[3, '线的所有点都重合（至少需要 2 个不同的点）', 'every point of the line is the same (a line needs 2 distinct points)']],
      warnings: [['2 个要素有连续重复的顶点，已删去重复点（行/要素 1, 2）。', '2 feature(s) had repeated consecutive vertices; the repeats were removed (rows/features 1, 2).']],
      check: (report) =>
        expect(report.layer.features.map((each) => each.geometry)).toEqual([
          { type: 'LineString', coordinates: [[114, 33], [114.1, 33.05], [114.2, 33]] },
          { type: 'Polygon', coordinates: [[[114, 33], [114.02, 33], [114.02, 33.02], [114, 33.02], [114, 33]]] },
        ]),
    },
  },
  {
    name: 'mixed dimensions: 2D, 3D (Z kept) and 4D (M dropped)',
    group: 'geometry',
    fileName: 'dimensions.geojson',
    bytes: () =>
      json(
        collection(
          feature({ type: 'Point', coordinates: [114.02, 32.98, 85] }),
          feature({ type: 'LineString', coordinates: [[114, 33, 80, 1], [114.1, 33.05], [114.2, 33, 90, 3]] }),
          GOOD,
        ),
      ),
    expect: {
      accepted: 3,
      warnings: [
        [
          '1 个要素的坐标多于 3 个数值（如 M 值），只保留经度、纬度和高程（行/要素 2）。',
          '1 feature(s) had more than 3 values per position (e.g. M); only longitude, latitude and elevation were kept (rows/features 2).',
        ],
      ],
      check: (report) => {
        expect(report.layer.features[0]?.geometry).toEqual({ type: 'Point', coordinates: [114.02, 32.98, 85] });
        expect(report.layer.features[1]?.geometry).toEqual({ type: 'LineString', coordinates: [[114, 33, 80], [114.1, 33.05], [114.2, 33, 90]] });
      },
    },
  },
  {
    name: 'null geometry',
    group: 'geometry',
    fileName: 'null-geometry.geojson',
    bytes: () => json(collection(feature(null, { 名称: '未定位' }), GOOD)),
    expect: {
      accepted: 1,
      rejected: [[1, '没有几何（geometry 为 null）：没有位置的要素无法导入', 'no geometry (geometry is null): a feature without a position cannot be imported']],
    },
  },
  {
    name: 'unknown geometry type and too few positions',
    group: 'geometry',
    fileName: 'odd-types.geojson',
    bytes: () => json(collection(feature({ type: 'Circle', coordinates: [114, 33], radius: 500 }), feature({ type: 'LineString', coordinates: [[114, 33]] }), GOOD)),
    expect: {
      accepted: 1,
      rejected: [
        [1, '几何类型 "Circle" 无法识别', 'unknown geometry type "Circle"'],
        [2, '几何无效：线至少需要 2 个点', 'invalid geometry: a line needs at least 2 positions'],
      ],
    },
  },
  {
    name: 'a feature far outside the city (Beijing)',
    group: 'geometry',
    fileName: 'beijing.geojson',
    bytes: () => json(collection(GOOD, feature(point(116.4, 39.9), { 名称: '北京' }))),
    expect: {
      accepted: 1,
      rejected: [[2, ['位置在驻马店市范围外约', '公里（允许 50 公里）'], ['Lies about', 'km outside Zhumadian (50 km allowed)']]],
    },
  },
  {
    name: 'every feature bad',
    group: 'geometry',
    fileName: 'all-bad.geojson',
    bytes: () => json(collection(feature(null), feature({ type: 'Point', coordinates: ['a', 'b'] }))),
    expect: {
      refused: {
        code: 'no-valid-rows',
        zh: '没有可导入的要素（第 1 行/个：没有几何（geometry 为 null）：没有位置的要素无法导入，共 2 行/个被拒绝）。',
        en: 'nothing to import (row/feature 1: no geometry (geometry is null): a feature without a position cannot be imported; 2 rows/features rejected in all).',
      },
    },
  },

  // ------------------------------------------------------------ CRS
  {
    name: 'projected metres (CGCS2000 zone 38) given as coordinates',
    group: 'crs',
    fileName: 'gk38.geojson',
    bytes: () => json(collection(...SEATS.map((seat) => feature(point(...(proj4('WGS84', ZONE_38, seat) as [number, number])))))),
    expect: {
      accepted: 3,
      check: (report) => {
        expect(report.crs).toMatchObject({ detected: 'cgcs2000-gk3', zone: 38, axisSwapped: false, converted: true });
        expect(report.crs.note.zh).toContain('带号 38');
        expect(report.crs.note.en).toContain('zone 38');
        const [lon, lat] = (report.layer.features[0]?.geometry as { coordinates: number[] }).coordinates;
        expect(lon).toBeCloseTo(114.05, 6);
        expect(lat).toBeCloseTo(32.98, 6);
      },
    },
  },
  {
    name: 'projected metres declared as WGS84 lon/lat',
    group: 'crs',
    fileName: 'gk38-as-wgs84.geojson',
    options: { sourceCrs: 'wgs84' },
    bytes: () => json(collection(feature(point(38504673.71, 3650531.07)))),
    expect: {
      refused: {
        code: 'unknown-crs',
        zh: '无法识别坐标系：坐标数值（x 38504673.71 … 38504673.71, y 3650531.07 … 3650531.07）与声明的坐标系 wgs84 不符。请先转换为 WGS84 经纬度。',
        en: 'cannot tell the coordinate system: the coordinates (x 38504673.71 … 38504673.71, y 3650531.07 … 3650531.07) do not fit the declared CRS wgs84. Convert them to WGS84 longitude/latitude first.',
      },
    },
  },
  {
    name: 'swapped lat/lon (detected and swapped back)',
    group: 'crs',
    fileName: 'latlon.geojson',
    bytes: () => json(collection(...SEATS.map(([lon, lat]) => feature(point(lat, lon))))),
    expect: {
      accepted: 3,
      check: (report) => {
        expect(report.crs).toMatchObject({ detected: 'wgs84', axisSwapped: true });
        expect(report.crs.note.zh).toContain('坐标按“纬度, 经度”顺序给出，已交换为“经度, 纬度”。');
        expect(report.crs.note.en).toContain('Coordinates were given latitude first; swapped to longitude, latitude.');
        expect(report.layer.features[0]?.geometry).toEqual(point(114.05, 32.98));
      },
    },
  },
  {
    name: 'Web Mercator metres',
    group: 'crs',
    fileName: 'mercator.geojson',
    bytes: () => json(collection(...SEATS.map((seat) => feature(point(...(proj4('EPSG:4326', 'EPSG:3857', seat) as [number, number])))))),
    expect: {
      accepted: 3,
      check: (report) => {
        expect(report.crs).toMatchObject({ detected: 'web-mercator', converted: true });
        expect(report.crs.note.zh).toContain('Web 墨卡托');
        expect(report.crs.note.en).toContain('EPSG:3857');
        const [lon, lat] = (report.layer.features[0]?.geometry as { coordinates: number[] }).coordinates;
        expect(lon).toBeCloseTo(114.05, 6);
        expect(lat).toBeCloseTo(32.98, 6);
      },
    },
  },
  {
    name: 'GCJ-02 declared: converted to WGS84',
    group: 'crs',
    fileName: 'amap.geojson',
    options: { sourceCrs: 'gcj02' },
    bytes: () => json(collection(feature(point(114.05, 32.98)))),
    expect: {
      accepted: 1,
      check: (report) => {
        expect(report.crs).toMatchObject({ detected: 'gcj02', converted: true });
        expect(report.crs.note.zh).toBe('按声明的 GCJ-02（火星坐标）用 gcoord 转换为 WGS84。');
        const [lon = 0, lat = 0] = (report.layer.features[0]?.geometry as { coordinates: number[] }).coordinates;
        // GCJ-02 is offset by a few hundred metres around 驻马店.
        const metres = Math.hypot((lon - 114.05) * 93_500, (lat - 32.98) * 111_000);
        expect(metres).toBeGreaterThan(200);
        expect(metres).toBeLessThan(1000);
      },
    },
  },
  {
    name: 'GCJ-02 not declared: read as WGS84, with a hint',
    group: 'crs',
    fileName: 'amap.geojson',
    bytes: () => json(collection(feature(point(114.05, 32.98)))),
    expect: {
      accepted: 1,
      check: (report) => {
        expect(report.crs).toMatchObject({ detected: 'wgs84', converted: false });
        expect(report.crs.note.zh).toContain('请在“坐标系”中选 GCJ-02 后重新读取');
        expect(report.crs.note.en).toContain('choose GCJ-02 under Coordinate system and read again');
        expect(report.layer.features[0]?.geometry).toEqual(point(114.05, 32.98));
      },
    },
  },
  {
    name: 'a CRS the file declares (EPSG:3857) is named in the note',
    group: 'crs',
    fileName: 'declared-3857.geojson',
    bytes: () =>
      json({
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'EPSG:3857' } },
        features: [feature(point(...(proj4('EPSG:4326', 'EPSG:3857', SEATS[0]!) as [number, number])))],
      }),
    expect: {
      accepted: 1,
      check: (report) => {
        expect(report.crs.detected).toBe('web-mercator');
        expect(report.crs.note.zh).toContain('文件声明坐标系 EPSG:3857。');
        expect(report.crs.note.en).toContain('The file declares CRS EPSG:3857.');
      },
    },
  },

  // ------------------------------------------------------------ CSV
  {
    name: 'CSV in GBK (Chinese Excel "CSV")',
    group: 'csv',
    fileName: 'gbk.csv',
    bytes: shipped('gbk.csv'),
    expect: {
      accepted: 2,
      check: (report) => {
        expect(report.encoding).toBe('gb18030');
        expect(report.layer.features[0]?.properties).toMatchObject({ 名称: '驻马店国际陆港', 备注: '物流枢纽' });
      },
    },
  },
  {
    name: 'CSV in GB18030 with a 4-byte character',
    group: 'csv',
    fileName: 'gb18030.csv',
    bytes: shipped('gb18030.csv'),
    expect: {
      accepted: 2,
      check: (report) => {
        expect(report.encoding).toBe('gb18030');
        expect(report.layer.features.map((each) => each.properties.名称)).toEqual(['𠀀生僻字站点', '镕铁物流园']);
      },
    },
  },
  {
    name: 'CSV in UTF-16 LE with BOM (Excel "Unicode text", tab-separated)',
    group: 'csv',
    fileName: 'unicode.txt',
    bytes: () => utf16('名称\t经度\t纬度\r\n驿城区\t114.05\t32.98\r\n', 'le'),
    expect: {
      accepted: 1,
      check: (report) => {
        expect(report.encoding).toBe('utf-16le');
        expect(report.layer.features[0]?.properties.名称).toBe('驿城区');
      },
    },
  },
  {
    name: 'CSV in UTF-16 BE with BOM',
    group: 'csv',
    fileName: 'unicode-be.csv',
    bytes: () => utf16('名称,经度,纬度\r\n驿城区,114.05,32.98\r\n', 'be'),
    expect: { accepted: 1, check: (report) => expect(report.encoding).toBe('utf-16be') },
  },
  {
    name: 'CSV in UTF-8 with BOM: the first column name is clean',
    group: 'csv',
    fileName: 'bom.csv',
    bytes: () => utf8('\uFEFF编号,名称,经度,纬度\r\nA1,驿城区,114.05,32.98\r\n'),
    expect: {
      accepted: 1,
      check: (report) => expect(report.layer.features[0]?.properties).toEqual({ id: 'A1', 编号: 'A1', 名称: '驿城区' }),
    },
  },
  {
    name: 'CSV with semicolons',
    group: 'csv',
    fileName: 'semicolon.csv',
    bytes: () => utf8('name;lon;lat;note\nA;114.05;32.98;x, y\nB;114.1;33.0;z\n'),
    expect: { accepted: 2, check: (report) => expect(report.layer.features[0]?.properties.note).toBe('x, y') },
  },
  {
    name: 'CSV with tabs',
    group: 'csv',
    fileName: 'tabs.tsv',
    bytes: () => utf8('name\tlon\tlat\nA\t114.05\t32.98\n'),
    expect: { accepted: 1 },
  },
  {
    name: 'CSV with quoted newlines and quotes in cells',
    group: 'csv',
    fileName: 'quoted.csv',
    bytes: () => utf8('名称,经度,纬度,说明\r\n"甲站",114.05,32.98,"第一行\r\n第二行，""引号"""\r\n乙站,114.1,33.0,普通\r\n'),
    expect: {
      accepted: 2,
      check: (report) => expect(report.layer.features[0]?.properties.说明).toBe('第一行\r\n第二行，"引号"'),
    },
  },
  {
    name: 'CSV without coordinate columns',
    group: 'csv',
    fileName: 'addresses.csv',
    bytes: () => utf8('名称,地址\n驻马店站,驿城区前进路\n'),
    expect: {
      refused: {
        code: 'no-coordinate-columns',
        zh: ['找不到坐标列（文件中的列：名称, 地址）', '可用列名：经度 lng/lon/long/longitude/x/经度'],
        en: ['no coordinate columns found (columns in the file: 名称, 地址)', 'Accepted names: longitude lng/lon/long/longitude/x/经度'],
      },
    },
  },
  {
    name: 'CSV with an unmatched quote',
    group: 'csv',
    fileName: 'quote.csv',
    bytes: () => utf8('名称,经度,纬度\n甲,114.05,32.98\n"乙,114.1,33.0\n丙,114.2,33.1\n'),
    expect: {
      refused: {
        code: 'malformed-csv',
        zh: 'CSV 格式错误：第 3 行的引号没有配对（一个以 " 开头的单元格直到文件末尾都没有结束）。',
        en: 'malformed CSV: the quote opened at row 3 is never closed (a cell starting with " runs to the end of the file).',
      },
    },
  },
  {
    name: 'CSV with half the rows bad',
    group: 'csv',
    fileName: 'half.csv',
    bytes: () =>
      utf8(
        [
          '名称,经度,纬度',
          '好1,114.05,32.98',
          '坏-文字,东经114,32.98',
          '好2,114.10,33.00',
          '坏-空,,33.0',
          '好3,114.2,33.1',
          '坏-纬度,114.05,95',
          '好4,113.9,32.9',
          '坏-北京,116.4,39.9',
          '好5,114.15,33.05',
          '坏-无穷,114.1,Infinity',
        ].join('\n'),
      ),
    expect: {
      accepted: 5,
      rejected: [
        [3, '经度/X“东经114”不是数字', 'longitude/x "东经114" is not a number'],
        [5, '经度/X为空', 'longitude/x is empty'],
        [7, '坐标 (114.05, 95) 超出范围：不符合本文件的坐标系（经纬度）：纬度 95 超出 −90…90', "coordinates (114.05, 95) out of range for this file's CRS (longitude/latitude): latitude 95 is beyond ±90"],
        [9, ['位置在驻马店市范围外约'], ['km outside Zhumadian']],
        [11, '纬度/Y“Infinity”不是数字', 'latitude/y "Infinity" is not a number'],
      ],
    },
  },
  {
    name: 'CSV with Excel formula cells: kept as text on import (export neutralises them)',
    group: 'csv',
    fileName: 'formulas.csv',
    bytes: () => utf8('名称,经度,纬度,链接\n"=HYPERLINK(""http://evil.example"",""点我"")",114.05,32.98,+1\n@SUM(A1:A9),114.1,33.0,-2+3\n=1+1,114.2,33.1,=cmd|\'/C calc\'!A0\n'),
    expect: {
      accepted: 3,
      check: (report) => {
        expect(report.layer.features.map((each) => [each.properties.名称, each.properties.链接])).toEqual([
          ['=HYPERLINK("http://evil.example","点我")', '+1'],
          ['@SUM(A1:A9)', '-2+3'],
          ['=1+1', "=cmd|'/C calc'!A0"],
        ]);
      },
    },
  },

  // ------------------------------------------------------------ hostile strings
  {
    name: 'HTML and script in names and quotes (GeoJSON)',
    group: 'hostile',
    fileName: 'hostile.geojson',
    bytes: () =>
      json(
        collection(
          feature(point(114.05, 32.98), { name: HOSTILE_IMG, quote: HOSTILE_QUOTES }),
          feature(point(114.1, 33.0), { name: HOSTILE_SCRIPT, 备注: '<b onmouseover=alert(1)>粗</b>' }),
        ),
      ),
    expect: {
      accepted: 2,
      check: (report) => {
        expect(report.layer.features.map((each) => each.properties.name)).toEqual([HOSTILE_IMG, HOSTILE_SCRIPT]);
        expect(report.layer.features[0]?.properties.quote).toBe(HOSTILE_QUOTES);
      },
    },
  },
  {
    name: 'HTML and script in CSV cells and column names',
    group: 'hostile',
    fileName: 'hostile.csv',
    bytes: () => utf8(`名称,经度,纬度,"<img src=x onerror=alert(1)>"\n"${HOSTILE_SCRIPT}",114.05,32.98,"${HOSTILE_IMG.replaceAll('"', '""')}"\n`),
    expect: {
      accepted: 1,
      check: (report) => expect(report.layer.features[0]?.properties).toMatchObject({ 名称: HOSTILE_SCRIPT, '<img src=x onerror=alert(1)>': HOSTILE_IMG }),
    },
  },
  {
    name: '__proto__ / constructor / prototype as GeoJSON property keys',
    group: 'hostile',
    fileName: 'proto.geojson',
    bytes: () =>
      utf8(
        '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[114.05,32.98]},"properties":' +
          '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":"p","nested":{"__proto__":{"polluted":"yes"},"ok":1},"name":"甲"}}]}',
      ),
    expect: {
      accepted: 1,
      warnings: [
        [
          '属性名 __proto__ → __proto___、constructor → constructor_、prototype → prototype_ 已改名（这些名称在程序中有特殊含义），值照常保留。',
          'property names renamed: __proto__ → __proto___, constructor → constructor_, prototype → prototype_ (these names are special in programs); their values are kept.',
        ],
      ],
      check: (report) => {
        const properties = report.layer.features[0]!.properties as Record<string, unknown>;
        expect(properties).toEqual({
          id: 'proto-1',
          __proto___: { polluted: 'yes' },
          constructor_: { prototype_: { polluted: 'yes' } },
          prototype_: 'p',
          nested: { __proto___: { polluted: 'yes' }, ok: 1 },
          name: '甲',
        });
        expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
        expect(Object.getPrototypeOf(properties.nested)).toBe(Object.prototype);
        expect(properties.polluted).toBeUndefined();
      },
    },
  },
  {
    name: '__proto__ / constructor / prototype as CSV column names',
    group: 'hostile',
    fileName: 'proto.csv',
    bytes: () => utf8('name,__proto__,constructor,prototype,lon,lat\n甲,{"polluted":1},x,y,114.05,32.98\n'),
    expect: {
      accepted: 1,
      warnings: [
        [
          '属性名 __proto__ → __proto___、constructor → constructor_、prototype → prototype_ 已改名（这些名称在程序中有特殊含义），值照常保留。',
          'property names renamed: __proto__ → __proto___, constructor → constructor_, prototype → prototype_ (these names are special in programs); their values are kept.',
        ],
      ],
      check: (report) =>
        expect(report.layer.features[0]?.properties).toEqual({ id: 'proto-2', name: '甲', __proto___: '{"polluted":1}', constructor_: 'x', prototype_: 'y' }),
    },
  },
  {
    name: '100 KB property values',
    group: 'hostile',
    fileName: 'long-values.geojson',
    bytes: () => json(collection(feature(point(114.05, 32.98), { 名称: '长文本', 说明: HUNDRED_KB }))),
    expect: {
      accepted: 1,
      check: (report) => {
        expect(report.layer.features[0]?.properties.说明).toBe(HUNDRED_KB);
        expect(new TextEncoder().encode(HUNDRED_KB).length).toBe(100_000);
      },
    },
  },
  {
    name: 'RTL, bidi overrides and emoji in names and the file name',
    group: 'hostile',
    fileName: 'مركز 🚚 物流.geojson',
    bytes: () => json(collection(feature(point(114.05, 32.98), { 名称: RTL_EMOJI }))),
    expect: {
      accepted: 1,
      check: (report) => {
        expect(report.layer.features[0]?.properties.名称).toBe(RTL_EMOJI);
        expect(report.layer.title).toEqual({ zh: 'مركز 🚚 物流', en: 'مركز 🚚 物流' });
        expect(report.layer.id).toBe('imported-مركز-物流-1');
      },
    },
  },
  {
    name: 'a file name that is HTML',
    group: 'hostile',
    fileName: '<img src=x onerror=alert(1)>.geojson',
    bytes: () => json(collection(GOOD)),
    expect: {
      accepted: 1,
      check: (report) => {
        expect(report.layer.title.zh).toBe('<img src=x onerror=alert(1)>');
        expect(report.layer.id).toBe('imported-img-src-x-onerror-alert-1-1');
      },
    },
  },

  // ------------------------------------------------------------ size
  {
    name: `a file over ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
    group: 'size',
    fileName: 'huge.geojson',
    bytes: () => new Uint8Array(MAX_IMPORT_BYTES + 1),
    expect: {
      refused: {
        code: 'too-large',
        zh: '文件太大（200.0 MB）：一次最多导入 200 MB。请按区县或图层拆分文件，或先删去不需要的属性列再导入。',
        en: 'the file is too large (200.0 MB): at most 200 MB can be imported at once. Split it (by county or layer) or drop columns you do not need, then import the parts.',
      },
    },
  },
  {
    name: `a CSV with more than ${MAX_IMPORT_POINTS.toLocaleString('en-US')} rows`,
    group: 'size',
    fileName: 'million.csv',
    bytes: () => utf8(`lon,lat\n${'114.05,32.98\n'.repeat(MAX_IMPORT_POINTS + 1)}`),
    expect: {
      refused: {
        code: 'too-many-features',
        zh: '文件有 1,000,002 行：一次最多导入 1,000,000 个点（线、面最多 200,000 个）。请拆分文件后分批导入。',
        en: 'the file has 1,000,002 data rows: at most 1,000,000 points (200,000 lines or polygons) can be imported at once. Split the file and import the parts.',
      },
    },
  },
  {
    name: `a CSV with more than ${MAX_IMPORT_FEATURES.toLocaleString('en-US')} WKT lines (points may be many more)`,
    group: 'size',
    fileName: 'lines.csv',
    bytes: () => utf8(`wkt\n${'"LINESTRING (114.05 32.98, 114.06 32.99)"\n'.repeat(MAX_IMPORT_FEATURES + 1)}`),
    expect: {
      refused: {
        code: 'too-many-features',
        zh: '文件有 200,001 个线或面要素：一次最多导入 200,000 个线、面（点最多 1,000,000 个）。请拆分文件后分批导入。',
        en: 'the file has 200,001 lines or polygons: at most 200,000 lines or polygons (1,000,000 points) can be imported at once. Split the file and import the parts.',
      },
    },
  },
  {
    name: `a GeoJSON with more than ${MAX_IMPORT_POINTS.toLocaleString('en-US')} features`,
    group: 'size',
    fileName: 'million.geojson',
    bytes: () => utf8(`{"type":"FeatureCollection","features":[${'{},'.repeat(MAX_IMPORT_POINTS)}{}]}`),
    expect: {
      refused: {
        code: 'too-many-features',
        zh: '文件有 1,000,001 个要素：一次最多导入 1,000,000 个点（线、面最多 200,000 个）。请拆分文件后分批导入。',
        en: 'the file has 1,000,001 features: at most 1,000,000 points (200,000 lines or polygons) can be imported at once. Split the file and import the parts.',
      },
    },
  },
  {
    name: 'a Shapefile part',
    group: 'size',
    fileName: 'roads.shp',
    bytes: () => new Uint8Array([0, 0, 0x27, 0x0a]),
    expect: {
      refused: {
        code: 'missing-sibling',
        zh: 'Shapefile 缺少配套文件 roads.dbf、roads.shx：请把同名的文件一起选择（或一起打包成 .zip）。',
        en: 'the Shapefile is missing roads.dbf, roads.shx: choose the files of the same name together (or zip them together).',
      },
    },
  },
  // ------------------------------------------------------------ several files, .zip
  {
    name: 'a CSV chosen together with a file of unknown type',
    group: 'files',
    fileName: 'hubs.csv',
    bytes: () => utf8('名称,经度,纬度\n中心城区,114.02,32.98\n'),
    companions: () => [{ name: '说明.docx', bytes: new Uint8Array([0x50, 0x4b, 3, 4]) }],
    expect: {
      refused: {
        code: 'unsupported-format',
        zh: ['不支持的文件类型（说明.docx）。请导出为 GeoJSON、Shapefile、', '或 CSV（经纬度列或 WKT 列）后再导入。'],
        en: ['unsupported file type (说明.docx). Export it as GeoJSON, Shapefile, ', ' or CSV (longitude/latitude or WKT column) and import that.'],
      },
    },
  },
  {
    name: 'two datasets chosen together',
    group: 'files',
    fileName: 'hubs.csv',
    bytes: () => utf8('名称,经度,纬度\n中心城区,114.02,32.98\n'),
    companions: () => [{ name: 'parks.geojson', bytes: json(collection(GOOD)) }],
    expect: {
      refused: {
        code: 'several-datasets',
        zh: ['选择的文件是 2 份不同的数据（hubs.csv、parks.geojson）', '请分别导入'],
        en: ['the files chosen are 2 separate datasets (hubs.csv, parks.geojson)', 'Import them one by one.'],
      },
    },
  },
  {
    name: 'a .zip holding a GBK CSV in a folder (and macOS clutter)',
    group: 'files',
    fileName: 'export.zip',
    bytes: () => zipSync({ '导出/物流节点.csv': shipped('gbk.csv')(), '__MACOSX/导出/._物流节点.csv': new Uint8Array([0, 5, 22, 7]) }),
    expect: {
      accepted: 2,
      check: (report) => {
        expect(report).toMatchObject({ format: 'csv', fileName: '物流节点.csv', encoding: 'gb18030' });
        expect(report.layer.title).toEqual({ zh: '物流节点', en: '物流节点' });
      },
    },
  },
  {
    name: 'a .zip inside a .zip',
    group: 'files',
    fileName: 'outer.zip',
    bytes: () => zipSync({ 'inner.zip': zipSync({ 'hubs.geojson': json(collection(GOOD)) }) }),
    expect: {
      refused: {
        code: 'bad-zip',
        zh: '压缩包 outer.zip 里还有压缩包（inner.zip）：不打开嵌套的压缩包。请先解压，再导入其中的数据。',
        en: 'the archive outer.zip holds another archive (inner.zip): nested archives are not opened. Unpack it first, then import the data inside.',
      },
    },
  },
  {
    name: 'a damaged .zip (cut off after its first bytes)',
    group: 'files',
    fileName: 'cut.zip',
    bytes: () => zipSync({ 'hubs.geojson': json(collection(GOOD)) }).subarray(0, 40),
    expect: {
      refused: {
        code: 'bad-zip',
        zh: ['无法打开压缩包 cut.zip', '文件可能损坏或不完整'],
        en: ['cannot open the archive cut.zip', 'it may be damaged or incomplete'],
      },
    },
  },
  {
    name: 'a .zip holding only a Shapefile',
    group: 'files',
    fileName: 'roads.zip',
    bytes: () => zipSync({ 'roads.shp': new Uint8Array([0, 0, 0x27, 0x0a]), 'roads.dbf': new Uint8Array([3]), 'roads.shx': new Uint8Array([0]) }),
    expect: {
      refused: {
        code: 'corrupt-file',
        zh: 'roads.shp 已损坏：文件只有 4 字节，不足 100 字节的文件头。请在 GIS 软件中重新导出 Shapefile。',
        en: 'roads.shp is damaged: it has only 4 bytes, less than the 100-byte header. Export the Shapefile again from a GIS.',
      },
    },
  },
];

// ---------------------------------------------------------------- Shapefile, KML/GPX, Excel
const shp = (folder: string, base = 'points') => (extension: string) => fixture(`shp/${folder}/${base}.${extension}`);
const points4547 = shp('points-gbk-4547');
/** A small zip whose directory claims a member of 4 GB: refused from the directory, nothing inflated. */
function zipClaimingHugeMember(): Uint8Array {
  const zip = zipSync({ 'bomb.csv': utf8('名称,经度,纬度\n中心城区,114.02,32.98\n') }, { level: 9 });
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  // Central directory entry (signature 0x02014b50): uncompressed size at +24.
  for (let at = zip.length - 22; at >= 0; at--) {
    if (view.getUint32(at, true) === 0x02014b50) {
      view.setUint32(at + 24, 0xfffffff0, true);
      break;
    }
  }
  return zip;
}
/** An OLE compound file (D0 CF 11 E0) whose directory names the given streams, UTF-16LE as Office writes them. */
function compoundFile(...streams: string[]): Uint8Array {
  const bytes = new Uint8Array(1536);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  streams.forEach((name, index) => {
    const entry = 512 + index * 128;
    [...name].forEach((char, at) => bytes.set([char.charCodeAt(0), 0], entry + at * 2));
    bytes[entry + 64] = (name.length + 1) * 2;
    bytes[entry + 66] = 2;
  });
  return bytes;
}
const kml = (body: string) => utf8(`<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>${body}</Document></kml>`);
const placemark = `<Placemark><name>驿城区</name><Point><coordinates>114.02,32.98</coordinates></Point></Placemark>`;

export const FORMAT_CASES: BadInputCase[] = [
  {
    name: 'Shapefile without its .shx (.shp and .dbf chosen)',
    group: 'files',
    fileName: 'points.shp',
    bytes: () => points4547('shp'),
    companions: () => [{ name: 'points.dbf', bytes: points4547('dbf') }],
    expect: { refused: { code: 'missing-sibling', zh: ['Shapefile 缺少配套文件 points.shx：请把同名的文件一起选择'], en: ['the Shapefile is missing points.shx', 'choose the files of the same name together'] } },
  },
  {
    name: 'Shapefile without its .dbf (.shp and .shx chosen)',
    group: 'files',
    fileName: 'points.shp',
    bytes: () => points4547('shp'),
    companions: () => [{ name: 'points.shx', bytes: points4547('shx') }],
    expect: { refused: { code: 'missing-sibling', zh: ['缺少配套文件 points.dbf'], en: ['missing points.dbf'] } },
  },
  {
    name: 'a zip with a Shapefile’s companions but no .shp',
    group: 'files',
    fileName: 'parts.zip',
    bytes: () => zipSync({ 'points.dbf': points4547('dbf'), 'points.prj': points4547('prj') }),
    expect: {
      refused: {
        code: 'missing-sibling',
        zh: '只找到 Shapefile 的配套文件（points.dbf、points.prj），缺少主文件 points.shp：请把同名的文件一起选择（或一起打包成 .zip）。',
        en: 'only companion files of a Shapefile were found (points.dbf, points.prj); the main file points.shp is missing: choose the files of the same name together (or zip them together).',
      },
    },
  },
  {
    name: 'a zip holding no data at all (a Word document and a photo)',
    group: 'files',
    fileName: '资料.zip',
    bytes: () => zipSync({ '说明.docx': new Uint8Array([0x50, 0x4b, 3, 4]), '现场.jpg': new Uint8Array([0xff, 0xd8, 0xff]) }),
    expect: { refused: { code: 'unsupported-format', zh: ['不支持的文件类型（说明.docx）', 'Shapefile'], en: ['unsupported file type (说明.docx)', 'Shapefile'] } },
  },
  {
    name: '.dbf record count differs from the .shp (parts of two datasets)',
    group: 'files',
    fileName: 'zones.shp',
    bytes: () => shp('polygons-gbk-4547', 'polygons')('shp'),
    companions: () => [
      { name: 'zones.shx', bytes: shp('polygons-gbk-4547', 'polygons')('shx') },
      { name: 'zones.dbf', bytes: points4547('dbf') },
    ],
    expect: {
      refused: {
        code: 'mismatched-parts',
        zh: ['zones.shp 有 3 个图形，而属性表 zones.dbf 有 6 条记录', '属性会错位，因此未导入'],
        en: ['zones.shp has 3 shapes but its attribute table zones.dbf has 6 records', 'nothing was imported'],
      },
    },
  },
  {
    name: 'truncated .shp (cut off in the middle of its shapes)',
    group: 'size',
    fileName: 'points.shp',
    bytes: () => points4547('shp').subarray(0, 150),
    companions: () => [
      { name: 'points.shx', bytes: points4547('shx') },
      { name: 'points.dbf', bytes: points4547('dbf') },
    ],
    expect: {
      refused: {
        code: 'corrupt-file',
        zh: ['points.shp 已损坏：文件不完整：读出 1 个图形，索引 .shx 记载 6 个', '请在 GIS 软件中重新导出 Shapefile'],
        en: ['points.shp is damaged: it is incomplete: 1 shapes read, the .shx index lists 6', 'Export the Shapefile again'],
      },
    },
  },
  {
    name: 'a .shp that is not a Shapefile (wrong file code)',
    group: 'files',
    fileName: 'points.shp',
    bytes: () => {
      const bytes = points4547('shp').slice();
      bytes[3] = 0;
      return bytes;
    },
    companions: () => [
      { name: 'points.shx', bytes: points4547('shx') },
      { name: 'points.dbf', bytes: points4547('dbf') },
    ],
    expect: { refused: { code: 'corrupt-file', zh: ['points.shp 已损坏：文件头不是 Shapefile 的标记（9994）'], en: ['points.shp is damaged: its header lacks the Shapefile mark (9994)'] } },
  },
  {
    name: 'truncated .dbf (fewer records than its header says)',
    group: 'size',
    fileName: 'points.shp',
    bytes: () => points4547('shp'),
    companions: () => [
      { name: 'points.shx', bytes: points4547('shx') },
      { name: 'points.dbf', bytes: points4547('dbf').subarray(0, 400) },
    ],
    expect: { refused: { code: 'corrupt-file', zh: ['属性表 points.dbf 已损坏：表头记载 6 条记录，文件只装得下'], en: ['the attribute table points.dbf is damaged: its header says 6 records, the file holds only'] } },
  },
  {
    name: 'unparsable .prj (not WKT)',
    group: 'crs',
    fileName: 'points.shp',
    bytes: () => points4547('shp'),
    companions: () => [
      { name: 'points.shx', bytes: points4547('shx') },
      { name: 'points.dbf', bytes: points4547('dbf') },
      { name: 'points.prj', bytes: utf8('CGCS2000 高斯投影 114') },
    ],
    expect: {
      refused: {
        code: 'unknown-crs',
        zh: '.prj 文件无法读取（开头是“CGCS2000 高斯投影 114”，不是 WKT 坐标系定义）：请在 GIS 软件中重新定义投影后导出，或删去 .prj 让程序按数值判断坐标系。',
        en: 'the .prj file cannot be read (it starts "CGCS2000 高斯投影 114", not a WKT coordinate system): define the projection again in a GIS and export, or leave the .prj out so the coordinates are judged by their values.',
      },
    },
  },
  {
    name: 'a .prj with an unknown datum (Tokyo)',
    group: 'crs',
    fileName: 'points.shp',
    bytes: () => points4547('shp'),
    companions: () => [
      { name: 'points.shx', bytes: points4547('shx') },
      { name: 'points.dbf', bytes: points4547('dbf') },
      {
        name: 'points.prj',
        bytes: utf8('PROJCS["Tokyo_UTM_Zone_50N",GEOGCS["GCS_Tokyo",DATUM["D_Tokyo",SPHEROID["Bessel_1841",6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",0.9996],UNIT["Meter",1.0]]'),
      },
    ],
    expect: { refused: { code: 'unknown-crs', zh: ['.prj 中的坐标系 Tokyo_UTM_Zone_50N', '无法识别', 'ogr2ogr -t_srs EPSG:4490'], en: ['Tokyo_UTM_Zone_50N', 'has a datum that is not recognised (D_Tokyo)'] } },
  },
  {
    name: 'Xian 1980 Gauss–Krüger (no parameters to WGS84): refused by name',
    group: 'crs',
    fileName: 'points.shp',
    bytes: () => shp('points-gbk-2383')('shp'),
    companions: () => ['shx', 'dbf', 'prj', 'cpg'].map((extension) => ({ name: `points.${extension}`, bytes: shp('points-gbk-2383')(extension) })),
    expect: { refused: { code: 'unknown-crs', zh: ['Xian_1980_3_Degree_GK_CM_114E', '七参数'], en: ['Xian_1980_3_Degree_GK_CM_114E', 'neither EPSG nor proj4 has parameters'] } },
  },
  {
    name: '.dbf records in mixed encodings (UTF-8 and GBK)',
    group: 'csv',
    fileName: 'points.shp',
    bytes: () => shp('points-mixed-encoding')('shp'),
    companions: () => ['shx', 'dbf', 'prj'].map((extension) => ({ name: `points.${extension}`, bytes: shp('points-mixed-encoding')(extension) })),
    expect: {
      accepted: 6,
      check: (report) => {
        expect(report.layer.features.map((each) => each.properties.名称)).toEqual([
          '驿城区人民医院',
          '确山县第一初级中学',
          '遂平县物流园',
          '西平县社区卫生服务中心',
          '汝南县天中广场',
          '泌阳县盘古山游客中心',
        ]);
        expect(report.notes[0]?.zh).toContain('编码混用');
      },
    },
  },
  {
    name: '.cpg says UTF-8 but the attributes are GBK',
    group: 'csv',
    fileName: 'points.shp',
    bytes: () => points4547('shp'),
    companions: () => [
      ...['shx', 'dbf', 'prj'].map((extension) => ({ name: `points.${extension}`, bytes: points4547(extension) })),
      { name: 'points.cpg', bytes: utf8('UTF-8') },
    ],
    expect: {
      accepted: 6,
      check: (report) => {
        expect(report.layer.features[0]?.properties.名称).toBe('驿城区人民医院');
        expect(report.notes[0]?.en).toContain('points.cpg says UTF-8 but the attributes are not valid UTF-8; read as GBK');
      },
    },
  },
  {
    name: 'a zip bomb (directory claims a 4 GB member)',
    group: 'size',
    fileName: 'bomb.zip',
    bytes: zipClaimingHugeMember,
    expect: { refused: { code: 'too-large', zh: ['压缩包 bomb.zip 解压后超过 200 MB'], en: ['the archive bomb.zip holds more than 200 MB once unpacked'] } },
  },
  {
    name: 'KML with only a network link (to an address)',
    group: 'hostile',
    fileName: 'live.kml',
    bytes: () => kml('<NetworkLink><name>实时数据</name><Link><href>https://example.com/data.kml</href></Link></NetworkLink>'),
    expect: {
      refused: {
        code: 'unsupported-format',
        zh: ['KML 中只有网络链接（https://example.com/data.kml），没有地标：本程序不从网络读取数据', '另存为 KML'],
        en: ['the KML holds only network links (https://example.com/data.kml), no placemarks', 'reads nothing from the network'],
      },
    },
  },
  {
    name: 'KML with a network link beside placemarks: the placemarks kept, the link said',
    group: 'hostile',
    fileName: 'mixed.kml',
    bytes: () => kml(`<NetworkLink><Link><href>http://example.com/x.kml</href></Link></NetworkLink>${placemark}`),
    expect: {
      accepted: 1,
      check: (report) => expect(report.notes.map((note) => note.zh).join('')).toContain('1 个网络链接（http://example.com/x.kml）没有读取'),
    },
  },
  {
    name: 'billion laughs KML (entities in a DOCTYPE)',
    group: 'hostile',
    fileName: 'laughs.kml',
    bytes: () =>
      utf8(
        '<?xml version="1.0"?>\n<!DOCTYPE kml [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>\n' +
          '<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>&lol2;</name><Point><coordinates>114.02,32.98</coordinates></Point></Placemark></kml>',
      ),
    expect: {
      refused: {
        code: 'unsafe-content',
        zh: ['KML 文件的 DOCTYPE 中声明了实体（<!ENTITY>）', '“十亿笑”攻击', '因此拒绝读取'],
        en: ['the KML file declares entities in its DOCTYPE (<!ENTITY>)', 'billion laughs', 'so it is refused'],
      },
    },
  },
  {
    name: 'KML cut off in the middle',
    group: 'files',
    fileName: 'cut.kml',
    bytes: () => kml(placemark).subarray(0, 150),
    expect: { refused: { code: 'corrupt-file', zh: ['KML 文件不是有效的 XML', '文件可能不完整或已损坏'], en: ['the KML file is not valid XML', 'it may be incomplete or damaged'] } },
  },
  {
    name: 'KMZ without a KML inside',
    group: 'files',
    fileName: 'photos.kmz',
    bytes: () => zipSync({ 'files/photo.jpg': new Uint8Array([0xff, 0xd8, 0xff]) }),
    expect: { refused: { code: 'empty', zh: 'KMZ photos.kmz 中没有 KML 文件（应有 doc.kml）。', en: 'the KMZ photos.kmz holds no KML file (doc.kml expected).' } },
  },
  {
    name: 'GPX with no points',
    group: 'geometry',
    fileName: 'empty.gpx',
    bytes: () => utf8('<?xml version="1.0"?>\n<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><metadata><name>空</name></metadata><trk><name>空轨迹</name><trkseg></trkseg></trk></gpx>'),
    expect: { refused: { code: 'empty-collection', zh: ['GPX 中没有航点、路线或轨迹'], en: ['the GPX has no waypoints, routes or tracks'] } },
  },
  {
    name: 'corrupt .xlsx (zip header, then garbage)',
    group: 'files',
    fileName: '规划.xlsx',
    bytes: () => new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
    expect: { refused: { code: 'corrupt-file', zh: ['工作簿 规划.xlsx 无法读取：压缩结构损坏', '重新保存为 .xlsx'], en: ['the workbook 规划.xlsx cannot be read: its zip structure is broken', 'save it again as .xlsx'] } },
  },
  {
    name: 'truncated .xlsx (half of a real workbook)',
    group: 'size',
    fileName: 'facilities.xlsx',
    bytes: () => {
      const bytes = fixture('xlsx/facilities.xlsx');
      return bytes.subarray(0, bytes.length >> 1);
    },
    expect: { refused: { code: 'corrupt-file', zh: ['工作簿 facilities.xlsx 无法读取'], en: ['the workbook facilities.xlsx cannot be read'] } },
  },
  {
    name: 'password-protected workbook (encrypted: an OLE file with EncryptionInfo)',
    group: 'files',
    fileName: '加密.xlsx',
    bytes: () => compoundFile('Root Entry', 'EncryptionInfo', 'EncryptedPackage'),
    expect: { refused: { code: 'encrypted', zh: ['工作簿 加密.xlsx 设有打开密码（已加密）', '清空密码后保存'], en: ['the workbook 加密.xlsx is password-protected (encrypted)', 'clear the password'] } },
  },
  {
    name: 'old binary .xls workbook',
    group: 'files',
    fileName: '旧表.xls',
    bytes: () => compoundFile('Root Entry', 'Workbook'),
    expect: { refused: { code: 'unsupported-format', zh: ['旧表.xls 是旧版 Excel 97-2003 工作簿', '另存为 → Excel 工作簿（.xlsx）'], en: ['旧表.xls is an old Excel 97-2003 workbook', 'Save As → Excel Workbook (.xlsx)'] } },
  },
  {
    name: 'Excel sheet without coordinate columns',
    group: 'csv',
    fileName: 'facilities.xlsx',
    bytes: () => fixture('xlsx/facilities.xlsx'),
    options: { sheet: '说明' },
    expect: { refused: { code: 'no-coordinate-columns', zh: ['找不到坐标列（工作表“说明”中的列：说明, 数据来源）', '工作簿还有：设施点、医院'], en: ['columns in sheet "说明": 说明, 数据来源', 'Accepted names'] } },
  },
  {
    name: 'empty Excel sheet',
    group: 'csv',
    fileName: 'empty-sheets.xlsx',
    bytes: () => fixture('xlsx/empty-sheets.xlsx'),
    expect: { refused: { code: 'empty', zh: ['工作表“空表”是空的（没有任何单元格）', '工作簿还有：只有表头'], en: ['sheet "空表" is empty (no cells at all)'] } },
  },
  {
    name: 'Excel sheet with a header and no rows',
    group: 'csv',
    fileName: 'empty-sheets.xlsx',
    bytes: () => fixture('xlsx/empty-sheets.xlsx'),
    options: { sheet: '只有表头' },
    expect: { refused: { code: 'empty', zh: ['工作表“只有表头”只有表头，没有数据行'], en: ['sheet "只有表头" has a header but no data rows'] } },
  },
];

CASES.push(...FORMAT_CASES);

/** Every file of a case, as the import takes them: the case's file and any chosen with it. */
export function filesOf(testCase: BadInputCase): InputFile[] {
  return [{ name: testCase.fileName, bytes: testCase.bytes() }, ...(testCase.companions?.() ?? [])];
}

/** A case by name (the browser test picks its subset this way). */
export function caseNamed(name: string): BadInputCase {
  const found = CASES.find((each) => each.name === name);
  if (!found) throw new Error(`no bad-input case named ${name}`);
  return found;
}

// ---------------------------------------------------------------- offline tile packages
// Files picked as an offline basemap package (底图 → 离线瓦片包), not imported as
// data: the browser test (basemap-packages.e2e.ts) picks each in the dialog and
// expects the refusal, the unit test (tests/unit/basemap/mbtiles.test.ts) checks
// the ones the header check alone refuses. Packages are GDAL-made
// (tools/fixtures/make-basemap-fixtures.sh).
const BASEMAP_FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/basemap');

export interface TilePackageCase {
  name: string;
  fileName: string;
  bytes: () => Uint8Array;
  /** Refused before SQLite opens it (from its first 100 bytes and its size). */
  refusedByHeader: boolean;
  zh: string[];
  en: string[];
}

export const TILE_PACKAGE_CASES: TilePackageCase[] = [
  {
    name: 'an .mbtiles file that is not SQLite (a CSV renamed)',
    fileName: '设施.mbtiles',
    bytes: () => utf8('名称,经度,纬度\r\n甲,114.1,33.0\r\n'),
    refusedByHeader: true,
    zh: ['“设施.mbtiles”不是 MBTiles 文件', 'SQLite format 3', '以字节 e5 90 8d'],
    en: ['“设施.mbtiles” is not an MBTiles file', 'starts with the bytes e5 90 8d'],
  },
  {
    name: 'an SQLite file without a tiles table (a GeoPackage renamed .mbtiles)',
    fileName: 'geopackage-not-mbtiles.mbtiles',
    bytes: () => new Uint8Array(readFileSync(join(BASEMAP_FIXTURES, 'geopackage-not-mbtiles.mbtiles'))),
    refusedByHeader: false,
    zh: ['是 SQLite 数据库，但没有 MBTiles 的 tiles 表', 'GeoPackage', 'places'],
    en: ['is an SQLite database without the MBTiles tiles table', 'GeoPackage', 'places'],
  },
  {
    name: 'a truncated .mbtiles (the GDAL package cut at half its length)',
    fileName: '截断.mbtiles',
    bytes: () => {
      const whole = new Uint8Array(readFileSync(join(BASEMAP_FIXTURES, 'zhumadian-halves.mbtiles')));
      return whole.slice(0, whole.length >> 1);
    },
    refusedByHeader: true,
    zh: ['“截断.mbtiles”不完整：数据库头记录 36.0 kB，文件只有 18.0 kB', '复制或下载中断'],
    en: ['“截断.mbtiles” is incomplete: its header records 36.0 kB, the file holds 18.0 kB', 'interrupted copy or download'],
  },
  {
    name: 'a corrupt .mbtiles (whole length, but every page after the first overwritten)',
    fileName: '损坏.mbtiles',
    bytes: () => {
      const bytes = new Uint8Array(readFileSync(join(BASEMAP_FIXTURES, 'zhumadian-halves.mbtiles')));
      const pageSize = (bytes[16]! << 8) | bytes[17]!;
      bytes.fill(0xa5, pageSize);
      return bytes;
    },
    refusedByHeader: false,
    zh: ['“损坏.mbtiles”已损坏，SQLite 无法读取', 'malformed'],
    en: ['“损坏.mbtiles” is damaged; SQLite cannot read it', 'malformed'],
  },
];
