// The bad-input corpus (cases.ts) through the same `importFile` the worker
// runs, with the city bounds the dialog passes: every case's message in
// Chinese and English, and the outcome applied through a real scenario store
// as the import dialog applies it (a refused file leaves the scenario exactly
// as it was; an accepted one is one edit the store takes).
import { describe, expect, it } from 'vitest';
import { addLayer } from '../../src/domain/edits';
import { cityBounds } from '../../src/domain/validation';
import { toCsv } from '../../src/io/csvExport';
import { pointsFromImport } from '../../src/io/analysisInputs';
import { importFile, importFiles, type ImportPhase, type ImportReport } from '../../src/io/import';
import { createScenarioStore } from '../../src/state/scenarioStore';
import { cityOutline, realBaseline, realScenario } from '../unit/scenario/helpers';
import { CASES, caseNamed, filesOf, type BadInputCase, type Expected } from './cases';

const CITY = cityBounds(cityOutline());
const BASELINE = realBaseline();

function matches(actual: string, expected: Expected) {
  if (typeof expected === 'string') expect(actual).toBe(expected);
  else for (const fragment of expected) expect(actual).toContain(fragment);
}

function run(testCase: BadInputCase, existingLayerIds: string[] = []): ImportReport {
  return importFiles(filesOf(testCase), { ...testCase.options, cityBounds: CITY, existingLayerIds });
}

/** What the import dialog does with a report on 确认导入 (as a new layer); refused files have nothing to confirm. */
function applyAsDialog(store: ReturnType<typeof createScenarioStore>, report: ImportReport): boolean {
  return report.ok ? store.getState().applyEdit(addLayer(report.layer)) : false;
}

describe('bad-input corpus', () => {
  it('has at least 40 cases, in every group, with unique names', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((each) => each.name)).size).toBe(CASES.length);
    expect(new Set(CASES.map((each) => each.group))).toEqual(new Set(['json', 'geometry', 'crs', 'csv', 'hostile', 'size', 'files']));
  });

  for (const testCase of CASES) {
    it(`${testCase.group}: ${testCase.name}`, () => {
      const store = createScenarioStore(BASELINE, cityOutline(), [realScenario()]);
      const before = structuredClone(store.getState().current());
      const report = run(testCase, before.layers.map((layer) => layer.id));

      if ('refused' in testCase.expect) {
        const { refused } = testCase.expect;
        if (report.ok) throw new Error(`expected refusal ${refused.code}, got ${report.accepted} features`);
        expect(report.error.code).toBe(refused.code);
        matches(report.error.message.zh, refused.zh);
        matches(report.error.message.en, refused.en);
        expect(applyAsDialog(store, report)).toBe(false);
        expect(store.getState().current()).toEqual(before);
        expect(store.getState().canUndo()).toBe(false);
        return;
      }

      const expected = testCase.expect;
      if (!report.ok) throw new Error(`expected acceptance, got ${report.error.code}: ${report.error.message.en}`);
      expect(report.accepted).toBe(expected.accepted);
      expect(report.layer.features).toHaveLength(expected.accepted);
      const rejected = expected.rejected ?? [];
      expect(report.rejected.map((row) => row.row)).toEqual(rejected.map(([row]) => row));
      expect(report.rejectedCount).toBe(rejected.length);
      rejected.forEach(([, zh, en], index) => {
        matches(report.rejected[index]!.reason.zh, zh);
        matches(report.rejected[index]!.reason.en, en);
      });
      const warnings = expected.warnings ?? [];
      expect(report.warnings).toHaveLength(warnings.length);
      warnings.forEach(([zh, en], index) => {
        matches(report.warnings[index]!.zh, zh);
        matches(report.warnings[index]!.en, en);
      });
      expected.check?.(report);

      // The store takes what the importer accepted: nothing the report shows is refused on confirm.
      expect(applyAsDialog(store, report)).toBe(true);
      expect(store.getState().editProblems).toBeNull();
      const after = store.getState().current();
      expect(after.layers.map((layer) => layer.id)).toEqual([...before.layers.map((layer) => layer.id), report.layer.id]);
      expect(after.layers.slice(0, -1)).toEqual(before.layers);
      store.getState().undo();
      expect(store.getState().current().layers).toEqual(before.layers);
    });
  }
});

