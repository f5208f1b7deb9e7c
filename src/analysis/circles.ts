// 一刻钟生活圈 and other travel-time circles: a straight-line radius around each
// facility, dissolved per cluster of overlapping circles and clipped to the city.
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { CircleCache } from './cache';
import { clippedClusterUnion, coveredAreas, layoutCircles } from './circleLayout';
import { checkpointEvery } from './control';
import { STRAIGHT_LINE_METHOD } from './methodNotes';
import { travelRadiusMeters } from './travel';
import type { CirclesResult, Facility, RunControl, StudyArea, TravelParameters } from './types';

/**
 * Pass the same `cache` (and the same `studyArea` object) on every run to
 * recompute only what an edit changed.
 */
export function travelTimeCircles(
  facilities: readonly Facility[],
  params: Partial<TravelParameters>,
  studyArea: StudyArea,
  control?: RunControl,
  cache?: CircleCache,
): CirclesResult {
  const store = cache ?? new CircleCache();
  store.beginRun();
  const radiusMeters = travelRadiusMeters(params);
  const layout = layoutCircles(facilities, radiusMeters, studyArea, store, control);

  const parts: Position[][][] = [];
  layout.clusters.forEach((cluster, i) => {
    checkpointEvery(control, i, layout.clusters.length);
    const clipped = clippedClusterUnion(layout, cluster, store);
    if (clipped) parts.push(...(clipped.type === 'Polygon' ? [clipped.coordinates] : clipped.coordinates));
  });
  // Clusters never overlap, so putting their shapes side by side is their union.
  const dissolvedGeometry: Polygon | MultiPolygon | null =
    parts.length === 0 ? null : parts.length === 1 ? { type: 'Polygon', coordinates: parts[0]! } : { type: 'MultiPolygon', coordinates: parts };

  return {
    kind: 'circles',
    radiusMeters,
    method: STRAIGHT_LINE_METHOD,
    perFacility: {
      type: 'FeatureCollection',
      features: layout.circles.map((c) => ({
        type: 'Feature',
        properties: { facilityId: c.facility.id, radiusMeters },
        geometry: c.geometry,
      })),
    },
    dissolved: dissolvedGeometry && { type: 'Feature', properties: {}, geometry: dissolvedGeometry },
    areas: coveredAreas(layout, store, control),
  };
}
