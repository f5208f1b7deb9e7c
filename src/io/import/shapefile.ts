// ESRI Shapefile → source features. The geometry (.shp) is read by shpjs
// (points, lines, polygons with holes found by ring orientation and
// containment, multi-part); Z and M values are dropped and said. The
// attribute table (.dbf) is read here, because its text encoding is the
// planner's real problem: the .cpg when it names one, else the bytes decide
// (valid UTF-8, else GBK/GB18030 as decode.ts does for CSV), else the DBF's
// language-driver byte; a table whose records mix UTF-8 and GBK is read
// record by record and said. The coordinate system comes from the .prj
// (prj.ts); without one the pipeline judges the numbers and says what it assumed.
import { flatGeometry } from './flatGeometry';
import { parseShp } from 'shpjs';
import type { Geometry, Position } from 'geojson';
import type { LocalizedText } from '../../i18n/text';
import { isUnsafeKey, safeKeyName } from './fields';
import { checkGeometry } from './geojson';
import { MAX_IMPORT_POINTS, tooManyFeaturesFailure } from './limits';
import { readPrj } from './prj';
import { failure, type ConvertResult, type FileFormat, type ImportFailure, type InputFile, type Rejection, type SourceFeature } from './types';

const SHAPE_TYPES: Record<number, { name: string; z: boolean; m: boolean }> = {
  0: { name: 'Null', z: false, m: false },
  1: { name: 'Point', z: false, m: false },
  3: { name: 'PolyLine', z: false, m: false },
  5: { name: 'Polygon', z: false, m: false },
  8: { name: 'MultiPoint', z: false, m: false },
  11: { name: 'PointZ', z: true, m: true },
  13: { name: 'PolyLineZ', z: true, m: true },
  15: { name: 'PolygonZ', z: true, m: true },
  18: { name: 'MultiPointZ', z: true, m: true },
  21: { name: 'PointM', z: false, m: true },
  23: { name: 'PolyLineM', z: false, m: true },
  25: { name: 'PolygonM', z: false, m: true },
  28: { name: 'MultiPointM', z: false, m: true },
};

// ---------------------------------------------------------------- .dbf

type DbfEncoding = { label: string; name: LocalizedText };
const UTF8: DbfEncoding = { label: 'utf-8', name: { zh: 'UTF-8', en: 'UTF-8' } };
const GBK: DbfEncoding = { label: 'gb18030', name: { zh: 'GBK/GB18030', en: 'GBK/GB18030' } };

/** A .cpg's code page → a TextDecoder label ("936", "ANSI 936", "GBK", "UTF-8", "65001"…), or null when unknown. */
function cpgEncoding(text: string): DbfEncoding | null {
  const value = text.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/^ansi\s*/, '');
  if (value === '') return null;
  if (/^(utf-?8|65001)$/.test(value)) return UTF8;
  if (/^(936|cp936|gbk|gb2312|gb_2312-80|gb18030|54936|windows-936)$/.test(value)) return GBK;
  for (const label of [value, /^\d+$/.test(value) ? `windows-${value}` : '']) {
    if (!label) continue;
    try {
      new TextDecoder(label);
      return { label, name: { zh: text.trim(), en: text.trim() } };
    } catch {
      // not a label TextDecoder knows: try the next spelling
    }
  }
  return null;
}

/** dBASE language driver ids (byte 29) that name a code page other than GBK. */
const LANGUAGE_DRIVERS: Record<number, DbfEncoding> = {
  0x4f: { label: 'big5', name: { zh: 'Big5（繁体）', en: 'Big5 (Traditional Chinese)' } },
  0x78: { label: 'big5', name: { zh: 'Big5（繁体）', en: 'Big5 (Traditional Chinese)' } },
  0x57: { label: 'windows-1252', name: { zh: 'Windows-1252', en: 'Windows-1252' } },
  0x03: { label: 'windows-1252', name: { zh: 'Windows-1252', en: 'Windows-1252' } },
};
const GBK_DRIVERS = new Set([0x4d, 0x7a]);

