// What the planner is asked before a drawn or placed shape is saved, so the
// app never changes or accepts a shape silently:
// - a polygon that crosses itself (a bow-tie) is offered as its
//   non-crossing parts — the same repair QGIS's "fix geometries" makes
//   (turf's unkinkPolygon splits at every crossing) — with the crossing and the
//   number of parts said, or it is not saved;
// - a shape with a vertex outside the city boundary (驻马店市界) is saved only
//   when the planner confirms; the message says how far outside and in which
//   neighbouring city (平顶山, 信阳 …) it lies.
// The edit validation (validation.ts) still refuses what can never be right
// (50 km beyond the city, broken structure); this is for what may be meant.
import { kinks, unkinkPolygon } from '@turf/turf';
import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type { ContextCollection } from './dataset';
import type { LocalizedText } from '../i18n/text';

export interface SelfIntersection {
  /** Where the rings first cross, lon/lat. */
  at: Position;
  /** The polygon split at its crossings: each part a simple polygon. */
  parts: Polygon[];
}

const coordinateText = ([lng, lat]: Position) => `${lng!.toFixed(5)}, ${lat!.toFixed(5)}`;

/** A polygon that crosses itself, with the parts it splits into; null for any other shape. */
export function selfIntersection(geometry: Geometry): SelfIntersection | null {
  if (geometry.type !== 'Polygon') return null;
  const crossings = kinks(geometry).features;
  if (crossings.length === 0) return null;
  let parts: Polygon[];
  try {
    parts = unkinkPolygon(geometry).features.map((part) => part.geometry);
  } catch {
    // unkinkPolygon gives up on some degenerate rings (a vertex repeated on an edge): then there is nothing to offer.
    parts = [];
  }
  // Slivers of nothing (zero area) are no parts a planner drew.
  parts = parts.filter((part) => kinks(part).features.length === 0 && new Set(part.coordinates[0]!.slice(0, -1).map(String)).size >= 3);
  return { at: crossings[0]!.geometry.coordinates, parts };
}

export function selfIntersectionMessage(found: SelfIntersection): LocalizedText {
  const at = coordinateText(found.at);
  return found.parts.length >= 2
    ? {
        zh: `这个面的边界自相交（约在 ${at} 处），不是一个有效的面。可按交点拆成 ${found.parts.length} 个互不相交的面保存（形状不变，只是分成 ${found.parts.length} 个要素）；或取消后重新绘制。`,
        en: `This polygon's boundary crosses itself (near ${at}), so it is not a valid polygon. It can be saved split at the crossing into ${found.parts.length} separate polygons (the same outline, as ${found.parts.length} features), or cancel and draw it again.`,
      }
    : {
        zh: `这个面的边界自相交（约在 ${at} 处），无法自动修复，未保存；请重新绘制。`,
        en: `This polygon's boundary crosses itself (near ${at}) and cannot be repaired automatically; it was not saved — please draw it again.`,
      };
}

export interface OutsideCity {
  /** Greatest distance of a vertex from the city boundary, km. */
  km: number;
  /** Vertices outside the city. */
  outside: number;
  /** The neighbouring city the farthest vertex lies in, when known. */
  neighbour: LocalizedText | null;
}

type Outline = Feature<Polygon | MultiPolygon>;

/** The city outline (context.geojson's `focus` feature) and its neighbours. */
export function cityOutlines(context: ContextCollection): { city: Outline | null; neighbours: ContextCollection['features'] } {
  return {
    city: context.features.find((feature) => feature.properties.role === 'focus') ?? null,
    neighbours: context.features.filter((feature) => feature.properties.role === 'neighbour'),
  };
}

const kmText = (km: number) => (km < 1 ? km.toFixed(1) : String(Math.round(km)));

export function outsideCityMessage(found: OutsideCity, what: LocalizedText): LocalizedText {
  const where = found.neighbour ? { zh: `（在${found.neighbour.zh}境内）`, en: ` (in ${found.neighbour.en})` } : { zh: '', en: '' };
  return {
    zh: `${what.zh}位于驻马店市界外约 ${kmText(found.km)} 公里${where.zh}。规划要素通常应在市域内：确定要保存在这个位置吗？`,
    en: `${what.en} lies about ${kmText(found.km)} km outside the Zhumadian city boundary${where.en}. Plan features normally lie within the city: save it at this position anyway?`,
  };
}

/** An import's features outside the city: which (by id), how far the farthest, in which neighbouring cities. */
export interface ImportOutsideCity {
  ids: Set<string>;
  farthestKm: number;
  neighbours: LocalizedText[];
}

export function importOutsideCityMessage(found: ImportOutsideCity, total: number): LocalizedText {
  const where = found.neighbours.length
    ? { zh: `，在${found.neighbours.map((name) => name.zh).join('、')}境内`, en: `, in ${found.neighbours.map((name) => name.en).join(', ')}` }
    : { zh: '', en: '' };
  return {
    zh: `${total} 个要素中有 ${found.ids.size} 个位于驻马店市界外（最远约 ${kmText(found.farthestKm)} 公里${where.zh}）。`,
    en: `${found.ids.size} of ${total} features lie outside the Zhumadian city boundary (the farthest about ${kmText(found.farthestKm)} km${where.en}).`,
  };
}
