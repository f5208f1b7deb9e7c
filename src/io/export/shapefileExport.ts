// A scenario layer as a zipped ESRI Shapefile for the planners' desktop GIS
// (ArcGIS/ArcMap, QGIS, 南方 CASS …): one .shp/.shx/.dbf per geometry type
// present (a Shapefile holds one type), each with the .prj (ESRI WKT) and the
// .cpg (code page) ArcGIS and GDAL read, plus fields.csv (the full field name
// behind each 10-byte DBF name, and any text cut to 254 bytes) and a readme in
// Chinese and English with the schematic caveat and what `accuracy` means.
// Properties are the data the GeoJSON export keeps (provenance included,
// machinery dropped). Pure: the UI downloads the bytes.
import { zipSync } from 'fflate';
import type { Geometry, Position } from 'geojson';
import { layerColumns } from '../../domain/attributeSchema';
import type { Scenario, ScenarioLayer } from '../../domain/scenario';
import { toCsv } from '../csvExport';
import { accuracyMeanings, EXPORT_CAVEAT, exportProperties, localDate, sanitizeFileNamePart, type ExportLanguage } from '../geojsonExport';
import { dbfValue, DBF_NAME_BYTES, DBF_TEXT_BYTES, planDbfFields, writeDbf, type DbfField, type DbfValue } from './dbf';
import { EXPORT_CRS, type ProjectedExportCrs } from './exportCrs';
import { polygonParts, writeShpShx, type Shape, type ShapeKind } from './shp';
import { byteEncoder, type TextEncodingName } from './textEncoding';

export interface ShapefileOptions {
  crs?: ProjectedExportCrs;
  encoding?: TextEncodingName;
  exportedAt: Date;
}

export interface ShapefilePart {
  kind: ShapeKind;
  /** Base name of the .shp/.shx/.dbf/.prj/.cpg inside the zip. */
  baseName: string;
  records: number;
  /** Records with a null shape (features without a position). */
  nullShapes: number;
  fields: DbfField[];
}

export interface ShapefileExport {
  zip: Uint8Array;
  parts: ShapefilePart[];
  /** Values the code page could not hold (GBK lacks some characters), written as `?`. */
  unencodable: number;
}

const KIND_ORDER: readonly ShapeKind[] = ['point', 'multipoint', 'polyline', 'polygon'];
const KIND_FILE: Record<ShapeKind, string> = { point: 'points', multipoint: 'multipoints', polyline: 'lines', polygon: 'polygons' };
const KIND_TEXT: Record<ShapeKind, { zh: string; en: string }> = {
  point: { zh: '点', en: 'points' },
  multipoint: { zh: '多点', en: 'multi-points' },
  polyline: { zh: '线', en: 'lines' },
  polygon: { zh: '面', en: 'polygons' },
};
/** Language driver byte of the .dbf: 0x4D is code page 936 (GBK); UTF-8 has none, its .cpg says it. */
const LANGUAGE_DRIVER: Record<TextEncodingName, number> = { 'UTF-8': 0, GBK: 0x4d };

/** The shapes a geometry gives, by Shapefile type (a GeometryCollection gives one per member). */
function shapesOf(geometry: Geometry, at: (position: Position) => Position): { kind: ShapeKind; shape: Shape }[] {
  switch (geometry.type) {
    case 'Point':
      return [{ kind: 'point', shape: { kind: 'point', point: at(geometry.coordinates) } }];
    case 'MultiPoint':
      return [{ kind: 'multipoint', shape: { kind: 'multipoint', points: geometry.coordinates.map(at) } }];
    case 'LineString':
      return [{ kind: 'polyline', shape: { kind: 'polyline', parts: [geometry.coordinates.map(at)] } }];
    case 'MultiLineString':
      return [{ kind: 'polyline', shape: { kind: 'polyline', parts: geometry.coordinates.map((line) => line.map(at)) } }];
    case 'Polygon':
      return [{ kind: 'polygon', shape: { kind: 'polygon', parts: polygonParts([geometry.coordinates.map((ring) => ring.map(at))]) } }];
    case 'MultiPolygon':
      return [{ kind: 'polygon', shape: { kind: 'polygon', parts: polygonParts(geometry.coordinates.map((rings) => rings.map((ring) => ring.map(at)))) } }];
    case 'GeometryCollection':
      return geometry.geometries.flatMap((member) => shapesOf(member, at));
  }
}

/** ASCII base names inside the zip: old Windows unzip tools and ArcMap mangle non-ASCII entry names. */
const asciiBase = (layerId: string) => layerId.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^[_-]+|[_-]+$/g, '') || 'layer';

