// MapLibre's `zmdpkg://` protocol for offline tile packages, registered with
// the map. The readers (pmtiles, the MBTiles worker) load with the first tile
// asked for: a map without a package never fetches their code.
import * as maplibregl from 'maplibre-gl';
import { PACKAGE_PROTOCOL } from './kinds/tilePackage';

let registered = false;

/** Serves stored packages to MapLibre; once per page. */
export function registerPackageProtocol() {
  if (registered) return;
  registered = true;
  maplibregl.addProtocol(PACKAGE_PROTOCOL, async (params, abort) => (await import('./packages')).servePackageTile(params.url, abort.signal));
}
