// Keeps the cameras of several maps together: whichever map moves (drag,
// wheel, keys, an animation) sets the others. Written here rather than taken
// from @mapbox/mapbox-gl-sync-move: the same dozen lines, typed, and no
// CommonJS module in the bundle.
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { MapCamera } from '../../map/MapView';

export function cameraOf(map: MapLibreMap): MapCamera {
  const center = map.getCenter();
  return { center: [center.lng, center.lat], zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() };
}

/** Starts syncing; returns the function that stops it. */
export function syncCameras(maps: readonly MapLibreMap[]): () => void {
  // jumpTo fires the followers' own "move" synchronously: without this guard each
  // follower would set the leader back, cutting short its drag or its easing.
  let following = false;
  const followers = maps.map((leader) => () => {
    if (following) return;
    following = true;
    try {
      const camera = cameraOf(leader);
      for (const map of maps) if (map !== leader) map.jumpTo(camera);
    } finally {
      following = false;
    }
  });
  maps.forEach((map, index) => map.on('move', followers[index]!));
  return () => maps.forEach((map, index) => map.off('move', followers[index]!));
}