export async function exportLayerShapefile(scenario: Scenario, layer: ScenarioLayer, options: ShapefileOptions): Promise<ShapefileExport> {
  const crs = EXPORT_CRS[options.crs ?? 'wgs84'];
  const encoder = await byteEncoder(options.encoding ?? 'UTF-8');
  const factor = 10 ** crs.decimals;
  const at = (position: Position): Position => crs.fromWgs84(position).map((value) => Math.round(value * factor) / factor || 0);

  const groups = new Map<ShapeKind, { shapes: Shape[]; records: Record<string, DbfValue>[]; nullShapes: number }>();
  const group = (kind: ShapeKind) => {
    let found = groups.get(kind);
    if (!found) groups.set(kind, (found = { shapes: [], records: [], nullShapes: 0 }));
    return found;
  };
  const located = layer.features.flatMap((feature) => (feature.geometry ? shapesOf(feature.geometry, at).map((shape) => ({ feature, ...shape })) : []));
  const record = (feature: ScenarioLayer['features'][number]) =>
    Object.fromEntries(Object.entries(exportProperties(feature.properties)).map(([key, value]) => [key, dbfValue(value)]));
  for (const { feature, kind, shape } of located) {
    const target = group(kind);
    target.shapes.push(shape);
    target.records.push(record(feature));
  }
  // Features without a position stay in the list as null shapes, in the first file (points when there are any).
  const nullKind = KIND_ORDER.find((kind) => groups.has(kind)) ?? 'point';
  for (const feature of layer.features.filter((candidate) => candidate.geometry === null)) {
    const target = group(nullKind);
    target.shapes.push(null);
    target.records.push(record(feature));
    target.nullShapes++;
  }

  const base = asciiBase(layer.id);
  const files: Record<string, Uint8Array> = {};
  const parts: ShapefilePart[] = [];
  let unencodable = 0;
  for (const kind of KIND_ORDER) {
    const found = groups.get(kind);
    if (!found) continue;
    const fields = planDbfFields(found.records, encoder);
    for (const row of found.records)
      for (const value of Object.values(row)) if (typeof value === 'string' && !encoder.canEncode(value)) unencodable++;
    const baseName = `${base}_${KIND_FILE[kind]}`;
    const { shp, shx } = writeShpShx(kind, found.shapes);
    files[`${baseName}.shp`] = shp;
    files[`${baseName}.shx`] = shx;
    files[`${baseName}.dbf`] = writeDbf(fields, found.records, encoder, options.exportedAt, LANGUAGE_DRIVER[encoder.name]);
    files[`${baseName}.prj`] = new TextEncoder().encode(crs.esriWkt);
    files[`${baseName}.cpg`] = new TextEncoder().encode(encoder.name);
    parts.push({ kind, baseName, records: found.records.length, nullShapes: found.nullShapes, fields });
  }
  files['fields.csv'] = new TextEncoder().encode(fieldTable(layer, parts));
  files['README.txt'] = new TextEncoder().encode(readme(scenario, layer, options, parts, unencodable));
  return { zip: zipSync(files, { level: 6, mtime: options.exportedAt }), parts, unencodable };
}

/** long name → DBF name, per file, with type, width and how many values were cut (UTF-8 with BOM, opens in Excel). */
function fieldTable(layer: ScenarioLayer, parts: readonly ShapefilePart[]): string {
  const titles = new Map(layerColumns(layer, []).map((column) => [column.key, column.title]));
  const rows = parts.flatMap((part) =>
    part.fields.map((field) => [
      `${part.baseName}.dbf`,
      field.key,
      field.name,
      field.type,
      field.length,
      field.decimals,
      field.truncated,
      titles.get(field.key)?.zh ?? field.key,
      titles.get(field.key)?.en ?? field.key,
    ]),
  );
  return toCsv(['file', 'field (full name)', 'dbf_name', 'type', 'width', 'decimals', 'values_cut_to_254_bytes', '含义', 'meaning'], rows);
}