describe('prototype pollution', () => {
  it('importing __proto__ / constructor / prototype keys leaves Object.prototype untouched', () => {
    const ownBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    for (const name of ['__proto__ / constructor / prototype as GeoJSON property keys', '__proto__ / constructor / prototype as CSV column names']) {
      const report = run(caseNamed(name));
      expect(report.ok).toBe(true);
      // Spreading and assigning the imported properties, as edits and merges do, stays safe too.
      if (report.ok) for (const feature of report.layer.features) Object.assign({}, { ...feature.properties }, structuredClone(feature.properties));
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(ownBefore);
    expect(Object.prototype.constructor).toBe(Object);
  });
});

describe('Excel formulas survive import as text and are neutralised on export', () => {
  it('= + - @ cells exported to CSV start with an apostrophe', () => {
    const report = run(caseNamed('CSV with Excel formula cells: kept as text on import (export neutralises them)'));
    if (!report.ok) throw new Error(report.error.message.en);
    const fields = ['名称', '链接'];
    const csv = toCsv(fields, report.layer.features.map((feature) => fields.map((field) => feature.properties[field] as string)));
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")",'+1`);
    expect(csv).toContain(`'@SUM(A1:A9),'-2+3`);
    expect(csv).toContain(`'=1+1,'=cmd|'/C calc'!A0`);
    for (const line of csv.replace(/^\uFEFF/, '').trim().split('\r\n').slice(1)) expect(line).not.toMatch(/^"?[=+\-@]|,"?[=+\-@]/);
  });
});

describe('progress', () => {
  it('reports each phase in order, from 0 to 1, throttled to whole percents', () => {
    const rows = Array.from({ length: 20_000 }, (_, index) => `p${index},${(113.5 + (index % 100) / 100).toFixed(4)},${(32.6 + Math.floor(index / 100) / 250).toFixed(4)}`);
    const calls: [number, ImportPhase][] = [];
    const report = importFile('many.csv', new TextEncoder().encode(`name,lon,lat\n${rows.join('\n')}\n`), { cityBounds: CITY }, (fraction, phase) => calls.push([fraction, phase]));
    expect(report.ok && report.accepted).toBe(20_000);
    const order: ImportPhase[] = ['decode', 'parse', 'read', 'convert', 'check'];
    const phases = calls.map(([, phase]) => order.indexOf(phase));
    expect(phases).toEqual([...phases].sort((a, b) => a - b));
    expect(new Set(calls.map(([, phase]) => phase))).toEqual(new Set(order));
    for (const phase of order) {
      const fractions = calls.filter(([, each]) => each === phase).map(([fraction]) => fraction);
      expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
      expect(new Set(fractions).size).toBe(fractions.length);
    }
    expect(calls.at(-1)).toEqual([1, 'check']);
    expect(calls.length).toBeLessThan(600);
  });

  it('a half-bad file lists the first 1,000 rejected rows and counts them all', () => {
    const rows = Array.from({ length: 3000 }, (_, index) => (index % 2 ? `p${index},114.05,32.98` : `p${index},abc,32.98`));
    const report = importFile('half-bad.csv', new TextEncoder().encode(`name,lon,lat\n${rows.join('\n')}\n`), { cityBounds: CITY });
    if (!report.ok) throw new Error(report.error.message.en);
    expect(report.accepted).toBe(1500);
    expect(report.rejectedCount).toBe(1500);
    expect(report.rejected).toHaveLength(1000);
    expect(report.rejected[0]).toEqual({ row: 2, reason: { zh: '经度/X“abc”不是数字', en: 'longitude/x "abc" is not a number' } });
  });
});

describe('analysis point files (the targets view of the import) never throw on the corpus', () => {
  for (const testCase of CASES.filter((each) => each.group !== 'size')) {
    it(testCase.name, () => {
      const result = pointsFromImport(importFiles(filesOf(testCase)), 'targets');
      if (!result.ok) {
        expect(result.error.message.zh.length).toBeGreaterThan(0);
        expect(result.error.message.en.length).toBeGreaterThan(0);
      } else for (const skipped of result.skipped) expect(skipped.reason.zh && skipped.reason.en).toBeTruthy();
    });
  }
});
