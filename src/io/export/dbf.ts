// dBASE III tables (the .dbf of a Shapefile), written byte by byte because
// the one JavaScript Shapefile writer (@mapbox/shp-write, through `dbf`)
// writes each UTF-16 code unit as one byte (Chinese comes out as garbage),
// cuts field names at 10 characters rather than 10 bytes, and knows no .cpg.
// Here names and values are bytes in the chosen encoding: field names within
// 10 bytes and unique (case-insensitively, as dBASE readers compare them),
// text fields as wide as their longest value (at most 254 bytes, longer
// values cut on a character boundary and counted), numbers as N fields with
// the decimals their values need, true/false as L fields. Pure.
import { encodeWithin, type ByteEncoder } from './textEncoding';

export const DBF_NAME_BYTES = 10;
export const DBF_TEXT_BYTES = 254;
/** dBASE N fields hold at most 20 characters (GDAL's and ArcGIS's limit too). */
const DBF_NUMBER_WIDTH = 20;
const MAX_DECIMALS = 8;

export type DbfValue = string | number | boolean | null;

export interface DbfField {
  /** The property key the field comes from. */
  key: string;
  /** The field name as written (≤ 10 bytes in the encoding). */
  name: string;
  type: 'C' | 'N' | 'L';
  length: number;
  decimals: number;
  /** Records whose text was cut to fit 254 bytes. */
  truncated: number;
}

/** A property value as one DBF cell: lists joined with 、, objects as JSON. */
export function dbfValue(value: unknown): DbfValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object')) return value.map(String).join('、');
  return JSON.stringify(value);
}

function decimalsOf(value: number): number {
  const text = value.toFixed(MAX_DECIMALS).replace(/0+$/, '');
  return text.length - text.indexOf('.') - 1;
}

/** Unique field names within 10 bytes: cut on a character boundary, then _2, _3 … when two collide. */
export function shortFieldNames(keys: readonly string[], encoder: ByteEncoder): string[] {
  const taken = new Set<string>();
  const cut = (text: string, bytes: number) => {
    let out = '';
    let length = 0;
    for (const character of text) {
      const size = encoder.encode(character).length;
      if (length + size > bytes) break;
      out += character;
      length += size;
    }
    return out;
  };
  return keys.map((key) => {
    // NUL ends a name in the header; control characters have no business there either.
    const clean = key.replace(/[\u0000-\u001f]/g, '_') || 'field';
    let name = cut(clean, DBF_NAME_BYTES);
    for (let suffix = 2; name === '' || taken.has(name.toLowerCase()); suffix++) name = `${cut(clean, DBF_NAME_BYTES - String(suffix).length - 1)}_${suffix}`;
    taken.add(name.toLowerCase());
    return name;
  });
}

/** The fields a set of records needs, in first-seen key order. */
export function planDbfFields(records: readonly Record<string, DbfValue>[], encoder: ByteEncoder): DbfField[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const record of records)
    for (const key of Object.keys(record))
      if (!seen.has(key)) seen.add(key), keys.push(key);
  const names = shortFieldNames(keys, encoder);
  return keys.map((key, index): DbfField => {
    const values = records.map((record) => record[key] ?? null).filter((value): value is Exclude<DbfValue, null> => value !== null);
    const name = names[index]!;
    if (values.length > 0 && values.every((value) => typeof value === 'boolean')) return { key, name, type: 'L', length: 1, decimals: 0, truncated: 0 };
    if (values.length > 0 && values.every((value) => typeof value === 'number')) {
      const numbers = values as number[];
      const decimals = Math.max(0, ...numbers.map(decimalsOf));
      const length = Math.max(1, ...numbers.map((value) => value.toFixed(decimals).length));
      if (length <= DBF_NUMBER_WIDTH) return { key, name, type: 'N', length, decimals, truncated: 0 };
    }
    let length = 1;
    let truncated = 0;
    for (const value of values) {
      const { bytes, truncated: cut } = encodeWithin(encoder, String(value), DBF_TEXT_BYTES);
      length = Math.max(length, bytes.length);
      if (cut) truncated++;
    }
    return { key, name, type: 'C', length, decimals: 0, truncated };
  });
}

/** The .dbf bytes. `languageDriver`: the code page byte (0x4D = GBK/936; 0 when a .cpg says it, as for UTF-8). */
export function writeDbf(fields: readonly DbfField[], records: readonly Record<string, DbfValue>[], encoder: ByteEncoder, date: Date, languageDriver: number): Uint8Array {
  const headerLength = 32 + fields.length * 32 + 1;
  const recordLength = 1 + fields.reduce((sum, field) => sum + field.length, 0);
  const bytes = new Uint8Array(headerLength + records.length * recordLength + 1);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, 0x03); // dBASE III without memo
  view.setUint8(1, date.getUTCFullYear() - 1900);
  view.setUint8(2, date.getUTCMonth() + 1);
  view.setUint8(3, date.getUTCDate());
  view.setUint32(4, records.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  view.setUint8(29, languageDriver);
  fields.forEach((field, index) => {
    const at = 32 + index * 32;
    bytes.set(encodeWithin(encoder, field.name, DBF_NAME_BYTES).bytes, at);
    view.setUint8(at + 11, field.type.charCodeAt(0));
    view.setUint8(at + 16, field.length);
    view.setUint8(at + 17, field.decimals);
  });
  bytes[headerLength - 1] = 0x0d;
  bytes.fill(0x20, headerLength, bytes.length - 1); // blanks: deletion flags and empty (null) cells
  const ascii = (text: string, at: number) => {
    for (let i = 0; i < text.length; i++) bytes[at + i] = text.charCodeAt(i);
  };
  records.forEach((record, row) => {
    let at = headerLength + row * recordLength + 1;
    for (const field of fields) {
      const value = record[field.key] ?? null;
      if (value !== null) {
        if (field.type === 'N') {
          const text = (value as number).toFixed(field.decimals);
          ascii(text, at + field.length - text.length); // numbers right-aligned
        } else if (field.type === 'L') ascii(value ? 'T' : 'F', at);
        else bytes.set(encodeWithin(encoder, String(value), field.length).bytes, at);
      } else if (field.type === 'L') ascii('?', at);
      at += field.length;
    }
  });
  bytes[bytes.length - 1] = 0x1a;
  return bytes;
}