const isUtf8 = (bytes: Uint8Array) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

interface DbfField {
  name: string;
  type: string;
  offset: number;
  length: number;
  decimals: number;
}

interface DbfTable {
  fields: DbfField[];
  renamed: string[];
  records: Record<string, unknown>[];
  encodingNote: LocalizedText;
}

function dbfValue(field: DbfField, text: string): unknown {
  const trimmed = text.trim();
  switch (field.type) {
    case 'N':
    case 'F': {
      if (trimmed === '' || /^\*+$/.test(trimmed)) return null;
      const value = Number(trimmed);
      return Number.isFinite(value) ? value : trimmed;
    }
    case 'D':
      return /^\d{8}$/.test(trimmed) ? `${trimmed.slice(0, 4)}-${trimmed.slice(4, 6)}-${trimmed.slice(6, 8)}` : trimmed === '' ? null : trimmed;
    case 'L':
      return /^[TtYy]$/.test(trimmed) ? true : /^[FfNn]$/.test(trimmed) ? false : null;
    default:
      return trimmed === '' ? null : trimmed;
  }
}

function readDbf(bytes: Uint8Array, cpg: InputFile | undefined, fileName: string): DbfTable | ImportFailure {
  const broken = (why: LocalizedText) =>
    failure('corrupt-file', `属性表 ${fileName} 已损坏：${why.zh}。请在 GIS 软件中重新导出 Shapefile。`, `the attribute table ${fileName} is damaged: ${why.en}. Export the Shapefile again from a GIS.`);
  if (bytes.length < 33) return broken({ zh: `文件只有 ${bytes.length} 字节，不足一个表头`, en: `it has only ${bytes.length} bytes, less than a header` });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  if (headerLength < 33 || headerLength > bytes.length || recordLength < 1)
    return broken({ zh: `表头长度 ${headerLength}、记录长度 ${recordLength} 不合理`, en: `header length ${headerLength} and record length ${recordLength} make no sense` });

  const rawFields: { nameBytes: Uint8Array; type: string; length: number; decimals: number }[] = [];
  for (let at = 32; at + 32 <= headerLength && bytes[at] !== 0x0d; at += 32) {
    const nameBytes = bytes.subarray(at, at + 11);
    const end = nameBytes.indexOf(0);
    rawFields.push({ nameBytes: nameBytes.subarray(0, end === -1 ? 11 : end), type: String.fromCharCode(bytes[at + 11] ?? 0x43), length: bytes[at + 16] ?? 0, decimals: bytes[at + 17] ?? 0 });
  }
  const available = Math.floor((bytes.length - headerLength) / recordLength);
  if (available < count)
    return broken({
      zh: `表头记载 ${count} 条记录，文件只装得下 ${available} 条（文件不完整）`,
      en: `its header says ${count} records, the file holds only ${available} (it is incomplete)`,
    });

  // Encoding: .cpg, else the bytes (names and records), else the language driver.
  // Only the text is judged: the field descriptors around the names are binary (a 254-byte text
  // field's length is the byte 0xFE), which no encoding reads.
  const recordBytes = bytes.subarray(headerLength, headerLength + count * recordLength);
  const declared = cpg ? cpgEncoding(new TextDecoder('latin1').decode(cpg.bytes)) : null;
  const driver = bytes[29] ?? 0;
  let encoding: DbfEncoding;
  let how: LocalizedText;
  let perRecord = false;
  const bodyIsUtf8 = rawFields.every((raw) => isUtf8(raw.nameBytes)) && isUtf8(recordBytes);
  if (declared && !(declared === UTF8 && !bodyIsUtf8)) {
    encoding = declared;
    how = { zh: `据 ${cpg?.name}`, en: `from ${cpg?.name}` };
  } else if (bodyIsUtf8) {
    encoding = UTF8;
    how = declared === UTF8 ? { zh: '', en: '' } : { zh: '按内容判断', en: 'judged from the bytes' };
  } else if (LANGUAGE_DRIVERS[driver] && !GBK_DRIVERS.has(driver)) {
    encoding = LANGUAGE_DRIVERS[driver];
    how = { zh: `据 .dbf 的语言驱动标记 0x${driver.toString(16)}`, en: `from the .dbf language driver 0x${driver.toString(16)}` };
  } else {
    encoding = GBK;
    how = { zh: '按内容判断（不是有效的 UTF-8）', en: 'judged from the bytes (not valid UTF-8)' };
    // Some records valid UTF-8 and others not: a table appended to by two programs.
    let utf8Records = rawFields.filter((raw) => raw.nameBytes.some((byte) => byte >= 0x80) && isUtf8(raw.nameBytes)).length;
    for (let index = 0; index < count; index++) {
      const record = bytes.subarray(headerLength + index * recordLength, headerLength + (index + 1) * recordLength);
      if (record.some((byte) => byte >= 0x80) && isUtf8(record)) utf8Records++;
    }
    perRecord = utf8Records > 0;
  }
  const cpgWrong = cpg && declared === UTF8 && !bodyIsUtf8;
  const cpgUnknown = cpg && !declared;
  const decoder = new TextDecoder(encoding.label);
  const utf8Decoder = new TextDecoder('utf-8');

  const renamed = new Set<string>();
  const seen = new Set<string>();
  let at = 1;
  const fields: DbfField[] = rawFields.map((raw, index) => {
    const nameDecoder = perRecord && raw.nameBytes.some((byte) => byte >= 0x80) && isUtf8(raw.nameBytes) ? utf8Decoder : decoder;
    let name = nameDecoder.decode(raw.nameBytes).trim() || `field_${index + 1}`;
    if (isUnsafeKey(name)) {
      renamed.add(name);
      name = safeKeyName(name, seen);
    }
    const base = name;
    for (let n = 2; seen.has(name); n++) name = `${base}_${n}`;
    seen.add(name);
    const field = { name, type: raw.type.toUpperCase(), offset: at, length: raw.length, decimals: raw.decimals };
    at += raw.length;
    return field;
  });

  const records: Record<string, unknown>[] = [];
  for (let index = 0; index < count; index++) {
    const start = headerLength + index * recordLength;
    const record = bytes.subarray(start, start + recordLength);
    const recordDecoder = perRecord && record.some((byte) => byte >= 0x80) && isUtf8(record) ? utf8Decoder : decoder;
    const properties: Record<string, unknown> = {};
    for (const field of fields) properties[field.name] = dbfValue(field, recordDecoder.decode(record.subarray(field.offset, field.offset + field.length)).replace(/\0/g, ''));
    // A deleted record ('*') keeps its place so the .shp's shapes stay paired; marked for rejection.
    if (record[0] === 0x2a) properties[DELETED] = true;
    records.push(properties);
  }
  const notes: string[][] = [];
  if (cpgWrong) notes.push([`${cpg.name} 声明 UTF-8，但属性不是有效的 UTF-8，已按 GBK 读取`, `${cpg.name} says UTF-8 but the attributes are not valid UTF-8; read as GBK`]);
  if (cpgUnknown) notes.push([`${cpg.name} 的编码无法识别`, `the encoding in ${cpg.name} is not recognised`]);
  if (perRecord) notes.push(['部分记录是 UTF-8、部分是 GBK（编码混用），已逐条判断；请核对中文属性', 'some records are UTF-8 and others GBK (mixed encodings); each record was judged on its own — check the Chinese attributes']);
  const extra = notes.length ? { zh: `；${notes.map(([zh]) => zh).join('；')}`, en: `; ${notes.map(([, en]) => en).join('; ')}` } : { zh: '', en: '' };
  return {
    fields,
    renamed: [...renamed],
    records,
    encodingNote: {
      zh: `属性编码：${encoding.name.zh}${how.zh ? `（${how.zh}）` : ''}${extra.zh}。`,
      en: `attribute encoding: ${encoding.name.en}${how.en ? ` (${how.en})` : ''}${extra.en}.`,
    },
  };
}

