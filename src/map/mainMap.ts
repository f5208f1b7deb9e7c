// The app's main map, for the few features that act on it from outside the
// map component (camera moves, PNG export). The map owns its lifetime; others
// only borrow it while it exists.
import type { Map as MapLibreMap } from 'maplibre-gl';

let current: MapLibreMap | null = null;

export function setMainMap(map: MapLibreMap | null) {
  current = map;
}

/** The main map, or null while it is not loaded. */
export function mainMap(): MapLibreMap | null {
  return current;
}
