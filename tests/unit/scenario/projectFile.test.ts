import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, MIGRATIONS, parseProjectFile, serializeProject, type ProjectErrorCode } from '../../../src/domain/projectFile';
import { startingScenarios } from '../../../src/domain/scenarios';
import type { SavedView } from '../../../src/domain/views';
import { NOW, layer, point, realBaseline, scenarioOf } from './helpers';

const SAVED = '2025-03-02T09:30:00.000Z';
const valid = () => JSON.parse(serializeProject([scenarioOf('s1', [layer('towns', [point('a', 114, 33)])])], [], SAVED));
const errorOf = (value: unknown) => {
  const result = parseProjectFile(typeof value === 'string' ? value : JSON.stringify(value));
  if (result.ok) throw new Error('expected the file to be refused');
  return result.error;
};

describe('project file', () => {
  it('round-trips the shipped scenarios and views, leaving out the baseline', () => {
    const baseline = realBaseline();
    const scenarios = startingScenarios(baseline, NOW);
    const views: SavedView[] = [
      {
        id: 'view-1',
        title: '幻灯片 1',
        notes: '',
        scenarioId: scenarios[0].id,
        camera: { center: [114.02, 32.98], zoom: 9, bearing: 0, pitch: 0 },
        hiddenLayers: [],
        hiddenClasses: [],
        analysis: null,
        compare: null,
      },
    ];
    const text = serializeProject([baseline, ...scenarios], views, SAVED);
    const result = parseProjectFile(text);
    expect(result).toEqual({ ok: true, project: { format: 'zmdplan', schemaVersion: 1, savedAt: SAVED, scenarios, views } });
  });

  it.each<[string, unknown, ProjectErrorCode, RegExp]>([
    ['text that is not JSON', '{"format": "zmdplan",', 'not-json', /JSON/],
    ['another JSON document', { type: 'FeatureCollection', features: [] }, 'wrong-format', /zmdplan/],
    ['a newer schema', { ...valid(), schemaVersion: CURRENT_SCHEMA_VERSION + 1 }, 'newer-schema', /version 2/],
    ['a missing schema version', { ...valid(), schemaVersion: undefined }, 'invalid-shape', /schemaVersion/],
    ['scenarios not an array', { ...valid(), scenarios: {} }, 'invalid-shape', /scenarios/],
    ['views missing', { ...valid(), views: undefined }, 'invalid-shape', /views/],
  ])('refuses %s', (_what, value, code, message) => {
    const error = errorOf(value);
    expect(error.code).toBe(code);
    expect(error.message.en).toMatch(message);
    expect(error.message.zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each<[string, (file: any) => void, RegExp]>([
    ['a scenario without an id', (f) => delete f.scenarios[0].id, /scenarios\[0\]\.id/],
    ['parentId a number', (f) => (f.scenarios[0].parentId = 3), /parentId/],
    ['layers not an array', (f) => (f.scenarios[0].layers = { towns: {} }), /layers/],
    ['a layer title without en', (f) => delete f.scenarios[0].layers[0].title.en, /title/],
    ['imported not a boolean', (f) => (f.scenarios[0].layers[0].imported = 'no'), /imported/],
    ['a feature that is not a Feature', (f) => (f.scenarios[0].layers[0].features[0] = { id: 'a' }), /features\[0\]/],
    ['a feature without properties.id', (f) => delete f.scenarios[0].layers[0].features[0].properties.id, /properties\.id/],
    ['an unknown geometry type', (f) => (f.scenarios[0].layers[0].features[0].geometry.type = 'Circle'), /Circle/],
    ['string coordinates', (f) => (f.scenarios[0].layers[0].features[0].geometry.coordinates = ['114', '33']), /coordinates/],
    ['a polygon with point coordinates', (f) => (f.scenarios[0].layers[0].features[0].geometry = { type: 'Polygon', coordinates: [114, 33] }), /coordinates/],
    ['duplicate feature ids', (f) => f.scenarios[0].layers[0].features.push(f.scenarios[0].layers[0].features[0]), /duplicate feature id "a"/],
    ['duplicate layer ids', (f) => f.scenarios[0].layers.push(f.scenarios[0].layers[0]), /duplicate layer id/],
    ['duplicate scenario ids', (f) => f.scenarios.push(f.scenarios[0]), /duplicate scenario id/],
  ])('refuses a scenario with %s as invalid-shape, saying where', (_what, breakIt, where) => {
    const file = valid();
    breakIt(file);
    const error = errorOf(file);
    expect(error.code).toBe('invalid-shape');
    expect(error.message.en).toMatch(where);
  });

  it('accepts unlocated features (null geometry)', () => {
    const file = valid();
    file.scenarios[0].layers[0].features[0].geometry = null;
    expect(parseProjectFile(JSON.stringify(file)).ok).toBe(true);
  });

  it('migrates a v0 file (layers keyed by id) to v1 (layers in order)', () => {
    const v0 = {
      format: 'zmdplan',
      schemaVersion: 0,
      savedAt: SAVED,
      views: [],
      scenarios: [
        {
          id: 's-old',
          name: '旧方案',
          createdAt: NOW,
          updatedAt: NOW,
          parentId: 'baseline',
          layers: {
            towns: { title: { zh: '城镇', en: 'Towns' }, features: [point('a', 114, 33)] },
            'imported-schools': { title: { zh: '学校', en: 'Schools' }, imported: true, features: [] },
          },
        },
      ],
    };
    const result = parseProjectFile(JSON.stringify(v0));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.project.schemaVersion).toBe(1);
    expect(result.project.scenarios[0]!.layers).toEqual([
      { id: 'towns', imported: false, title: { zh: '城镇', en: 'Towns' }, features: [point('a', 114, 33)] },
      { id: 'imported-schools', imported: true, title: { zh: '学校', en: 'Schools' }, features: [] },
    ]);
  });

  it('has a migration from every older version up to the current one', () => {
    for (let version = 0; version < CURRENT_SCHEMA_VERSION; version += 1) expect(MIGRATIONS[version]).toBeTypeOf('function');
  });
});