/** Marks a deleted .dbf record in its properties until the reader rejects it. */
const DELETED = '\u0000deleted';

// ---------------------------------------------------------------- .shp

function shapeCount(shx: InputFile): number {
  return Math.max(0, Math.floor((shx.bytes.length - 100) / 8));
}


function mapPositions(geometry: Geometry, convert: (xy: [number, number]) => [number, number] | null): Geometry | null {
  let failed = false;
  const one = (position: Position): Position => {
    const converted = convert([position[0] ?? NaN, position[1] ?? NaN]);
    if (!converted) failed = true;
    return converted ?? position;
  };
  let result: Geometry;
  switch (geometry.type) {
    case 'Point':
      result = { type: 'Point', coordinates: one(geometry.coordinates) };
      break;
    case 'MultiPoint':
    case 'LineString':
      result = { type: geometry.type, coordinates: geometry.coordinates.map(one) };
      break;
    case 'MultiLineString':
    case 'Polygon':
      result = { type: geometry.type, coordinates: geometry.coordinates.map((line) => line.map(one)) };
      break;
    case 'MultiPolygon':
      result = { type: 'MultiPolygon', coordinates: geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(one))) };
      break;
    case 'GeometryCollection':
      return null;
  }
  return failed ? null : result;
}

const byExtension = (files: readonly InputFile[], extension: string) => files.find((file) => file.name.toLowerCase().endsWith(`.${extension}`));

