import { describe, expect, it } from 'vitest';
import { attributionsOf } from '../../../src/domain/attributions';
import {
  activeBasemaps,
  BLANK_BASEMAP,
  BLANK_BASEMAP_ID,
  BUILT_IN_BASEMAPS,
  BUNDLED_BASEMAP,
  BUNDLED_BASEMAP_ID,
  readBasemapSources,
  showOnlyBasemap,
  zoomRangeOf,
  type BasemapKindRules,
  type BasemapSource,
} from '../../../src/domain/basemap';
import { translate, type MessageKey } from '../../../src/i18n/dictionary';
import { BASEMAP_KINDS } from '../../../src/map/basemap/registry';

/** A tile kind as the next issue will add one: it needs a URL template. */
const TILES: BasemapKindRules = {
  kind: 'xyz',
  accessProblem: (access) => (typeof access.template === 'string' ? null : { zh: '缺少瓦片地址', en: 'missing tile URL template' }),
};
const KINDS = [...BASEMAP_KINDS, TILES];

const imagery: BasemapSource = {
  id: 'imagery',
  kind: 'xyz',
  title: { zh: '影像', en: 'Imagery' },
  attribution: [{ zh: '影像 © 某单位', en: 'Imagery © Someone' }],
  mapAttribution: { zh: '© 某单位', en: '© Someone' },
  minZoom: 3,
  maxZoom: 18,
  crs: 'cgcs2000',
  access: { template: 'https://tiles.example/{z}/{x}/{y}.png' },
  opacity: 0.8,
};

const both = (key: MessageKey) => ({ zh: translate('zh', key), en: translate('en', key) });

describe('basemap records', () => {
  it('start with the bundled county basemap, shown, and the blank background hidden', () => {
    expect(BUILT_IN_BASEMAPS[0]).toBe(BUNDLED_BASEMAP);
    expect(activeBasemaps(BUILT_IN_BASEMAPS).map((source) => source.id)).toEqual([BUNDLED_BASEMAP_ID]);
    expect(BUNDLED_BASEMAP).toMatchObject({ minZoom: 6, maxZoom: 14, crs: 'wgs84' });
  });

  it('every built-in record has a registered kind that it satisfies', () => {
    for (const source of BUILT_IN_BASEMAPS) {
      const kind = BASEMAP_KINDS.find((candidate) => candidate.kind === source.kind);
      expect(kind, source.kind).toBeDefined();
      expect(kind!.accessProblem(source.access)).toBeNull();
    }
  });

  it('switching shows one record and hides the rest; an unknown id changes nothing', () => {
    const blank = showOnlyBasemap(BUILT_IN_BASEMAPS, BLANK_BASEMAP_ID);
    expect(activeBasemaps(blank).map((source) => source.id)).toEqual([BLANK_BASEMAP_ID]);
    expect(blank.map((source) => source.id)).toEqual([BUNDLED_BASEMAP_ID, BLANK_BASEMAP_ID]);
    expect(showOnlyBasemap(blank, 'nope')).toBe(blank);
  });

  it('never draws nothing: with every record hidden the bundled basemap stands in', () => {
    const hidden = BUILT_IN_BASEMAPS.map((source) => ({ ...source, visible: false }));
    expect(activeBasemaps(hidden).map((source) => source.id)).toEqual([BUNDLED_BASEMAP_ID]);
  });

  it('zoom limits span the active records', () => {
    expect(zoomRangeOf([BUNDLED_BASEMAP])).toEqual({ minZoom: 6, maxZoom: 14 });
    expect(zoomRangeOf([BUNDLED_BASEMAP, imagery])).toEqual({ minZoom: 3, maxZoom: 18 });
    expect(zoomRangeOf([])).toEqual({ minZoom: 6, maxZoom: 14 });
  });
});

