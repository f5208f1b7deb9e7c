// Builds the five plan layers (data/layers/*.geojson) from the committed,
// human-readable plan table (tools/geodata/plan-table.tsv) and the base
// geography (data/base). Node built-ins only.
//
// Every row cites a sentence of a seed plan (source + quote, optional
// more_sources); the build refuses to run unless every quote is an exact
// substring of its seed file. Every row carries a machine-readable placement
// rule; the rule decides the geometry and the honest accuracy label:
//
//   seat:<adcode>                       county seat (GeoNames)        -> county-seat
//   in-county:<adcode>                  "somewhere in that county"    -> schematic, at the seat
//   offset:<adcode>:<dir>:<km>[:<word>] seat moved <km> towards <dir> -> schematic
//                                       (dir N NE E SE S SW W NW, or C with km 0)
//   township:<nbs code>                 townships.csv GeoNames point  -> geonames, else unlocated
//   place:<key>                         places.csv GeoNames point     -> schematic, else unlocated
//   anchor:<feature id>                 position of another feature   -> schematic
//   line:<id>,<id>,...                  LineString through features   -> schematic
//   seats:<adcode>,<adcode>,...         LineString through county seats -> schematic
//   phrase:<word>                       the plan's direction word, by   -> schematic
//                                       placement-phrases.tsv (one rule per phrase)
//   nearest-edge:<place key>:<km>       a place outside the city: the   -> schematic
//                                       city-side point <km> inside the outline nearest to it
//   none                                no location in the text       -> unlocated, geometry null
//
// Schematic lines are kept inside the city outline: a straight segment that
// leaves it is bent inwards (a midpoint moved towards the central city until
// both halves stay inside), and the placement text says so.
//
// Names: `name_basis` says what the shown name is — `plan` (verbatim in the
// seed of its quote), `official` (the official spelling of a name the plan
// writes differently; the plan's spelling is `name_plan` and is in the quote)
// or `derived` (a label composed by this table from the plan's wording, which
// is `name_plan`; never presented as the plan's own name).
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';

export const LAYERS = {
  'logistics-hubs': { kinds: ['hub_zone', 'hub_anchor', 'hub_zone_extra', 'logistics_park'], extra: ['parent', 'more_sources', 'note'] },
  'business-districts': { kinds: ['business_district', 'commercial_complex_area'], extra: ['variant', 'more_sources', 'note'] },
  'urban-system': { kinds: ['centre', 'cluster', 'belt', 'growth_pole'], extra: ['functions', 'more_sources', 'note'] },
  towns: { kinds: ['town'], extra: ['roles', 'adcode', 'more_sources', 'note'] },
  'industrial-parks': { kinds: ['zone', 'sub_park', 'industry_base', 'industrial_core', 'industrial_belt'], extra: ['parent', 'industries', 'more_sources', 'note'] },
};
export const BASE_KEYS = ['id', 'name', 'name_en', 'name_basis', 'name_plan', 'layer', 'kind', 'county', 'source', 'quote', 'accuracy', 'placement'];
export const ACCURACY = ['geonames', 'county-seat', 'schematic', 'unlocated'];

export const NAME_BASIS = ['plan', 'official', 'derived'];

const COLUMNS = ['id', 'layer', 'kind', 'name', 'name_en', 'name_basis', 'name_plan', 'county', 'parent', 'variant', 'roles', 'adcode',
  'attributes', 'source', 'quote', 'more_sources', 'placement', 'note'];
// Which optional table columns a layer may use (others must stay empty).
const LAYER_COLUMNS = {
  'logistics-hubs': ['parent'],
  'business-districts': ['variant'],
  'urban-system': ['attributes'],
  towns: ['roles', 'adcode'],
  'industrial-parks': ['parent', 'attributes'],
};
const MAX_QUOTE = 200;
const KM_PER_DEG = 111.32;
const DIRS = {
  N: [0, '北'], NE: [45, '东北'], E: [90, '东'], SE: [135, '东南'],
  S: [180, '南'], SW: [225, '西南'], W: [270, '西'], NW: [315, '西北'], C: [null, ''],
};

