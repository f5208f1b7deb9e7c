// Analysis results as data: for each analysis kind, a real run (the engine,
// not a hand-made result) exported as GeoJSON, Shapefile, CSV and Excel; the
// features and every parameter are present, geometries are valid, and GDAL
// (ogrinfo / ogr2ogr) reads the files back.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { booleanValid } from '@turf/turf';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../../src/analysis/engines';
import type { AnalysisRequest, AnalysisResult } from '../../../src/analysis/registry';
import { DEFAULT_TRAVEL } from '../../../src/analysis/types';
import { DEFAULT_ANALYSIS_SPEC, type AnalysisSpec } from '../../../src/domain/analysisSpec';
import {
  analysisCsv,
  analysisFileStem,
  analysisGeoJson,
  analysisKml,
  analysisShapefile,
  analysisXlsx,
  resultFeatureSets,
  serializeAnalysisGeoJson,
  type AnalysisExportContext,
} from '../../../src/io/export/analysisResults';
import { pointFacility, squareStudyArea, target } from '../analysis/helpers';
import { riverGrid, at } from '../analysis/network/roads';
import { ogrinfo, ogrToWgs84, tempDir, unzipToTemp } from './ogr';

const area = squareStudyArea(113.9, 32.9, 114.1, 33.1);
const facilities = [pointFacility('f1', 113.95, 32.95, 2), pointFacility('f2', 114.05, 33.05, 1), pointFacility('f3', 114.06, 32.93, 1)];
const targets = Array.from({ length: 30 }, (_, i) => target(`t${i}`, 113.91 + (i % 6) * 0.035, 32.91 + Math.floor(i / 6) * 0.04, 1 + (i % 3)));
const params = { ...DEFAULT_TRAVEL, mode: 'walk' as const, minutes: 15 };
const EXPORTED_AT = new Date(2026, 11, 7, 10, 0);

function run(request: AnalysisRequest): AnalysisResult {
  return runAnalysis(request, { area, planTargets: [] });
}

function contextOf(spec: Partial<AnalysisSpec>, result: AnalysisResult): AnalysisExportContext {
  return {
    spec: { ...DEFAULT_ANALYSIS_SPEC, minutes: 15, mode: 'walk', ...spec },
    result,
    scenarioName: '方案A',
    names: new Map(facilities.map((facility) => [facility.id, `设施${facility.id}`])),
    computedAt: new Date(2026, 11, 7, 9, 59),
    exportedAt: EXPORTED_AT,
  };
}

const networkFacilities = [pointFacility('n1', ...at(100, 100)), pointFacility('n2', ...at(1900, 1900))];
const networkTargets = Array.from({ length: 12 }, (_, i) => target(`nt${i}`, ...at(150 * i + 50, 160 * i + 40)));

const CASES = [
  {
    kind: 'circles',
    context: () => contextOf({ kind: 'circles' }, run({ kind: 'circles', facilities, params })),
    parts: { circles: 3, union: 1 },
    summary: /半径 1000 米/,
  },
  {
    kind: 'coverage',
    context: () => contextOf({ kind: 'coverage', targetSource: 'towns' }, run({ kind: 'coverage', facilities, targets, params })),
    parts: { circles: 3, union: 1, targets: 30 },
    summary: /已覆盖 \d+ \/ 30 个服务对象/,
  },
  {
    kind: 'catchment',
    context: () =>
      contextOf(
        { kind: 'catchment', huffEnabled: true, huffExponent: 2, targetSource: 'townships' },
        run({ kind: 'catchment', facilities, targets, params, metric: 'distance', huff: { enabled: true, exponent: 2 } }),
      ),
    parts: { cells: 3, targets: 30 },
    summary: /3 个设施，30 \/ 30 个服务对象/,
  },
  {
    kind: 'network',
    context: () =>
      contextOf(
        { kind: 'network', networkLayer: 'roads-1', targetSource: 'imported' },
        run({
          kind: 'network',
          facilities: networkFacilities,
          targets: networkTargets,
          params,
          roads: riverGrid(10, 200, 4, [2, 7]),
          options: { connectCrossings: true, snapMeters: 5, accessMeters: 300, speedField: null },
        }),
      ),
    parts: { bands: 3, targets: 12 },
    summary: /分钟内沿路网可达 \d+ \/ 12 个服务对象/,
  },
] as const;

