// Checks the committed plan layers (data/layers) against the base geography
// (data/base) and, where available, the seed plans (../shared/seeds).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const layersDir = join(root, 'data/layers');
const baseDir = join(root, 'data/base');
const seedsDir = resolve(process.env.ZMD_SEEDS_DIR ?? join(root, '../shared/seeds'));
const haveSeeds = existsSync(seedsDir);

type Props = Record<string, any>;
type Feature = { type: 'Feature'; properties: Props; geometry: { type: string; coordinates: any } | null };
type FC = { type: 'FeatureCollection'; features: Feature[] };

const LAYER_NAMES = ['logistics-hubs', 'business-districts', 'urban-system', 'towns', 'industrial-parks'] as const;
const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8'));
const layers = Object.fromEntries(LAYER_NAMES.map((l) => [l, readJson(join(layersDir, `${l}.geojson`)) as FC])) as Record<
  (typeof LAYER_NAMES)[number],
  FC
>;
const all: Feature[] = LAYER_NAMES.flatMap((l) => layers[l].features);
const byId = new Map(all.map((f) => [f.properties.id, f]));
const ofKind = (layer: (typeof LAYER_NAMES)[number], kind: string) => layers[layer].features.filter((f) => f.properties.kind === kind);
const names = (fs: Feature[]) => fs.map((f) => f.properties.name).sort();

const counties = readJson(join(baseDir, 'counties.geojson')) as FC;
const countyByCode = new Map(counties.features.map((f) => [String(f.properties.adcode), f]));
const context = readJson(join(baseDir, 'context.geojson')) as FC;
const focus = context.features.find((f) => f.properties.role === 'focus')!;
const xinyang = context.features.find((f) => f.properties.name_zh === '信阳')!;
const cityBbox = turf.bbox(focus as any);

function parseCsv(text: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}
const townships = new Map(parseCsv(readFileSync(join(baseDir, 'townships.csv'), 'utf8')).map((r) => [r.code, r]));

const BASE_KEYS = ['id', 'name', 'name_en', 'layer', 'kind', 'county', 'source', 'quote', 'accuracy', 'placement'];
const EXTRA_KEYS: Record<string, string[]> = {
  'logistics-hubs': ['parent', 'more_sources', 'note'],
  'business-districts': ['variant', 'more_sources', 'note'],
  'urban-system': ['functions', 'more_sources', 'note'],
  towns: ['roles', 'adcode', 'more_sources', 'note'],
  'industrial-parks': ['parent', 'industries', 'more_sources', 'note'],
};
const ACCURACY = new Set(['geonames', 'county-seat', 'schematic', 'unlocated']);
const AIRPORT_ZONE = 'hub-minggang-airport';