class TableError extends Error {}
const fail = (row, msg) => {
  throw new TableError(`plan-table.tsv line ${row.__line} (id "${row.id || '?'}"): ${msg}`);
};

// ---------- readers ----------
function parseTsv(text) {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const header = lines[0].split('\t');
  for (const c of COLUMNS) if (!header.includes(c)) throw new TableError(`plan-table.tsv: missing column "${c}"`);
  return lines.slice(1).map((line, i) => {
    const cells = line.split('\t');
    const row = { __line: i + 2 };
    if (cells.length !== header.length)
      throw new TableError(`plan-table.tsv line ${i + 2}: ${cells.length} cells, header has ${header.length}`);
    header.forEach((h, j) => { row[h] = cells[j].trim(); });
    return row;
  });
}

// RFC 4180 CSV (quoted fields may hold commas, quotes, newlines).
export function parseCsv(text) {
  const records = [];
  let field = '', rec = [], i = 0, quoted = false;
  text = text.replace(/^\uFEFF/, '');
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i++; continue; }
      field += ch; i++; continue;
    }
    if (ch === '"') { quoted = true; i++; continue; }
    if (ch === ',') { rec.push(field); field = ''; i++; continue; }
    if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      rec.push(field); records.push(rec); rec = []; field = ''; i++; continue;
    }
    field += ch; i++;
  }
  if (field !== '' || rec.length) { rec.push(field); records.push(rec); }
  const [header, ...body] = records.filter((r) => !(r.length === 1 && r[0] === ''));
  return body.map((r) => Object.fromEntries(header.map((h, j) => [h, r[j] ?? ''])));
}

async function readBase(baseDir) {
  const need = ['counties.geojson', 'townships.csv', 'places.csv', 'context.geojson'];
  for (const f of need)
    if (!existsSync(join(baseDir, f))) throw new Error(`buildLayers: base file missing: ${join(baseDir, f)}`);
  const counties = JSON.parse(await readFile(join(baseDir, 'counties.geojson'), 'utf8'));
  const countyByCode = new Map();
  for (const f of counties.features) {
    const p = f.properties;
    if (!p?.adcode || !Array.isArray(p.seat)) throw new Error(`buildLayers: county without adcode/seat in counties.geojson`);
    countyByCode.set(String(p.adcode), p);
  }
  const townships = new Map(parseCsv(await readFile(join(baseDir, 'townships.csv'), 'utf8')).map((r) => [r.code, r]));
  const places = new Map(parseCsv(await readFile(join(baseDir, 'places.csv'), 'utf8')).map((r) => [r.key, r]));
  const context = JSON.parse(await readFile(join(baseDir, 'context.geojson'), 'utf8'));
  const outline = context.features.find((f) => f.properties?.role === 'focus');
  if (!outline) throw new Error('buildLayers: no city outline (role "focus") in context.geojson');
  return { countyByCode, townships, places, outline };
}

async function readSeeds(seedsDir) {
  if (!seedsDir || !existsSync(seedsDir))
    throw new Error(`buildLayers: seeds folder not found: ${seedsDir} — the plan layers are verified against the seed plans; set ZMD_SEEDS_DIR`);
  const seeds = new Map();
  for (const name of (await readdir(seedsDir)).sort())
    if (name.endsWith('.txt')) seeds.set(name, await readFile(join(seedsDir, name), 'utf8'));
  if (!seeds.size) throw new Error(`buildLayers: no seed .txt files in ${seedsDir}`);
  return seeds;
}

