// Catchment: which facility serves each target (the nearest), the Voronoi
// service area of each facility, and optionally the Huff model's shares.
//
// The metric ('distance' or 'time') only changes the units reported: time is
// distance × detour / speed, a constant multiple, so the nearest facility,
// the Voronoi cells and the Huff probabilities are the same under both.
import { area as turfArea, bbox as turfBbox, featureCollection, point, voronoi } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { checkpointEvery } from './control';
import { FacilityDistances } from './facilityDistance';
import { representativePoint } from './facilityGeometry';
import { DEG, type Bbox, type Position2 } from './geodesy';
import { CATCHMENT_METHOD } from './methodNotes';
import { prepareRegions, type PreparedRegions } from './regions';
import { resolveTravel, travelMinutes } from './travel';
import type {
  CatchmentAssignment,
  CatchmentParameters,
  CatchmentResult,
  Facility,
  FacilityCatchment,
  RunControl,
  StudyArea,
  Target,
} from './types';

export const DEFAULT_HUFF_EXPONENT = 2;
/** Closer than this a target counts as "at" a facility (the Huff model's d = 0 guard). */
const AT_FACILITY_METERS = 1;

export function catchment(
  facilities: readonly Facility[],
  targets: readonly Target[],
  params: Partial<CatchmentParameters>,
  studyArea: StudyArea,
  control?: RunControl,
): CatchmentResult {
  const travel = resolveTravel(params);
  const distances = new FacilityDistances(facilities);
  const assignments: CatchmentAssignment[] = targets.map((target, i) => {
    checkpointEvery(control, i, targets.length);
    const nearest = distances.nearest(...target.coordinates);
    return nearest
      ? { targetId: target.id, facilityId: facilities[nearest.facility]!.id, distanceMeters: nearest.meters, travelMinutes: travelMinutes(nearest.meters, travel) }
      : { targetId: target.id, facilityId: null, distanceMeters: Infinity, travelMinutes: Infinity };
  });

  const cells = voronoiCells(facilities, prepareRegions(studyArea));
  const perFacility = facilities.map((facility, j): FacilityCatchment => {
    const mine = assignments.flatMap((a, i) => (a.facilityId === facility.id ? [targets[i]!] : []));
    return { facilityId: facility.id, targets: mine.length, weight: sum(mine.map((t) => t.weight)), areaKm2: cells[j] ? turfArea(cells[j]) / 1e6 : 0 };
  });

  const result: CatchmentResult = {
    kind: 'catchment',
    method: CATCHMENT_METHOD,
    assignments,
    perFacility,
    sharedPoints: sharedPoints(facilities, distances),
    voronoi: featureCollection(
      facilities.flatMap((facility, j) => {
        const geometry = cells[j];
        return geometry ? [{ type: 'Feature' as const, properties: { facilityId: facility.id }, geometry }] : [];
      }),
    ),
  };
  if (params.useHuff && facilities.length > 0) {
    const exponent = params.huffExponent ?? DEFAULT_HUFF_EXPONENT;
    const probabilities = huffProbabilities(facilities, targets, distances, exponent, control);
    const weightTotal = sum(targets.map((t) => t.weight));
    facilities.forEach((facility, j) => {
      const expected = sum(targets.map((t, i) => t.weight * probabilities[i]![j]!));
      perFacility[j]!.huffShare = weightTotal > 0 ? expected / weightTotal : 0;
    });
    result.huff = {
      exponent,
      probabilities: targets.map((target, i) => ({
        targetId: target.id,
        byFacility: Object.fromEntries(facilities.map((f, j) => [f.id, probabilities[i]![j]!])),
      })),
    };
  }
  return result;
}

/** Groups of point facilities within AT_FACILITY_METERS of each other, first-listed first. */
function sharedPoints(facilities: readonly Facility[], distances: FacilityDistances): string[][] {
  const grouped = new Set<number>();
  const groups: string[][] = [];
  facilities.forEach((facility, i) => {
    if (grouped.has(i) || facility.geometry.type !== 'Point') return;
    const [lng, lat] = facility.geometry.coordinates as [number, number];
    const together = facilities.flatMap((other, j) =>
      j > i && !grouped.has(j) && other.geometry.type === 'Point' && distances.distanceTo(j, lng, lat) < AT_FACILITY_METERS ? [j] : [],
    );
    if (together.length === 0) return;
    for (const j of together) grouped.add(j);
    groups.push([facility.id, ...together.map((j) => facilities[j]!.id)]);
  });
  return groups;
}