describe.each(CASES)('$kind result as data', { timeout: 60_000 }, ({ kind, context: makeContext, parts, summary }) => {
  const context = makeContext();

  it('gives every feature set with valid geometry and its figures', () => {
    const sets = resultFeatureSets(context);
    expect(Object.fromEntries(sets.map((item) => [item.id, item.features.length]))).toEqual(parts);
    for (const item of sets)
      for (const feature of item.features) {
        expect(booleanValid(feature.geometry), `${item.id} ${JSON.stringify(feature.properties)}`).toBe(true);
        expect(typeof feature.properties.part).toBe('string');
      }
    const targetSet = sets.find((item) => item.id === 'targets');
    if (kind === 'coverage' || kind === 'network') {
      const covered = targetSet!.features.filter((feature) => feature.properties.covered === true).length;
      expect(covered).toBe(context.result.kind === 'coverage' ? context.result.coverage.targets.covered : context.result.kind === 'network' ? context.result.coverage.covered : -1);
    }
    if (kind === 'catchment') {
      const cells = sets.find((item) => item.id === 'cells')!;
      // Each cell names its facility and its colour; the colours differ.
      expect(new Set(cells.features.map((cell) => cell.properties.color)).size).toBe(3);
      expect(cells.features.map((cell) => cell.properties.facility).sort()).toEqual(['设施f1', '设施f2', '设施f3']);
      // Huff shares per facility sum to 1 (the weight split between facilities).
      const shares = cells.features.reduce((sum, cell) => sum + (cell.properties.huff_share as number), 0);
      expect(shares).toBeCloseTo(1, 3);
      for (const point of targetSet!.features) {
        expect(point.properties.facility).toMatch(/^设施f\d$/);
        expect(point.properties.huff_best_share as number).toBeGreaterThan(0);
      }
    }
  });

  it('writes GeoJSON with every parameter and the schematic caveat, read back by ogrinfo', () => {
    const collection = analysisGeoJson(context);
    expect(collection.analysis.summary_zh).toMatch(summary);
    const parameters = collection.analysis.parameters;
    for (const key of ['analysis', 'scenario', 'minutes', 'mode', 'speed', 'detour', 'facilities', 'method', 'computed', 'exported']) expect(parameters, key).toHaveProperty(key);
    if (kind !== 'circles') expect(parameters).toHaveProperty('targets');
    expect(parameters.scenario!.zh).toBe('方案A');
    expect(parameters.minutes!.zh).toBe('15 分钟');
    expect(parameters.speed!.en).toBe('4 km/h (67 m/min)');
    expect(collection.analysis.caveat_zh).toContain('示意');
    expect(collection.analysis.schematic).toBe(true);
    expect(collection.features.every((feature) => feature.properties.analysis === kind)).toBe(true);

    const dir = tempDir(`analysis-${kind}`);
    const file = join(dir, `${analysisFileStem(context, 'zh')}.geojson`);
    writeFileSync(file, serializeAnalysisGeoJson(collection));
    const total = Object.values(parts).reduce((sum: number, count) => sum + count, 0);
    expect(ogrinfo('-so', '-al', file)).toContain(`Feature Count: ${total}`);
    const back = ogrToWgs84(file);
    expect(back.features).toHaveLength(total);
    // The foreign member survives in the file for a reader (GDAL ignores it, as RFC 7946 allows).
    expect(JSON.parse(readFileSync(file, 'utf8')).analysis.parameters.mode.zh).toBe('步行');
  });

  it('writes a Shapefile per feature set with a readme of the parameters, read back by ogrinfo', async () => {
    const shapefile = await analysisShapefile(context);
    const { dir, names } = unzipToTemp(shapefile.zip, `analysis-shp-${kind}`);
    expect(names).toContain('README.txt');
    const readme = readFileSync(join(dir, 'README.txt'), 'utf8');
    expect(readme).toMatch(summary);
    for (const label of ['分析类型', '方案: 方案A', '时间: 15 分钟', '出行方式: 步行', '速度: 4 千米/小时', '绕行系数', '示意', 'Schematic']) expect(readme).toContain(label);
    for (const [part, count] of Object.entries(parts)) {
      expect(names).toContain(`${part}.shp`);
      const info = ogrinfo('-so', join(dir, `${part}.shp`), part);
      expect(info, part).toContain(`Feature Count: ${count}`);
      expect(info).toMatch(part === 'targets' ? /Geometry: Point/ : /Geometry: Polygon/);
    }
    if (kind === 'catchment') {
      const cells = ogrToWgs84(join(dir, 'cells.shp'));
      expect(cells.features.map((cell) => cell.properties.facility).sort()).toEqual(['设施f1', '设施f2', '设施f3']);
    }
  });

  it('writes KML with a folder per feature set and the parameters in the description, read back by ogrinfo', () => {
    const kml = analysisKml(context, 'zh');
    expect(kml).toContain('出行方式');
    expect(kml).toContain('示意');
    const dir = tempDir(`analysis-kml-${kind}`);
    const file = join(dir, 'result.kml');
    writeFileSync(file, kml);
    const info = ogrinfo('-so', '-al', file);
    for (const count of Object.values(parts).filter((count) => count > 0)) expect(info).toContain(`Feature Count: ${count}`);
    if (kind === 'catchment') expect(kml).toMatch(/<PolyStyle><color>73[0-9a-f]{6}<\/color>/);
  });

  it('writes CSV and Excel with the summary and every parameter in the header', () => {
    const csv = analysisCsv(context, 'zh', { fields: ['a'], rows: [[1]] });
    const head = csv.split('\r\n\r\n')[0]!;
    expect(head).toMatch(summary);
    for (const label of ['分析类型', '方案', '时间', '出行方式', '速度', '绕行系数', '计算时间', '示意说明']) expect(head).toContain(label);
    const english = analysisCsv(context, 'en', { fields: ['a'], rows: [[1]] });
    expect(english).toContain('detour factor');
    expect(english).toContain('Schematic');

    const xlsx = unzipSync(analysisXlsx(context, [{ id: 'table', fields: ['a'], rows: [[1]] }], 'zh'));
    const strings = strFromU8(xlsx['xl/sharedStrings.xml']!);
    expect(strings).toContain('出行方式: 步行');
    expect(strings).toContain('示意');
    const workbook = strFromU8(xlsx['xl/workbook.xml']!);
    if ('targets' in parts) expect(workbook).toContain('服务对象');
  });
});

describe('file names', () => {
  it('name the scenario, the analysis, the minutes and the date in the language', () => {
    const context = contextOf({ kind: 'coverage' }, run({ kind: 'coverage', facilities, targets, params }));
    expect(analysisFileStem(context, 'zh')).toBe('驻马店-方案A-覆盖率-15分钟-2026-12-07');
    expect(analysisFileStem(context, 'en')).toBe('Zhumadian-方案A-Coverage-15min-2026-12-07');
    expect(analysisFileStem(context, 'zh', 'uncovered')).toBe('驻马店-方案A-覆盖率-15分钟-uncovered-2026-12-07');
  });

  it('plan targets have tables but no geometry', () => {
    const context = contextOf({ kind: 'targets' }, { kind: 'targets', targets: [] });
    expect(resultFeatureSets(context)).toEqual([]);
    expect(analysisCsv(context, 'en', { fields: ['a'], rows: [] })).toContain('0 targets');
  });
});