// placement-phrases.tsv: one placement rule per direction phrase of the plans
// (phrase, county, dir, km, source, quote, note). Every `phrase:` placement in
// the plan table uses it, so a phrase is placed the same way everywhere.
const PHRASE_COLUMNS = ['phrase', 'county', 'dir', 'km', 'source', 'quote', 'note'];
function readPhrases(text, seeds, base) {
  const lines = text.replace(/\r\n/g, '\n').split('\n').filter((l) => l !== '');
  const header = lines[0].split('\t');
  if (header.join('\t') !== PHRASE_COLUMNS.join('\t'))
    throw new TableError(`placement-phrases.tsv: header must be ${PHRASE_COLUMNS.join(', ')}`);
  const phrases = new Map();
  lines.slice(1).forEach((line, i) => {
    const cells = line.split('\t').map((c) => c.trim());
    const row = { __line: i + 2, id: cells[0] };
    if (cells.length !== PHRASE_COLUMNS.length) throw new TableError(`placement-phrases.tsv line ${i + 2}: ${cells.length} cells`);
    const [phrase, county, dir, kmText, source, quote, note] = cells;
    if (phrases.has(phrase)) throw new TableError(`placement-phrases.tsv line ${i + 2}: phrase "${phrase}" defined twice`);
    const km = Number(kmText);
    if (!base.countyByCode.has(county)) throw new TableError(`placement-phrases.tsv line ${i + 2}: unknown county ${county}`);
    if (!(dir in DIRS) || !Number.isFinite(km) || km < 0 || (dir === 'C') !== (km === 0))
      throw new TableError(`placement-phrases.tsv line ${i + 2}: bad dir/km ${dir} ${kmText}`);
    checkQuote({ ...row, __line: `${i + 2} of placement-phrases.tsv` }, seeds, source, quote, 'phrase quote');
    if (!quote.includes(phrase)) throw new TableError(`placement-phrases.tsv line ${i + 2}: quote does not contain "${phrase}"`);
    phrases.set(phrase, { phrase, county, dir, km, source, quote, note });
  });
  return phrases;
}

// ---------- helpers ----------
const round5 = (x) => {
  const r = Math.round(x * 1e5) / 1e5;
  return Object.is(r, -0) ? 0 : r;
};
const pt = (lng, lat) => [round5(Number(lng)), round5(Number(lat))];
const split = (s, sep) => (s ? s.split(sep).map((x) => x.trim()).filter(Boolean) : []);

function offsetPoint([lng, lat], dir, km) {
  const bearing = DIRS[dir][0];
  if (bearing === null) return [lng, lat];
  const rad = (bearing * Math.PI) / 180;
  const dLat = (km * Math.cos(rad)) / KM_PER_DEG;
  const dLng = (km * Math.sin(rad)) / (KM_PER_DEG * Math.cos((lat * Math.PI) / 180));
  return [lng + dLng, lat + dLat];
}

// ---------- geometry against the city outline ----------
const inside = (outline, p) => booleanPointInPolygon(p, outline);
const kmBetween = ([x1, y1], [x2, y2]) => {
  const k = Math.cos((((y1 + y2) / 2) * Math.PI) / 180);
  return Math.hypot((x2 - x1) * k, y2 - y1) * KM_PER_DEG;
};
// A segment counts as inside when points every 50 m along it (ends included) are.
const SAMPLE_KM = 0.05;
function segmentInside(outline, a, b) {
  const n = Math.max(1, Math.ceil(kmBetween(a, b) / SAMPLE_KM));
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    if (!inside(outline, [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t])) return false;
  }
  return true;
}
// Bends a polyline inwards where a straight segment leaves the outline: the
// segment's midpoint moves towards `towards` in 5 % steps until both halves
// stay inside (recursively, at most 4 levels). Returns the new coordinates and
// how many vertices were added.
function keepInside(outline, coords, towards, depth = 0) {
  const out = [coords[0]];
  let added = 0;
  for (let i = 1; i < coords.length; i++) {
    const a = out.at(-1), b = coords[i];
    if (segmentInside(outline, a, b)) { out.push(b); continue; }
    if (depth >= 4) return null;
    let done = null;
    for (let step = 1; step <= 20 && !done; step++) {
      const t = step * 0.05;
      const m = pt((a[0] + b[0]) / 2 + (towards[0] - (a[0] + b[0]) / 2) * t, (a[1] + b[1]) / 2 + (towards[1] - (a[1] + b[1]) / 2) * t);
      if (!inside(outline, m)) continue;
      const left = keepInside(outline, [a, m], towards, depth + 1);
      const right = left && keepInside(outline, [m, b], towards, depth + 1);
      if (left && right) done = { coords: [...left.coords.slice(1), ...right.coords.slice(1)], added: 1 + left.added + right.added };
    }
    if (!done) return null;
    out.push(...done.coords);
    added += done.added;
  }
  return { coords: out, added };
}
// The point <km> inside the outline on the city's side nearest to `p` (a place
// outside the city): the nearest point of the outline's edges, moved <km>
// further along the line from p through it.
function nearestInside(outline, p, km) {
  const g = outline.geometry;
  const rings = g.type === 'Polygon' ? [g.coordinates[0]] : g.coordinates.map((poly) => poly[0]);
  const k = Math.cos((p[1] * Math.PI) / 180);
  let best = null;
  for (const ring of rings)
    for (let i = 1; i < ring.length; i++) {
      const [ax, ay] = ring[i - 1], [bx, by] = ring[i];
      const dx = (bx - ax) * k, dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 ? Math.max(0, Math.min(1, (((p[0] - ax) * k) * dx + (p[1] - ay) * dy) / len2)) : 0;
      const q = [ax + (bx - ax) * t, ay + (by - ay) * t];
      const d = kmBetween(p, q);
      if (!best || d < best.d) best = { q, d };
    }
  const ux = (best.q[0] - p[0]) / best.d, uy = (best.q[1] - p[1]) / best.d; // degrees per km along p -> q
  const moved = pt(best.q[0] + ux * km, best.q[1] + uy * km);
  return { point: moved, edgeKm: best.d };
}