function readme(scenario: Scenario, layer: ScenarioLayer, options: ShapefileOptions, parts: readonly ShapefilePart[], unencodable: number): string {
  const crs = EXPORT_CRS[options.crs ?? 'wgs84'];
  const encoding = options.encoding ?? 'UTF-8';
  const accuracy = accuracyMeanings();
  const renamed = parts.flatMap((part) => part.fields.filter((field) => field.name !== field.key));
  const cut = parts.flatMap((part) => part.fields.filter((field) => field.truncated > 0).map((field) => `${part.baseName}.dbf ${field.key}: ${field.truncated}`));
  const fileLines = (language: ExportLanguage) =>
    parts.map((part) => {
      const kind = KIND_TEXT[part.kind][language];
      return language === 'zh'
        ? `  ${part.baseName}.shp — ${kind}，${part.records} 条记录${part.nullShapes ? `（其中 ${part.nullShapes} 条无位置，为空几何）` : ''}`
        : `  ${part.baseName}.shp — ${kind}, ${part.records} records${part.nullShapes ? ` (${part.nullShapes} without a position, null shapes)` : ''}`;
    });
  const encodingNote = {
    zh:
      encoding === 'GBK'
        ? '属性编码 GBK（代码页 936，.cpg 写明 GBK），供旧版 ArcMap 等默认按 GBK 读取的软件使用。' +
          (unencodable ? `有 ${unencodable} 个值含 GBK 无法表示的字符，已写为“?”；完整文字请用 UTF-8 版本。` : '')
        : '属性编码 UTF-8（.cpg 写明 UTF-8），QGIS、ArcGIS Pro、ArcMap 10.x 均识别；若旧版软件显示乱码，请改导出 GBK 版本。',
    en:
      encoding === 'GBK'
        ? 'Attributes in GBK (code page 936, the .cpg says GBK) for old ArcMap and other tools that assume GBK.' +
          (unencodable ? ` ${unencodable} values hold characters GBK lacks, written as "?"; use the UTF-8 export for the full text.` : '')
        : 'Attributes in UTF-8 (the .cpg says UTF-8), read by QGIS, ArcGIS Pro and ArcMap 10.x; if an old tool shows garbled text, export the GBK version.',
  };
  return [
    `驻马店市空间布局规划 · ${scenario.name} · ${layer.title.zh}（规划示意）`,
    `Zhumadian layout plan · ${scenario.name} · ${layer.title.en} (schematic)`,
    '',
    `导出时间 / exported: ${options.exportedAt.toISOString()}`,
    `坐标系：${crs.description.zh}；.prj 为 ESRI WKT。`,
    `CRS: ${crs.description.en}; the .prj is ESRI WKT.`,
    encodingNote.zh,
    encodingNote.en,
    '',
    '文件（Shapefile 每个文件只能存一种几何类型，故按类型分文件）：',
    ...fileLines('zh'),
    'Files (a Shapefile holds one geometry type, so there is one per type):',
    ...fileLines('en'),
    '',
    '【示意说明】' + EXPORT_CAVEAT.zh,
    '[Caveat] ' + EXPORT_CAVEAT.en,
    '',
    'accuracy（位置精度 / how the position was obtained）:',
    ...Object.entries(accuracy).map(([value, text]) => `  ${value}: ${text.zh} / ${text.en}`),
    '',
    `字段名：DBF 字段名最多 ${DBF_NAME_BYTES} 个字节（按所选编码计，汉字 UTF-8 占 3 字节、GBK 占 2 字节），较长的字段名已截短并保证不重复；完整字段名与 DBF 字段名的对照见 fields.csv。`,
    `Field names: a DBF field name holds at most ${DBF_NAME_BYTES} bytes (in the chosen encoding: a Chinese character is 3 bytes in UTF-8, 2 in GBK); longer names are shortened and kept unique; fields.csv maps each full name to its DBF name.`,
    renamed.length ? `  ${renamed.map((field) => `${field.key} → ${field.name}`).join('; ')}` : '  （无需截短 / none shortened）',
    `文字字段最长 ${DBF_TEXT_BYTES} 字节，超出部分被截断（规划原文 quote 等长文字的完整内容见 GeoJSON 或 KML 导出）。`,
    `Text fields hold at most ${DBF_TEXT_BYTES} bytes; longer values are cut (the full plan quote and other long texts are in the GeoJSON or KML export).`,
    cut.length ? `  截断 / cut: ${cut.join('; ')}` : '  （无截断 / nothing cut）',
    '列表字段（如 roles、industries）以“、”连接；其他出处 more_sources 为 JSON 文本。',
    'List fields (roles, industries …) are joined with 、; more_sources is JSON text.',
    '',
  ].join('\r\n');
}

/** 驻马店-方案A-乡镇-CGCS2000-GK3-38-GBK-2026-12-07.zip */
export function shapefileFileName(parts: { scenarioName: string; layerTitle: string; crs: ProjectedExportCrs; encoding: TextEncodingName; date: Date; language?: ExportLanguage }): string {
  const en = parts.language === 'en';
  return `${en ? 'Zhumadian' : '驻马店'}-${sanitizeFileNamePart(parts.scenarioName, en ? 'untitled' : '未命名')}-${sanitizeFileNamePart(parts.layerTitle, en ? 'layer' : '图层')}-Shapefile-${EXPORT_CRS[parts.crs].label}-${parts.encoding}-${localDate(parts.date)}.zip`;
}