export function readShapefile(files: readonly InputFile[]): ConvertResult {
  const [shp] = files;
  const dbf = byExtension(files, 'dbf');
  const shx = byExtension(files, 'shx');
  const prj = byExtension(files, 'prj');
  const cpg = byExtension(files, 'cpg');
  if (!shp || !dbf) return failure('missing-sibling', 'Shapefile 缺少 .dbf 属性表。', 'the Shapefile is missing its .dbf attribute table.');
  const shpName = shp.name;
  const damaged = (why: LocalizedText) =>
    failure('corrupt-file', `${shpName} 已损坏：${why.zh}。请在 GIS 软件中重新导出 Shapefile。`, `${shpName} is damaged: ${why.en}. Export the Shapefile again from a GIS.`);
  if (shp.bytes.length < 100) return damaged({ zh: `文件只有 ${shp.bytes.length} 字节，不足 100 字节的文件头`, en: `it has only ${shp.bytes.length} bytes, less than the 100-byte header` });
  const view = new DataView(shp.bytes.buffer, shp.bytes.byteOffset, shp.bytes.byteLength);
  if (view.getInt32(0, false) !== 9994)
    return damaged({ zh: '文件头不是 Shapefile 的标记（9994）', en: 'its header lacks the Shapefile mark (9994)' });
  const typeCode = view.getInt32(32, true);
  const shapeType = SHAPE_TYPES[typeCode];
  if (!shapeType) return damaged({ zh: `几何类型代码 ${typeCode} 无法识别`, en: `unknown shape type ${typeCode}` });
  if (typeCode === 31)
    return failure('unsupported-format', `${shpName} 是 MultiPatch（三维面片），不是平面图层：请在 GIS 中转为面后再导入。`, `${shpName} is a MultiPatch (3D surfaces), not a map layer: convert it to polygons in a GIS first.`);
  const declaredLength = view.getInt32(24, false) * 2;

  let crs: ReturnType<typeof readPrj> | undefined;
  if (prj) {
    crs = readPrj(new TextDecoder('utf-8').decode(prj.bytes));
    if (!crs.ok) return failure('unknown-crs', crs.message.zh, crs.message.en);
  }

  const table = readDbf(dbf.bytes, cpg, dbf.name);
  if ('ok' in table) return table;
  if (table.records.length > MAX_IMPORT_POINTS) return tooManyFeaturesFailure(table.records.length, 'features');

  let geometries: (Geometry | null)[];
  try {
    geometries = typeCode === 0 ? [] : (parseShp(shp.bytes) as (Geometry | null)[]);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return damaged({ zh: `几何无法读取（${detail}）`, en: `its shapes cannot be read (${detail})` });
  }
  const expected = shx ? shapeCount(shx) : undefined;
  if (declaredLength > shp.bytes.length || (expected !== undefined && geometries.length < expected))
    return damaged({
      zh: `文件不完整：读出 ${geometries.length} 个图形${expected !== undefined ? `，索引 .shx 记载 ${expected} 个` : ''}，文件头记载 ${declaredLength} 字节、实有 ${shp.bytes.length} 字节`,
      en: `it is incomplete: ${geometries.length} shapes read${expected !== undefined ? `, the .shx index lists ${expected}` : ''}; the header says ${declaredLength} bytes, the file has ${shp.bytes.length}`,
    });
  if (geometries.length !== table.records.length)
    return failure(
      'mismatched-parts',
      `${shpName} 有 ${geometries.length} 个图形，而属性表 ${dbf.name} 有 ${table.records.length} 条记录：两者不配套（可能来自不同版本，或其中一个已损坏），属性会错位，因此未导入。请在 GIS 软件中重新导出。`,
      `${shpName} has ${geometries.length} shapes but its attribute table ${dbf.name} has ${table.records.length} records: they do not belong together (different versions, or one is damaged) and attributes would land on the wrong shapes, so nothing was imported. Export the Shapefile again from a GIS.`,
    );

  const features: SourceFeature[] = [];
  const rejected: Rejection[] = [];
  const convert = crs?.ok ? crs.toWgs84 : null;
  geometries.forEach((raw, index) => {
    const row = index + 1;
    const { [DELETED]: deleted, ...properties } = table.records[index] ?? {};
    if (deleted) return void rejected.push({ row, reason: { zh: '属性表中此记录已标记删除', en: 'the record is marked deleted in the attribute table' } });
    if (!raw) return void rejected.push({ row, reason: { zh: '空图形（Null shape）：没有位置', en: 'null shape: no position' } });
    const flat = flatGeometry(raw);
    const checked = checkGeometry(flat);
    if ('problem' in checked) return void rejected.push({ row, reason: checked.problem });
    let geometry = checked.geometry;
    if (convert) {
      const converted = mapPositions(geometry, convert);
      if (!converted) {
        const first = JSON.stringify(raw.type === 'Point' ? raw.coordinates.slice(0, 2) : '');
        return void rejected.push({
          row,
          reason: { zh: `坐标 ${first} 按 .prj 的坐标系转换后不在中国范围内`, en: `coordinates ${first} land outside China in the .prj's coordinate system` },
        });
      }
      geometry = converted;
    }
    features.push({ row, geometry, properties });
  });

  const notes: LocalizedText[] = [table.encodingNote];
  if (shapeType.z || shapeType.m) {
    const dropped = shapeType.z ? { zh: 'Z（高程）和 M（量测）值', en: 'Z (height) and M (measure) values' } : { zh: 'M（量测）值', en: 'M (measure) values' };
    notes.push({ zh: `几何类型为 ${shapeType.name}：${dropped.zh}已舍弃，只保留平面位置。`, en: `the shape type is ${shapeType.name}: ${dropped.en} were dropped; only the plane positions are kept.` });
  }
  if (!prj) notes.push({ zh: '没有 .prj 文件：坐标系按数值判断（见坐标系说明）。', en: 'no .prj file: the coordinate system was judged from the values (see the coordinate note).' });
  return {
    ok: true,
    features,
    rejected,
    renamedKeys: table.renamed,
    notes,
    ...(crs?.ok ? { convertedCrs: { name: crs.name, note: crs.note } } : {}),
  };
}

export const shapefileFormat: FileFormat = {
  id: 'shapefile',
  title: { zh: 'Shapefile', en: 'Shapefile' },
  extensions: ['shp'],
  mimeTypes: ['application/x-esri-shape'],
  reads: 'bytes',
  siblings: { required: ['dbf', 'shx'], optional: ['prj', 'cpg', 'sbn', 'sbx', 'qix', 'fix'] },
  read: (files) => readShapefile(files),
};
