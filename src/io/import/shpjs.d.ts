// shpjs ships no types; only the synchronous .shp parser is used (shapefile.ts).
declare module 'shpjs' {
  import type { Geometry } from 'geojson';
  /** The shapes of a .shp, in file order (null for Null shapes); `projection` false keeps the file's coordinates. */
  export function parseShp(shp: ArrayBuffer | ArrayBufferView | DataView, projection?: string | false): (Geometry | null)[];
}