describe('plan layers: counts and names from the plans', () => {
  it('logistics hubs: the five 区域物流枢纽片区, the extra 西部 area, anchors from 000 and 002', () => {
    expect(names(ofKind('logistics-hubs', 'hub_zone'))).toEqual(
      ['中心城区北部商贸物流片区', '南部三港一体化片区', '平舆农产品物流片区', '明港机场驻马店临空经济区', '泌阳冷链物流片区'].sort(),
    );
    const extra = ofKind('logistics-hubs', 'hub_zone_extra');
    expect(names(extra)).toEqual(['西部农产品现代物流区域']);
    expect(extra[0]!.properties.note).toMatch(/不属于/);
    const anchors = ofKind('logistics-hubs', 'hub_anchor');
    expect(anchors.length).toBe(17);
    const bySource = (prefix: string) => anchors.filter((f) => f.properties.source.startsWith(prefix)).length;
    expect(bySource('000_')).toBe(11);
    expect(bySource('002_')).toBe(6);
    for (const a of anchors) expect(byId.get(a.properties.parent)?.properties.kind).toMatch(/^hub_zone/);
    // 000 and 002 name the northern anchors differently: both kept
    const north = anchors.filter((f) => f.properties.parent === 'hub-north-trade').map((f) => f.properties.name);
    expect(north).toEqual(expect.arrayContaining(['恒兴仓储物流园', '中原空港国际冷链物流园', '恒兴仓储物流', '万邦农产品物流', '丰树物流园']));
  });

  it('business districts: variants A, B and C', () => {
    const v = (x: string) => layers['business-districts'].features.filter((f) => f.properties.variant === x);
    expect(names(v('A'))).toEqual(['中部传统优势商圈', '东部体验消费商圈', '西部健康休闲商圈', '南部文旅创意商圈', '北部科教服务商圈'].sort());
    expect(names(v('B'))).toEqual(['老城区传统商贸圈', '北部新区新业态商圈', '高铁片区高成长性服务业商圈', '东区体验消费商圈', '文旅休闲商圈'].sort());
    expect(names(v('C'))).toEqual(['北部新区', '西部山区', '东部工业区', '南部老城区'].sort());
    for (const f of v('C')) expect(f.properties.kind).toBe('commercial_complex_area');
    for (const f of [...v('A'), ...v('B')]) expect(f.properties.kind).toBe('business_district');
    expect(layers['business-districts'].features.length).toBe(14);
    for (const f of v('A')) expect(f.properties.source).toMatch(/^000_/);
    for (const f of v('B')) expect(f.properties.source).toMatch(/^001_/);
  });

  it('urban system: 一中心五组团一带六极', () => {
    expect(names(ofKind('urban-system', 'centre'))).toEqual(['中心城区']);
    expect(names(ofKind('urban-system', 'cluster'))).toEqual(['遂平组团', '确山组团', '汝南组团', '西部山区', '东部宿鸭湖地区'].sort());
    expect(names(ofKind('urban-system', 'growth_pole'))).toEqual(['西平', '上蔡县', '平舆县', '新蔡县', '正阳县', '泌阳县'].sort());
    const belt = ofKind('urban-system', 'belt');
    expect(belt.length).toBe(1);
    expect(belt[0]!.geometry?.type).toBe('LineString');
    // the belt runs through the six pole seats, in order around the city edge
    const poleIds = ['pole-xiping', 'pole-shangcai', 'pole-pingyu', 'pole-xincai', 'pole-zhengyang', 'pole-biyang'];
    expect(belt[0]!.geometry!.coordinates).toEqual(poleIds.map((id) => byId.get(id)!.geometry!.coordinates));
    expect(byId.get('us-cluster-suiping')!.properties.functions).toEqual(['食品加工', '商务休闲', '旅游度假']);
    expect(byId.get('us-cluster-runan')!.properties.functions).toEqual(['装备制造', '建材生产', '历史文化和生态旅游']);
    expect(byId.get('us-cluster-west-mountain')!.properties.functions).toEqual(['生态休闲旅游']);
  });

  it('towns: 40 distinct places of the 32 中心镇 and the 14 listed 特色小镇', () => {
    const towns = layers.towns.features;
    expect(towns.length).toBe(40);
    const withRole = (r: string) => towns.filter((f) => f.properties.roles.includes(r));
    expect(withRole('central_town').length).toBe(32);
    expect(withRole('characteristic_town').length).toBe(14);
    expect(names(towns.filter((f) => f.properties.roles.length === 2))).toEqual(['任店', '竹沟', '老君庙', '罗店镇', '梁祝', '胡庙'].sort());
    expect(names(withRole('characteristic_town').filter((f) => f.properties.roles.length === 1))).toEqual(
      ['关王庙', '蚁峰镇', '北泉', '阳丰乡', '嵒岈山镇', '宿鸭湖', '南海禅寺', '贾楼乡'].sort(),
    );
    for (const f of towns) {
      expect(f.properties.kind).toBe('town');
      expect(countyByCode.has(f.properties.county)).toBe(true);
      if (f.properties.adcode) expect(townships.has(f.properties.adcode)).toBe(true);
    }
    for (const id of ['town-beiquan', 'town-nanhaichansi', 'town-suyahu']) {
      expect(byId.get(id)!.properties.adcode).toBeNull();
      expect(byId.get(id)!.properties.note).toBeTruthy();
    }
  });

  it('industrial parks: one zone per county-level unit plus 高新区 and 经开区, with industries', () => {
    const zones = ofKind('industrial-parks', 'zone');
    expect(zones.length).toBeGreaterThanOrEqual(12);
    const zoneCounties = new Set(zones.map((z) => z.properties.county).filter(Boolean));
    for (const code of countyByCode.keys()) expect(zoneCounties.has(code)).toBe(true);
    expect(names(zones)).toEqual(expect.arrayContaining(['高新技术产业开发区', '经济开发区', '遂平县产业集聚区', '确山县产业集聚区']));
    for (const z of zones) {
      expect(z.properties.industries.length).toBeGreaterThan(0);
      expect(z.properties.note).toMatch(/12/);
    }
    expect(byId.get('zone-hitech')!.properties.industries).toEqual(['生物医药', '绿色化工', '新材料']);
    const subs = ofKind('industrial-parks', 'sub_park');
    expect(subs.length).toBeGreaterThanOrEqual(10);
    for (const s of subs) if (s.properties.parent) expect(byId.get(s.properties.parent)?.properties.kind).toBe('zone');
  });
});