/**
 * Huff: P_ij = (A_j / d_ij^λ) / Σ_k (A_k / d_ik^λ). A target at a facility
 * (d < 1 m) would divide by zero; in the limit it goes to the facilities it
 * stands at, shared by attractiveness. Attractiveness defaults to 1; negative
 * values count as 0, and a target that no facility attracts goes to its nearest.
 */
export function huffProbabilities(
  facilities: readonly Facility[],
  targets: readonly Target[],
  distances: FacilityDistances,
  exponent: number,
  control?: RunControl,
): number[][] {
  const attraction = facilities.map((f) => Math.max(0, f.attractiveness ?? 1));
  return targets.map((target, i) => {
    checkpointEvery(control, i, targets.length);
    const d = facilities.map((_, j) => distances.distanceTo(j, ...target.coordinates));
    const atFacility = d.map((meters) => meters < AT_FACILITY_METERS);
    const utility = atFacility.some(Boolean)
      ? attraction.map((a, j) => (atFacility[j] ? a : 0))
      : attraction.map((a, j) => a / d[j]! ** exponent);
    const total = sum(utility);
    if (total > 0) return utility.map((u) => u / total);
    const nearest = d.indexOf(Math.min(...d));
    return d.map((_, j) => (j === nearest ? 1 : 0));
  });
}

/**
 * Voronoi cells of the facilities' representative points, clipped to the
 * outline; null for a facility sharing its point with an earlier one. Built
 * in a plane with the east–west scale of the city's latitude, so the cells
 * agree with nearest-by-distance (plain lng/lat would stretch them east–west).
 */
function voronoiCells(facilities: readonly Facility[], regions: PreparedRegions): (Polygon | MultiPolygon | null)[] {
  const outline = regions.regions[0]!;
  const [minX, minY, maxX, maxY] = outline.bbox;
  const scale = Math.cos(((minY + maxY) / 2) * DEG);
  const sites = facilities.map(representativePoint);
  const firstAt = new Map<string, number>();
  const unique = sites.flatMap((site, j) => {
    const key = site.join(',');
    if (firstAt.has(key)) return [];
    firstAt.set(key, j);
    return [j];
  });
  if (unique.length === 0) return facilities.map(() => null);
  const pad = Math.max(maxX - minX, maxY - minY);
  const extent = [...sites.map((s) => s[0]), minX, maxX];
  const extentY = [...sites.map((s) => s[1]), minY, maxY];
  const box: Bbox = [
    (Math.min(...extent) - pad) * scale,
    Math.min(...extentY) - pad,
    (Math.max(...extent) + pad) * scale,
    Math.max(...extentY) + pad,
  ];
  const projected = featureCollection(unique.map((j) => point([sites[j]![0] * scale, sites[j]![1]], { j })));
  const cells: (Polygon | MultiPolygon | null)[] = facilities.map(() => null);
  if (unique.length === 1) {
    cells[unique[0]!] = clip(rectangle(box, scale), regions);
    return cells;
  }
  voronoi(projected, { bbox: box }).features.forEach((cell, k) => {
    if (!cell?.geometry) return;
    const ring = cell.geometry.coordinates[0]!.map(([x, y]) => [x! / scale, y!] as Position2);
    cells[unique[k]!] = clip({ type: 'Polygon', coordinates: [ring] }, regions);
  });
  return cells;
}

function rectangle([minX, minY, maxX, maxY]: Bbox, scale: number): Polygon {
  const ring: Position[] = [
    [minX / scale, minY],
    [maxX / scale, minY],
    [maxX / scale, maxY],
    [minX / scale, maxY],
    [minX / scale, minY],
  ];
  return { type: 'Polygon', coordinates: [ring] };
}

function clip(cell: Polygon, regions: PreparedRegions): Polygon | MultiPolygon | null {
  return regions.clipToOutline(cell, turfBbox(cell) as Bbox);
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