describe('reading stored basemap records', () => {
  it('reads a valid list back unchanged, keeping the bundled record first', () => {
    const stored = JSON.parse(JSON.stringify([imagery, { ...BUNDLED_BASEMAP, visible: false }]));
    const { sources, rejected } = readBasemapSources(stored, KINDS);
    expect(rejected).toEqual([]);
    expect(sources.map((source) => source.id)).toEqual([BUNDLED_BASEMAP_ID, 'imagery', BLANK_BASEMAP_ID]);
    expect(sources[1]).toEqual(imagery);
    expect(sources[0]!.visible).toBe(false);
  });

  it('adds the bundled record when missing, and shows it when nothing else is shown', () => {
    expect(readBasemapSources(undefined, KINDS).sources[0]).toMatchObject({ id: BUNDLED_BASEMAP_ID, visible: true });
    const onlyHidden = readBasemapSources([{ ...imagery, visible: false }], KINDS);
    expect(activeBasemaps(onlyHidden.sources).map((source) => source.id)).toEqual([BUNDLED_BASEMAP_ID]);
    expect(onlyHidden.sources[0]!.visible).toBe(true);
    const imageryShown = readBasemapSources([imagery], KINDS);
    expect(activeBasemaps(imageryShown.sources).map((source) => source.id)).toEqual(['imagery']);
  });

  it('keeps the app’s own texts for built-in records but the planner’s settings', () => {
    const stale = { ...BLANK_BASEMAP, title: { zh: '旧名称', en: 'Old name' }, maxZoom: 20, visible: true, opacity: 0.5 };
    const { sources } = readBasemapSources([stale], KINDS);
    const blank = sources.find((source) => source.id === BLANK_BASEMAP_ID)!;
    expect(blank).toEqual({ ...BLANK_BASEMAP, visible: true, opacity: 0.5 });
  });

  it('refuses broken records with a reason in both languages, keeping the rest', () => {
    const cases: [string, unknown][] = [
      ['not an object', 'imagery'],
      ['no id', { ...imagery, id: '' }],
      ['unknown kind', { ...imagery, kind: 'wms-from-the-future' }],
      ['title in one language', { ...imagery, title: { zh: '影像' } }],
      ['attribution not bilingual', { ...imagery, attribution: ['© Someone'] }],
      ['map attribution empty', { ...imagery, mapAttribution: { zh: '', en: '' } }],
      ['zoom reversed', { ...imagery, minZoom: 12, maxZoom: 8 }],
      ['zoom beyond MapLibre', { ...imagery, maxZoom: 30 }],
      ['zoom not a number', { ...imagery, minZoom: '3' }],
      ['unknown CRS', { ...imagery, crs: 'bd09' }],
      ['access not plain values', { ...imagery, access: { template: ['a', 'b'] } }],
      ['access the kind cannot use', { ...imagery, access: {} }],
      ['opacity out of range', { ...imagery, opacity: 1.5 }],
      ['visible not boolean', { ...imagery, visible: 'yes' }],
    ];
    for (const [name, record] of cases) {
      const { sources, rejected } = readBasemapSources([record, { ...imagery, id: 'good' }], KINDS);
      expect(rejected, name).toHaveLength(1);
      expect(rejected[0]!.index, name).toBe(0);
      expect(rejected[0]!.reason.zh, name).toMatch(/\S/);
      expect(rejected[0]!.reason.en, name).toMatch(/\S/);
      expect(sources.map((source) => source.id), name).toContain('good');
    }
  });

  it('refuses a repeated id and a list that is not a list', () => {
    expect(readBasemapSources([imagery, imagery], KINDS).rejected).toEqual([{ index: 1, reason: expect.objectContaining({ en: expect.stringContaining('twice') }) }]);
    const notAList = readBasemapSources({ imagery }, KINDS);
    expect(notAList.rejected).toHaveLength(1);
    expect(notAList.sources.map((source) => source.id)).toEqual([BUNDLED_BASEMAP_ID, BLANK_BASEMAP_ID]);
  });

  it('drops fields it does not know', () => {
    const { sources } = readBasemapSources([{ ...imagery, script: 'alert(1)' }], KINDS);
    expect(sources[1]).toEqual(imagery);
  });
});

describe('attributions follow the active records', () => {
  it('the bundled basemap gives exactly the texts the app has always shown', () => {
    const credits = attributionsOf([BUNDLED_BASEMAP]);
    expect(credits.mapLine).toEqual({
      zh: '地名 © GeoNames (CC BY 4.0) · 边界 © 高德 · 规划示意图',
      en: 'Places © GeoNames (CC BY 4.0) · Boundaries © AMap · schematic plan map',
    });
    const sheet: MessageKey[] = ['attributionPlans', 'attributionGeoNames', 'attributionBoundaries', 'attributionDivisions', 'attributionMapReview'];
    expect(credits.sheetLines).toEqual(sheet.map(both));
    const dialog: MessageKey[] = ['attributionPlans', 'attributionGeoNames', 'attributionBoundaries', 'attributionDivisions', 'attributionCrs', 'attributionMapReview'];
    expect(credits.dialogLines).toEqual(dialog.map(both));
  });

  it('the blank background credits only the plan data', () => {
    const credits = attributionsOf([BLANK_BASEMAP]);
    expect(credits.mapLine.zh).toBe('地名 © GeoNames (CC BY 4.0) · 规划示意图');
    expect(credits.sheetLines).toEqual((['attributionPlans', 'attributionGeoNames', 'attributionMapReview'] as MessageKey[]).map(both));
    expect(JSON.stringify(credits)).not.toContain('AMap');
  });

  it('several sources are each credited once, in drawing order', () => {
    const annotation = { ...imagery, id: 'annotation' };
    const credits = attributionsOf([BUNDLED_BASEMAP, imagery, annotation]);
    expect(credits.mapLine.en).toBe('Places © GeoNames (CC BY 4.0) · Boundaries © AMap · © Someone · schematic plan map');
    expect(credits.sheetLines.filter((line) => line.en === 'Imagery © Someone')).toHaveLength(1);
    expect(credits.sheetLines.at(-2)).toEqual(imagery.attribution[0]);
  });
});
