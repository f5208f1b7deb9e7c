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

const BASE_KEYS = ['id', 'name', 'name_en', 'name_basis', 'name_plan', 'layer', 'kind', 'county', 'source', 'quote', 'accuracy', 'placement'];
const EXTRA_KEYS: Record<string, string[]> = {
  'logistics-hubs': ['parent', 'more_sources', 'note'],
  'business-districts': ['variant', 'more_sources', 'note'],
  'urban-system': ['functions', 'more_sources', 'note'],
  towns: ['roles', 'adcode', 'more_sources', 'note'],
  'industrial-parks': ['parent', 'industries', 'more_sources', 'note'],
};
const ACCURACY = new Set(['geonames', 'county-seat', 'schematic', 'unlocated']);
const AIRPORT_ZONE = 'hub-minggang-airport';
const places = new Map(parseCsv(readFileSync(join(baseDir, 'places.csv'), 'utf8')).map((r) => [r.key, r]));
const seatOf = (code: string) => countyByCode.get(code)!.properties.seat as number[];
/** true when `sub` occurs in `seq` in order (other vertices may sit between). */
const isSubsequence = (sub: unknown[], seq: unknown[]) => {
  let i = 0;
  for (const x of seq) if (i < sub.length && JSON.stringify(x) === JSON.stringify(sub[i])) i++;
  return i === sub.length;
};
const countsByKind = (l: (typeof LAYER_NAMES)[number]) =>
  layers[l].features.reduce<Record<string, number>>((acc, f) => ({ ...acc, [f.properties.kind]: (acc[f.properties.kind] ?? 0) + 1 }), {});

