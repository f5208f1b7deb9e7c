import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importFile, mapFields, slugify, type ImportReport } from '../../../src/io/import/index';

const utf8 = (text: string) => new TextEncoder().encode(text);

function ok(report: ImportReport) {
  if (!report.ok) throw new Error(`expected ok, got ${report.error.code}: ${report.error.message.en}`);
  return report;
}

describe('layer naming and ids', () => {
  it('layer id imported-<slug>-<n> avoids existing ids; the caller may name it', () => {
    const bytes = utf8('name,lon,lat\na,114,33\n');
    expect(ok(importFile('C:\\data\\Logistics Hubs (2025).csv', bytes)).layer.id).toBe('imported-logistics-hubs-2025-1');
    expect(ok(importFile('hubs.csv', bytes, { existingLayerIds: ['imported-hubs-1', 'imported-hubs-2'] })).layer.id).toBe('imported-hubs-3');
    const named = ok(importFile('hubs.csv', bytes, { layerId: 'my-layer', title: { zh: '枢纽', en: 'Hubs' } })).layer;
    expect(named).toMatchObject({ id: 'my-layer', title: { zh: '枢纽', en: 'Hubs' } });
    expect(slugify('!!!')).toBe('layer');
  });

  it('keeps a unique 编号 column as the id, and the column itself', () => {
    const report = ok(importFile('t.csv', utf8('编号,名称,lon,lat\nZ01,甲,114,33\nZ02,乙,114.1,33\n')));
    expect(report.layer.features.map((feature) => feature.properties)).toEqual([
      { id: 'Z01', 编号: 'Z01', 名称: '甲' },
      { id: 'Z02', 编号: 'Z02', 名称: '乙' },
    ]);
    expect(report.warnings).toEqual([]);
  });

  it('numeric unique ids become strings', () => {
    const report = ok(importFile('t.csv', utf8('id,lon,lat\n1,114,33\n2,114.1,33\n')));
    expect(report.layer.features.map((feature) => feature.properties.id)).toEqual(['1', '2']);
  });

  it('a repeated or incomplete id column gives generated ids, the old values kept and a warning', () => {
    const report = ok(importFile('dup.csv', utf8('id,lon,lat\n7,114,33\n7,114.1,33\n,114.2,33\n')));
    expect(report.layer.features.map((feature) => feature.properties)).toEqual([
      { id: 'dup-2', source_id: 7 },
      { id: 'dup-3', source_id: 7 },
      { id: 'dup-4', source_id: null },
    ]);
    expect(report.warnings[0]?.en).toContain('empty or repeated');
    expect(report.warnings[0]?.zh).toContain('重复');
  });

  it('unsupported formats are refused with a hint, not parsed as CSV', () => {
    // A .zip is opened now: one holding only an unsupported format is refused the same way.
    const files: [string, Uint8Array][] = [
      ...['roads.gpkg', 'plan.dxf', 'a.mdb'].map((name): [string, Uint8Array] => [name, new Uint8Array([0x50, 0x4b, 3, 4])]),
      ['b.zip', zipSync({ 'roads.gpkg': new Uint8Array([0, 0, 0x27, 0x0a]) })],
    ];
    for (const [name, bytes] of files) {
      const report = importFile(name, bytes);
      expect(report.ok || report.error).toMatchObject({ code: 'unsupported-format', message: { en: expect.stringContaining('GeoJSON, Shapefile, ') } });
    }
  });
});

describe('hostile input stays data', () => {
  it('GeoJSON __proto__/constructor keys do not reach any prototype, at any depth', () => {
    const text =
      '{"type":"Feature","geometry":{"type":"Point","coordinates":[114,33]},"properties":' +
      '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"nested":{"__proto__":{"polluted":"yes"},"ok":1},' +
      '"name":"<img src=x onerror=alert(1)>","formula":"=cmd|\' /C calc\'!A0"}}';
    const report = ok(importFile('evil.geojson', utf8(text)));
    const properties = report.layer.features[0]?.properties ?? { id: '' };
    // Unsafe keys are renamed (<key>_), their values kept as plain data.
    expect(properties).toEqual({
      id: 'evil-1',
      __proto___: { polluted: 'yes' },
      constructor_: { prototype_: { polluted: 'yes' } },
      nested: { __proto___: { polluted: 'yes' }, ok: 1 },
      name: '<img src=x onerror=alert(1)>',
      formula: "=cmd|' /C calc'!A0",
    });
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(properties.nested)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((properties as Record<string, unknown>).polluted).toBeUndefined();
    expect(report.warnings.map((warning) => warning.en)).toEqual([
      'property names renamed: __proto__ → __proto___, constructor → constructor_, prototype → prototype_ (these names are special in programs); their values are kept.',
    ]);
    // Merging the result by assignment later must not pollute either.
    const merged = Object.assign({}, properties);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
  });

  it('CSV columns named __proto__/constructor are renamed; script-looking cells kept as text', () => {
    const text = 'name,__proto__,constructor,lon,lat\n"<script>alert(1)</script>",{"polluted":1},x,114,33\n';
    const report = ok(importFile('evil.csv', utf8(text)));
    const properties = report.layer.features[0]?.properties;
    expect(properties).toEqual({ id: 'evil-2', name: '<script>alert(1)</script>', __proto___: '{"polluted":1}', constructor_: 'x' });
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('mapFields', () => {
  const features = ok(importFile('t.csv', utf8('编号,名称,类型,name,lon,lat\nZ01,甲,物流,ignored,114,33\n'))).layer.features;

  it('renames mapped fields to the plan layer’s names and keeps the rest', () => {
    const [mapped] = mapFields(features, { name: '名称', kind: '类型', county: '所属县' });
    expect(mapped?.properties).toEqual({ id: 'Z01', name: '甲', kind: '物流', county: null, 编号: 'Z01', name_source: 'ignored' });
    expect(mapped?.geometry).toBe(features[0]?.geometry);
    // The input is not changed.
    expect(features[0]?.properties).toEqual({ id: 'Z01', 编号: 'Z01', 名称: '甲', 类型: '物流', name: 'ignored' });
  });

  it('never remaps id and ignores unsafe target names', () => {
    const [mapped] = mapFields(features, { id: '名称', ['__proto__']: '类型' });
    expect(mapped?.properties.id).toBe('Z01');
    expect(Object.getPrototypeOf(mapped?.properties)).toBe(Object.prototype);
    expect(mapped?.properties).toEqual({ id: 'Z01', 编号: 'Z01', 名称: '甲', 类型: '物流', name: 'ignored' });
  });
});