describe('plan layers: structure', () => {
  it('ids are unique across all layers', () => {
    const ids = all.map((f) => f.properties.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('property keys are exactly the specified ones, in order', () => {
    for (const l of LAYER_NAMES)
      for (const f of layers[l].features) {
        expect(f.type).toBe('Feature');
        expect(Object.keys(f.properties), f.properties.id).toEqual([...BASE_KEYS, ...EXTRA_KEYS[l]!]);
        expect(f.properties.layer).toBe(l);
        expect(typeof f.properties.name === 'string' && f.properties.name.length > 0).toBe(true);
        expect(f.properties.name_en).toMatch(/^[\x20-\x7e]+$/);
        expect(f.properties.county === null || countyByCode.has(f.properties.county)).toBe(true);
        expect(f.properties.placement).toMatch(/[\u4e00-\u9fff]/);
        expect(Array.isArray(f.properties.more_sources)).toBe(true);
        if (f.properties.parent) expect(byId.get(f.properties.parent)?.properties.layer).toBe(l);
      }
  });

  it('accuracy is in the allowed set and geometry is null iff unlocated', () => {
    for (const f of all) {
      expect(ACCURACY.has(f.properties.accuracy), f.properties.id).toBe(true);
      expect(f.geometry === null, f.properties.id).toBe(f.properties.accuracy === 'unlocated');
    }
  });

  it('only towns carry accuracy geonames; county-seat features sit exactly on their county seat', () => {
    for (const f of all) {
      if (f.properties.accuracy === 'geonames') expect(f.properties.layer).toBe('towns');
      if (f.properties.accuracy === 'county-seat')
        expect(f.geometry!.coordinates, f.properties.id).toEqual(countyByCode.get(f.properties.county)!.properties.seat);
    }
  });

  it('geometries are valid, rounded to 5 decimals, and lie inside the city (airport zone: inside 信阳)', () => {
    const [minX, minY, maxX, maxY] = cityBbox;
    for (const f of all) {
      if (!f.geometry) continue;
      const g = f.geometry;
      expect(['Point', 'LineString']).toContain(g.type);
      expect(turf.booleanValid(g as any), f.properties.id).toBe(true);
      const pts: number[][] = g.type === 'Point' ? [g.coordinates] : g.coordinates;
      if (g.type === 'LineString') expect(turf.kinks(turf.lineString(pts)).features.length).toBe(0);
      for (const [x = NaN, y = NaN] of pts) {
        expect(Math.round(x * 1e5) / 1e5).toBe(x);
        expect(Math.round(y * 1e5) / 1e5).toBe(y);
        const p = turf.point([x, y]);
        if (f.properties.id === AIRPORT_ZONE) {
          expect(turf.booleanPointInPolygon(p, xinyang as any)).toBe(true);
          expect(turf.booleanPointInPolygon(p, focus as any)).toBe(false);
        } else {
          expect(x >= minX && x <= maxX && y >= minY && y <= maxY, `${f.properties.id} outside city bbox`).toBe(true);
          expect(turf.booleanPointInPolygon(p, focus as any), `${f.properties.id} outside city outline`).toBe(true);
        }
      }
    }
  });

  it('features with a county and a point lie inside that county polygon', () => {
    for (const f of all) {
      if (f.geometry?.type !== 'Point' || !f.properties.county) continue;
      const poly = countyByCode.get(f.properties.county)!;
      expect(turf.booleanPointInPolygon(f.geometry.coordinates, poly as any), f.properties.id).toBe(true);
    }
  });
});

describe('towns: coordinates only from GeoNames, never a seat or centroid', () => {
  const towns = layers.towns.features;
  it('a town is located iff its township has a GeoNames point, at exactly that point', () => {
    let located = 0;
    for (const f of towns) {
      const t = f.properties.adcode ? townships.get(f.properties.adcode) : undefined;
      const hasGeo = !!t && t.accuracy === 'geonames' && t.lng !== '';
      expect(f.properties.accuracy, f.properties.id).toBe(hasGeo ? 'geonames' : 'unlocated');
      if (hasGeo) {
        located++;
        expect(f.geometry!.coordinates).toEqual([Number(t!.lng), Number(t!.lat)]);
      }
    }
    expect(located).toBeGreaterThanOrEqual(8);
    expect(located).toBeLessThan(towns.length);
  });
  it('every located town is inside its county polygon and is not a county seat', () => {
    const seats = new Set(counties.features.map((c) => JSON.stringify(c.properties.seat)));
    for (const f of towns.filter((t) => t.geometry)) {
      expect(turf.booleanPointInPolygon(f.geometry!.coordinates, countyByCode.get(f.properties.county) as any), f.properties.id).toBe(true);
      expect(seats.has(JSON.stringify(f.geometry!.coordinates))).toBe(false);
    }
  });
});

describe.skipIf(!haveSeeds)(`quotes are exact substrings of the seed plans (${seedsDir})`, () => {
  const cache = new Map<string, string>();
  const seed = (file: string) => {
    if (!cache.has(file)) cache.set(file, readFileSync(join(seedsDir, file), 'utf8'));
    return cache.get(file)!;
  };
  it('primary quotes', () => {
    for (const f of all) {
      const { id, source, quote } = f.properties;
      expect(existsSync(join(seedsDir, source)), `${id}: ${source}`).toBe(true);
      expect(quote.length, id).toBeLessThanOrEqual(200);
      expect(quote.length, id).toBeGreaterThan(0);
      expect(seed(source).includes(quote), `${id}: quote not in ${source}`).toBe(true);
    }
  });
  it('more_sources quotes', () => {
    for (const f of all)
      for (const m of f.properties.more_sources) {
        expect(Object.keys(m)).toEqual(['source', 'quote']);
        expect(m.quote.length).toBeLessThanOrEqual(200);
        expect(seed(m.source).includes(m.quote), `${f.properties.id}: more_sources quote not in ${m.source}`).toBe(true);
      }
  });
  it('each town name appears in its quoted list', () => {
    for (const f of layers.towns.features) expect(f.properties.quote.includes(f.properties.name), f.properties.id).toBe(true);
  });
});

it.skipIf(haveSeeds)('seed-quote checks skipped: seeds folder not found', () => {
  console.warn(`layers.test: ${seedsDir} is absent — quote checks were SKIPPED, not passed`);
});