function seatLabel(county) {
  const seatName = county.seat_name ? `，${county.seat_name}` : '';
  return county.adcode === '411702'
    ? `中心城区（驿城区驻地 GeoNames 点${seatName}）`
    : `${county.name_zh}驻地（GeoNames 点${seatName}）`;
}

function checkQuote(row, seeds, file, quote, what) {
  if (!file || !quote) fail(row, `${what}: source file and quote are required`);
  if (!seeds.has(file)) fail(row, `${what}: seed file "${file}" not found in the seeds folder`);
  if (quote.length > MAX_QUOTE) fail(row, `${what}: quote has ${quote.length} characters (max ${MAX_QUOTE})`);
  if (!seeds.get(file).includes(quote)) fail(row, `${what}: quote is not an exact substring of ${file}: "${quote}"`);
}

// ---------- main ----------
export async function buildLayers({ baseDir, outDir, seedsDir, planTablePath, phrasesPath }) {
  const seeds = await readSeeds(seedsDir);
  const base = await readBase(baseDir);
  const rows = parseTsv(await readFile(planTablePath, 'utf8'));
  const phrases = readPhrases(await readFile(phrasesPath ?? join(dirname(planTablePath), 'placement-phrases.tsv'), 'utf8'), seeds, base);

  // 1. validate rows
  const byId = new Map();
  for (const row of rows) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(row.id)) fail(row, 'id must be lower-case ascii words joined by "-"');
    if (byId.has(row.id)) fail(row, 'duplicate id');
    byId.set(row.id, row);
    const spec = LAYERS[row.layer];
    if (!spec) fail(row, `unknown layer "${row.layer}"`);
    if (!spec.kinds.includes(row.kind)) fail(row, `kind "${row.kind}" not allowed in layer ${row.layer}`);
    if (!row.name || !row.name_en) fail(row, 'name and name_en are required');
    row.__basis = row.name_basis || 'plan';
    if (!NAME_BASIS.includes(row.__basis)) fail(row, `name_basis must be one of ${NAME_BASIS.join(', ')}`);
    if ((row.__basis === 'plan') !== !row.name_plan)
      fail(row, 'name_plan is given exactly when name_basis is official or derived');
    for (const col of ['parent', 'variant', 'roles', 'adcode', 'attributes'])
      if (row[col] && !LAYER_COLUMNS[row.layer].includes(col)) fail(row, `column "${col}" is not used in layer ${row.layer}`);
    if (row.county && !base.countyByCode.has(row.county)) fail(row, `county "${row.county}" is not a county adcode in counties.geojson`);
    checkQuote(row, seeds, row.source, row.quote, 'quote');
    row.__more = split(row.more_sources, ' || ').map((c) => {
      const at = c.indexOf('::');
      if (at < 0) fail(row, `more_sources entry without "::": ${c}`);
      const source = c.slice(0, at).trim(), quote = c.slice(at + 2).trim();
      checkQuote(row, seeds, source, quote, 'more_sources');
      return { source, quote };
    });
    // No name absent from the plans unless marked: a plan name is in the seed of
    // its quote; an official or derived name keeps the plan's wording in name_plan,
    // which is in one of its quotes.
    if (row.__basis === 'plan' && !seeds.get(row.source).includes(row.name) && !row.__more.some((m) => m.quote.includes(row.name)))
      fail(row, `name "${row.name}" occurs neither in ${row.source} nor in a more_sources quote; mark it official or derived and give name_plan`);
    if (row.__basis !== 'plan' && ![row.quote, ...row.__more.map((m) => m.quote)].some((q) => q.includes(row.name_plan)))
      fail(row, `name_plan "${row.name_plan}" is in none of the row's quotes`);
    if (row.__basis !== 'plan' && row.name === row.name_plan) fail(row, 'name equals name_plan: name_basis should be plan');
    if (row.layer === 'business-districts' && !['A', 'B', 'C'].includes(row.variant)) fail(row, 'variant must be A, B or C');
    if (row.layer === 'towns') {
      row.__roles = split(row.roles, '|');
      if (!row.__roles.length || row.__roles.some((r) => !['central_town', 'characteristic_town'].includes(r)))
        fail(row, 'roles must be central_town and/or characteristic_town');
      if (!row.county) fail(row, 'towns need a county');
      if (row.adcode && !/^\d{9}$/.test(row.adcode)) fail(row, 'adcode must be a 9-digit NBS township code');
      if (row.adcode && !base.townships.has(row.adcode)) fail(row, `adcode ${row.adcode} not in townships.csv`);
    }
  }
  for (const row of rows) {
    if (!row.parent) continue;
    const p = byId.get(row.parent);
    if (!p) fail(row, `parent "${row.parent}" does not exist`);
    if (p.layer !== row.layer) fail(row, `parent "${row.parent}" is in another layer`);
  }

  // 2. resolve placements (anchor/line may refer to other rows)
  const resolved = new Map();
  const resolve = (row, stack = []) => {
    if (resolved.has(row.id)) return resolved.get(row.id);
    if (stack.includes(row.id)) fail(row, `placement cycle: ${[...stack, row.id].join(' -> ')}`);
    const r = place(row, [...stack, row.id]);
    resolved.set(row.id, r);
    return r;
  };
  const countyOf = (row, code) => {
    const c = base.countyByCode.get(code);
    if (!c) fail(row, `placement: unknown county adcode ${code}`);
    if (row.county && row.county !== code && row.layer !== 'towns')
      fail(row, `placement county ${code} differs from county column ${row.county}`);
    return c;
  };
  // A schematic line stays inside the city outline (bent inwards towards the
  // central city where a straight segment would leave it).
  const centre = base.countyByCode.get('411702').seat;
  const bentLine = (row, coords, text) => {
    const kept = keepInside(base.outline, coords.map((c) => [...c]), centre);
    if (!kept) fail(row, 'schematic line cannot be kept inside the city outline');
    const bent = kept.added ? `；直线段越出市界处向市域内弯折（加 ${kept.added} 个示意折点），线保持在市域内` : '';
    return { geometry: { type: 'LineString', coordinates: kept.coords }, accuracy: 'schematic', text: `${text}${bent}` };
  };
  const place = (row, stack) => {
    const [rule, ...args] = row.placement.split(':');
    const unlocated = (text) => ({ geometry: null, accuracy: 'unlocated', text });
    switch (rule) {
      case 'none':
        if (args.length) fail(row, 'placement "none" takes no arguments');
        return unlocated('未定位：规划原文未给出位置');
      case 'seat': {
        const c = countyOf(row, args[0]);
        return { geometry: { type: 'Point', coordinates: pt(...c.seat) }, accuracy: 'county-seat',
          text: `驻地点位：取${seatLabel(c)}` };
      }
      case 'in-county': {
        const c = countyOf(row, args[0]);
        return { geometry: { type: 'Point', coordinates: pt(...c.seat) }, accuracy: 'schematic',
          text: `示意：按所在县区（${c.name_zh}）取${seatLabel(c)}，非实际位置` };
      }
      case 'offset': {
        const [code, dir, kmText, word] = args;
        if (word) fail(row, `placement offset with a phrase ("${word}"): use phrase:${word} so one phrase has one rule`);
        const c = countyOf(row, code);
        const km = Number(kmText);
        if (!(dir in DIRS) || !Number.isFinite(km) || km < 0 || (dir === 'C') !== (km === 0))
          fail(row, `placement offset needs <dir> in ${Object.keys(DIRS).join(' ')} and <km> (C only with 0): ${row.placement}`);
        const quoteWord = word ? `（规划原文“${word}”）` : '';
        const text = dir === 'C'
          ? `示意：取${seatLabel(c)}${quoteWord}，非实际位置`
          : `示意：${seatLabel(c)}以${DIRS[dir][1]}约${km} km${quoteWord}，固定示意距离，非实际位置`;
        return { geometry: { type: 'Point', coordinates: pt(...offsetPoint(c.seat, dir, km)) }, accuracy: 'schematic', text };
      }
      case 'phrase': {
        const word = args.join(':');
        const ph = phrases.get(word);
        if (!ph) fail(row, `placement phrase "${word}" is not in placement-phrases.tsv`);
        if (!row.quote.includes(word) && !row.__more.some((m) => m.quote.includes(word)) && !(row.note || '').includes(word))
          fail(row, `placement phrase "${word}" occurs in none of the row's quotes or its note`);
        const c = countyOf(row, ph.county);
        const where = ph.dir === 'C' ? `取${seatLabel(c)}` : `${seatLabel(c)}以${DIRS[ph.dir][1]}约${ph.km} km`;
        return { geometry: { type: 'Point', coordinates: pt(...offsetPoint(c.seat, ph.dir, ph.km)) }, accuracy: 'schematic',
          text: `示意：${where}（规划原文“${word}”；凡“${word}”皆按此示意，见 placement-phrases.tsv）${ph.dir === 'C' ? '' : '，固定示意距离'}，非实际位置` };
      }
      case 'nearest-edge': {
        const [key, kmText] = args;
        const p = base.places.get(key);
        const km = Number(kmText);
        if (!p || p.lng === '' || p.lat === '') fail(row, `placement nearest-edge: no GeoNames point for "${key}" in places.csv`);
        if (!(km > 0)) fail(row, 'placement nearest-edge needs <km> > 0');
        const from = [Number(p.lng), Number(p.lat)];
        if (inside(base.outline, from)) fail(row, `placement nearest-edge: ${p.name_zh} is inside the city; use place:${key}`);
        const { point, edgeKm } = nearestInside(base.outline, from, km);
        if (!inside(base.outline, point)) fail(row, 'placement nearest-edge: the moved point is not inside the city');
        return { geometry: { type: 'Point', coordinates: point }, accuracy: 'schematic',
          text: `示意：${p.name_zh}（GeoNames ${p.geonames_name || ''}，geonameid ${p.geonames_id || '?'}）在市域外；取驻马店市界上距其最近处（约 ${edgeKm.toFixed(1)} km）再向市域内 ${km} km 的点，即离它最近的驻马店一侧，非实际位置` };
      }
      case 'seats': {
        const codes = split(args.join(':'), ',');
        if (codes.length < 2) fail(row, 'placement seats needs at least two county adcodes');
        const cs = codes.map((code) => {
          const c = base.countyByCode.get(code);
          if (!c) fail(row, `placement seats: unknown county ${code}`);
          return c;
        });
        return bentLine(row, cs.map((c) => pt(...c.seat)), `示意：依次连接${cs.map((c) => c.name_zh).join('、')}驻地（GeoNames 点）的示意线，原文未给走向`);
      }
      case 'township': {
        const t = base.townships.get(args[0]);
        if (!t) fail(row, `placement township ${args[0]} not in townships.csv`);
        if (row.adcode !== args[0]) fail(row, `placement township ${args[0]} differs from adcode column ${row.adcode}`);
        if (!String(t.code).startsWith('4117')) fail(row, 'township outside the city');
        if (base.countyByCode.has(t.county_code) && t.county_code !== row.county)
          fail(row, `township ${t.code} lies in county ${t.county_code}, county column says ${row.county}`);
        if (t.accuracy === 'geonames' && t.lng !== '' && t.lat !== '')
          return { geometry: { type: 'Point', coordinates: pt(t.lng, t.lat) }, accuracy: 'geonames',
            text: `乡镇点位：GeoNames ${t.geonames_name || ''}（geonameid ${t.geonames_id || '?'}），经 NBS 代码 ${t.code}（${t.name}）匹配` };
        return unlocated(`未定位：GeoNames 无 ${t.name}（NBS ${t.code}）坐标，不以县城或质心代替`);
      }
      case 'place': {
        const p = base.places.get(args[0]);
        if (!p || p.lng === '' || p.lat === '') return unlocated(`未定位：base/places.csv 无地名“${args[0]}”的坐标`);
        return { geometry: { type: 'Point', coordinates: pt(p.lng, p.lat) }, accuracy: 'schematic',
          text: `示意：取 GeoNames ${p.geonames_name || ''}（${p.name_zh}，geonameid ${p.geonames_id || '?'}）点位，非实际范围` };
      }
      case 'anchor': {
        const target = byId.get(args[0]);
        if (!target) fail(row, `placement anchor "${args[0]}" does not exist`);
        const r = resolve(target, stack);
        if (!r.geometry || r.geometry.type !== 'Point') return unlocated(`未定位：锚点“${target.name}”无点位`);
        return { geometry: { type: 'Point', coordinates: [...r.geometry.coordinates] }, accuracy: 'schematic',
          text: `示意：按所属“${target.name}”取其点位，非实际位置` };
      }
      case 'line': {
        const ids = split(args.join(':'), ',');
        if (ids.length < 2) fail(row, 'placement line needs at least two feature ids');
        const coords = ids.map((id) => {
          const target = byId.get(id);
          if (!target) fail(row, `placement line: "${id}" does not exist`);
          const r = resolve(target, stack);
          if (!r.geometry || r.geometry.type !== 'Point') fail(row, `placement line: "${id}" has no point`);
          return r.geometry.coordinates;
        });
        const names = ids.map((id) => byId.get(id).name).join('—');
        return bentLine(row, coords, `示意：依次连接${names}各点的示意线，原文未给走向`);
      }
      default:
        fail(row, `unknown placement rule "${row.placement}"`);
    }
  };

  // 3. features, in table order within each layer
  const out = Object.fromEntries(Object.keys(LAYERS).map((l) => [l, []]));
  for (const row of rows) {
    const r = resolve(row);
    const props = {
      id: row.id, name: row.name, name_en: row.name_en, name_basis: row.__basis, name_plan: row.name_plan || null,
      layer: row.layer, kind: row.kind,
      county: row.county || null, source: row.source, quote: row.quote,
      accuracy: r.accuracy, placement: r.text,
    };
    const attrs = split(row.attributes, '|');
    for (const key of LAYERS[row.layer].extra) {
      if (key === 'parent') props.parent = row.parent || null;
      else if (key === 'variant') props.variant = row.variant;
      else if (key === 'roles') props.roles = row.__roles;
      else if (key === 'adcode') props.adcode = row.adcode || null;
      else if (key === 'functions') props.functions = attrs;
      else if (key === 'industries') props.industries = attrs;
      else if (key === 'more_sources') props.more_sources = row.__more;
      else if (key === 'note') props.note = row.note || null;
    }
    if (!ACCURACY.includes(props.accuracy)) fail(row, `bad accuracy ${props.accuracy}`);
    out[row.layer].push({ type: 'Feature', properties: props, geometry: r.geometry });
  }

  // 4. write, one feature per line
  await mkdir(outDir, { recursive: true });
  const written = [];
  for (const [layer, features] of Object.entries(out)) {
    const body = features.map((f) => JSON.stringify(f)).join(',\n');
    const text = `{"type":"FeatureCollection","name":"${layer}","features":[\n${body}\n]}\n`;
    const file = join(outDir, `${layer}.geojson`);
    await writeFile(file, text, 'utf8');
    written.push(file);
  }
  return { files: written, counts: Object.fromEntries(Object.entries(out).map(([l, f]) => [l, f.length])) };
}