describe('plan layers: counts and names from the plans', () => {
  it('logistics hubs: the five 区域物流枢纽片区, the extra 西部 area, anchors from 000 and 002', () => {
    expect(names(ofKind('logistics-hubs', 'hub_zone'))).toEqual(
      ['中心城区北部商贸物流片区', '南部三港一体化片区', '平舆农产品物流片区', '明港机场驻马店临空经济区', '泌阳冷链物流片区'].sort(),
    );
    const extra = ofKind('logistics-hubs', 'hub_zone_extra');
    expect(names(extra)).toEqual(['西部农产品现代物流区域']);
    expect(extra[0]!.properties.note).toMatch(/不属于/);
    const anchors = ofKind('logistics-hubs', 'hub_anchor');
    // one feature per facility: 13 facilities, plus the two bonded centres the texts do not identify as one
    expect(anchors.length).toBe(14);
    const bySource = (prefix: string) => anchors.filter((f) => f.properties.source.startsWith(prefix)).length;
    expect(bySource('000_')).toBe(8);
    expect(bySource('002_')).toBe(6);
    for (const a of anchors) expect(byId.get(a.properties.parent)?.properties.kind).toMatch(/^hub_zone/);
    const north = anchors.filter((f) => f.properties.parent === 'hub-north-trade').map((f) => f.properties.name);
    expect(north.sort()).toEqual(['恒兴仓储物流园', '中原空港国际冷链物流园', '万邦农产品物流', '丰树物流园'].sort());
    // parks the plans name without tying them to a hub zone: a class of their own, no parent
    const parks = ofKind('logistics-hubs', 'logistics_park');
    expect(names(parks)).toEqual(['国际长荣（医药）物流园', '昊华骏化物流园', '准时达智慧物流产业园'].sort());
    for (const p of parks) {
      expect(p.properties.parent).toBeNull();
      expect(p.properties.note).toMatch(/未把它归入任何区域物流枢纽片区/);
    }
    expect(layers['logistics-hubs'].features.length).toBe(23);
  });

  it("logistics hubs: no facility twice; the other plan's spellings are in more_sources", () => {
    const feats = layers['logistics-hubs'].features.filter((f) => f.properties.kind !== 'hub_zone' && f.properties.kind !== 'hub_zone_extra');
    for (const key of ['恒兴', '公路', '马庄', '万邦', '丰树', '农博汇', '汇融', '甬港', '恒都', '长荣', '昊华', '准时达', '会展', '舆东', '空港'])
      expect(feats.filter((f) => f.properties.name.includes(key)).map((f) => f.properties.id), key).toHaveLength(1);
    const otherSpellings: Record<string, string[]> = {
      'anchor-north-hengxing-002': ['恒兴仓储物流、', '恒兴物流园'],
      'anchor-south-road-port-002': ['驻马店国际公路港', '福和物流园（国际公路港）'],
      'anchor-south-mazhuang-002': ['马庄铁路物流基地', '马庄铁路物流园'],
    };
    for (const [id, spellings] of Object.entries(otherSpellings)) {
      const more = byId.get(id)!.properties.more_sources.map((m: Props) => `${m.source}::${m.quote}`).join('\n');
      expect(more, id).toMatch(/^000_/m);
      for (const sp of spellings) expect(more, `${id} ${sp}`).toContain(sp);
    }
    for (const gone of ['anchor-north-hengxing-000', 'anchor-south-road-port-000', 'anchor-south-mazhuang-000']) expect(byId.has(gone)).toBe(false);
    // 公共保税中心 vs 保税物流中心（B型）: the texts do not say they are one facility, so both stay and say so
    const bonded = feats.filter((f) => f.properties.name.includes('保税'));
    expect(bonded.map((f) => f.properties.id).sort()).toEqual(['anchor-south-bonded-000', 'anchor-south-bonded-002']);
    expect(byId.get('anchor-south-bonded-000')!.properties.note).toMatch(/anchor-south-bonded-002.*未说明两者是否同一设施/);
    expect(byId.get('anchor-south-bonded-002')!.properties.note).toMatch(/anchor-south-bonded-000.*未说明两者是否同一设施/);
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
    const belts = ofKind('urban-system', 'belt');
    expect(names(belts)).toEqual(['京广城镇产业综合发展轴', '沿边经济发展带'].sort());
    const belt = byId.get('us-belt-border')!;
    expect(belt.geometry?.type).toBe('LineString');
    // the belt runs through the six pole seats, in order around the city edge (bent inwards where a straight segment would leave the city)
    const poleIds = ['pole-xiping', 'pole-shangcai', 'pole-pingyu', 'pole-xincai', 'pole-zhengyang', 'pole-biyang'];
    const poles = poleIds.map((id) => byId.get(id)!.geometry!.coordinates);
    const coords = belt.geometry!.coordinates;
    expect(coords[0]).toEqual(poles[0]);
    expect(coords.at(-1)).toEqual(poles.at(-1));
    expect(isSubsequence(poles, coords)).toBe(true);
    expect(belt.properties.placement).toMatch(/弯折/);
    // 京广 axis (001): the text names no county on it, so it is listed, not drawn
    expect(byId.get('us-axis-jingguang')!.geometry).toBeNull();
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
      ['关王庙', '蚁蜂镇', '北泉', '阳丰镇', '嵖岈山镇', '宿鸭湖', '南海禅寺', '贾楼乡'].sort(),
    );
    // garbled or since-changed spellings: the official name is shown, the plan's spelling is kept in name_plan (and the quote)
    const official = towns.filter((f) => f.properties.name_basis === 'official');
    expect(Object.fromEntries(official.map((f) => [f.properties.name, f.properties.name_plan]))).toEqual({
      蚁蜂镇: '蚁峰镇',
      阳丰镇: '阳丰乡',
      嵖岈山镇: '嵒岈山镇',
    });
    for (const f of official) {
      expect(f.properties.quote).toContain(f.properties.name_plan);
      expect(f.properties.note).toContain(`“${f.properties.name_plan}”`);
      expect(f.properties.note).toContain(`“${f.properties.name}”`);
    }
    for (const id of ['town-yifeng', 'town-yangfeng']) expect(byId.get(id)!.properties.name).toBe(townships.get(byId.get(id)!.properties.adcode)!.name);
    // 12 vs 14: the plan's own inconsistency, said on every 特色小镇 of the table
    for (const f of withRole('characteristic_town').filter((t) => t.properties.roles.length === 1)) expect(f.properties.note).toMatch(/12 个.*实列14个/);
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
      // which plan says 11 and which 12
      expect(z.properties.note).toMatch(/000 与 001 城镇化规划称12个.*001 商务规划与 004 称11个.*002 称整合为11个/);
      // no plan locates a zone: schematic, never a solid county-seat dot
      expect(z.properties.accuracy, z.properties.id).toBe('schematic');
    }
    // no invented names: the seven counties' zones carry a derived label, not a coined "X县开发区"
    const derived = zones.filter((z) => z.properties.name_basis === 'derived');
    expect(derived.map((z) => z.properties.id).sort()).toEqual(
      ['zone-xiping', 'zone-shangcai', 'zone-pingyu', 'zone-zhengyang', 'zone-biyang', 'zone-runan', 'zone-xincai'].sort(),
    );
    for (const z of derived) {
      expect(z.properties.name_plan).toBe('各县区开发区');
      expect(z.properties.name).toMatch(/^各县区开发区（.+县）$/);
      expect(z.properties.name_en).toMatch(/\(derived label\)$/);
    }
    for (const f of all) expect(f.properties.name, f.properties.id).not.toMatch(/^(西平|上蔡|平舆|正阳|泌阳|汝南|新蔡)县开发区$/);
    expect(byId.get('zone-hitech')!.properties.industries).toEqual(['生物医药', '绿色化工', '新材料']);
    const subs = ofKind('industrial-parks', 'sub_park');
    expect(subs.length).toBeGreaterThanOrEqual(10);
    for (const s of subs) if (s.properties.parent) expect(byId.get(s.properties.parent)?.properties.kind).toBe('zone');
    expect(names(subs)).toEqual(
      expect.arrayContaining(['中国药谷', '华鼎电器 5G 塔杆科技园', '平煤神马集团中原高效储能全产业链制造产业园', '大数据产业园', '玉锋集团大健康生物产业园']),
    );
    expect(byId.get('sp-china-medicine-valley')!.properties.parent).toBe('zone-hitech');
    expect(byId.get('sp-edz-yufeng')!.properties.more_sources.map((m: Props) => m.quote).join()).toContain('金玉锋大健康生物产业园');
  });

  it("industrial parks: the commerce plan's foreign-trade and production bases, with their county", () => {
    const bases = ofKind('industrial-parks', 'industry_base');
    expect(Object.fromEntries(bases.map((b) => [b.properties.name, b.properties.county]))).toEqual({
      平舆县户外休闲用品外贸产业基地: '411723',
      黄淮四市纺织服装外贸产业基地: null,
      西平纺织服装外贸产业基地: '411721',
      泌阳县食用菌外贸产业基地: '411726',
      确山县小提琴生产基地: '411725',
      正阳县节庆灯饰生产基地: '411724',
      驿城区汽车及配件基地: '411702',
      西平县畜牧机械设备基地: '411721',
    });
    for (const b of bases) {
      expect(b.properties.source).toMatch(/^001_/);
      expect(b.properties.parent).toBeNull();
      expect(b.properties.accuracy).toBe(b.properties.county ? 'schematic' : 'unlocated');
    }
  });

  it("industrial parks: the investment plan's 一核两带一轴多点, drawn schematically through the county seats it names", () => {
    expect(names(ofKind('industrial-parks', 'industrial_core'))).toEqual(['中心城区—遂—汝—确核心增长极']);
    expect(byId.get('is-core')!.geometry!.coordinates).toEqual(byId.get('us-centre')!.geometry!.coordinates);
    const belts = ofKind('industrial-parks', 'industrial_belt');
    expect(names(belts)).toEqual(['北部产业发展带', '南部产业发展带', '南北产业协同和商贸物流发展轴'].sort());
    const through: Record<string, string[]> = {
      'is-belt-north': ['411721', '411722'],
      'is-belt-south': ['411726', '411725', '411727', '411723', '411729'],
      'is-axis-north-south': ['411724', '411727', '411702', '411728', '411721'],
    };
    for (const [id, codes] of Object.entries(through)) {
      const f = byId.get(id)!;
      expect(f.geometry!.type).toBe('LineString');
      expect(f.properties.accuracy).toBe('schematic');
      expect(isSubsequence(codes.map(seatOf), f.geometry!.coordinates), id).toBe(true);
      expect(f.geometry!.coordinates[0]).toEqual(seatOf(codes[0]!));
      expect(f.geometry!.coordinates.at(-1)).toEqual(seatOf(codes.at(-1)!));
    }
  });

  it('counts per class', () => {
    expect(countsByKind('logistics-hubs')).toEqual({ hub_zone: 5, hub_zone_extra: 1, hub_anchor: 14, logistics_park: 3 });
    expect(countsByKind('business-districts')).toEqual({ business_district: 10, commercial_complex_area: 4 });
    expect(countsByKind('urban-system')).toEqual({ centre: 1, cluster: 5, belt: 2, growth_pole: 6 });
    expect(countsByKind('towns')).toEqual({ town: 40 });
    expect(countsByKind('industrial-parks')).toEqual({ zone: 12, sub_park: 27, industry_base: 8, industrial_core: 1, industrial_belt: 3 });
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

  it('geometries are valid, rounded to 5 decimals, and lie inside the city (airport zone too: on the side nearest the airport)', () => {
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
        expect(x >= minX && x <= maxX && y >= minY && y <= maxY, `${f.properties.id} outside city bbox`).toBe(true);
        expect(turf.booleanPointInPolygon(p, focus as any), `${f.properties.id} outside city outline`).toBe(true);
        expect(turf.booleanPointInPolygon(p, xinyang as any), `${f.properties.id} inside 信阳`).toBe(false);
      }
    }
  });

  it('every schematic line stays inside the city outline (checked every 100 m)', () => {
    const lines = all.filter((f) => f.geometry?.type === 'LineString');
    expect(lines.length).toBe(4);
    for (const f of lines) {
      const line = turf.lineString(f.geometry!.coordinates);
      const km = turf.length(line);
      for (let d = 0; d <= km; d += 0.1)
        expect(turf.booleanPointInPolygon(turf.along(line, d), focus as any), `${f.properties.id} leaves the city at ${d.toFixed(1)} km`).toBe(true);
    }
  });

  it('the 明港 airport zone sits on the 驻马店 side nearest the airport, and says so', () => {
    const f = byId.get(AIRPORT_ZONE)!;
    const m = places.get('minggang')!;
    const airport = turf.point([Number(m.lng), Number(m.lat)]);
    expect(turf.booleanPointInPolygon(airport, focus as any)).toBe(false);
    const edgeKm = turf.pointToLineDistance(airport, turf.polygonToLine(focus as any) as any);
    const km = turf.distance(airport, turf.point(f.geometry!.coordinates));
    expect(km).toBeGreaterThan(edgeKm);
    expect(km).toBeLessThan(edgeKm + 1.5);
    expect(f.properties.accuracy).toBe('schematic');
    expect(f.properties.placement).toMatch(/市域外.*最近/);
    expect(f.properties.note).toMatch(/驻马店一侧/);
  });

  it('one placement rule per phrase: features placed by the same phrase share one point', () => {
    const byPhrase = new Map<string, Feature[]>();
    for (const f of all) {
      const m = /规划原文“([^”]+)”；凡/.exec(f.properties.placement);
      if (m) byPhrase.set(m[1]!, [...(byPhrase.get(m[1]!) ?? []), f]);
    }
    expect(byPhrase.size).toBeGreaterThanOrEqual(10);
    for (const [phrase, fs] of byPhrase)
      for (const f of fs) expect(f.geometry!.coordinates, `${phrase}: ${f.properties.id}`).toEqual(fs[0]!.geometry!.coordinates);
    // 西部山区: the same point as 商圈 variant C and as the cluster
    expect(byId.get('bd-c-west-mountain')!.geometry!.coordinates).toEqual(byId.get('us-cluster-west-mountain')!.geometry!.coordinates);
    // 老城区 lies south of the centre, as 001 says (南部老城区), at the same point
    const centre = byId.get('us-centre')!.geometry!.coordinates;
    const oldTown = byId.get('bd-b-old-town')!.geometry!.coordinates;
    expect(oldTown[1]).toBeLessThan(centre[1]);
    expect(oldTown).toEqual(byId.get('bd-c-south-old-town')!.geometry!.coordinates);
    // no directional offset without its phrase rule
    for (const f of all) if (f.properties.placement.includes('固定示意距离')) expect(f.properties.placement, f.properties.id).toMatch(/凡“/);
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
  it("each town name appears in its quoted list (an official name: the plan's spelling in name_plan does)", () => {
    for (const f of layers.towns.features) {
      const { name, name_basis: basis, name_plan: plan, quote, id } = f.properties;
      if (basis === 'plan') expect(quote.includes(name), id).toBe(true);
      else {
        expect(basis, id).toBe('official');
        expect(quote.includes(plan), id).toBe(true);
        expect(quote.includes(name), id).toBe(false);
      }
    }
  });
  it("no name absent from the plans unless marked official or derived (with the plan's wording in name_plan)", () => {
    for (const f of all) {
      const { id, name, name_basis: basis, name_plan: plan, source, quote, more_sources: more } = f.properties;
      const quotes = [quote, ...more.map((m: Props) => m.quote)];
      expect(['plan', 'official', 'derived'], id).toContain(basis);
      if (basis === 'plan') {
        expect(plan, id).toBeNull();
        expect(seed(source).includes(name) || quotes.some((q: string) => q.includes(name)), `${id}: "${name}" not in ${source}`).toBe(true);
      } else {
        expect(typeof plan === 'string' && quotes.some((q: string) => q.includes(plan)), `${id}: name_plan not quoted`).toBe(true);
        expect(name, id).not.toBe(plan);
      }
    }
  });
});

it.skipIf(haveSeeds)('seed-quote checks skipped: seeds folder not found', () => {
  console.warn(`layers.test: ${seedsDir} is absent — quote checks were SKIPPED, not passed`);
});
