// Targets as columns of typed arrays: what the coverage engine loops over and
// what crosses between threads without copying object by object (a
// Float64Array is one memcpy to clone and nothing to transfer).
import type { Target } from './types';

export interface TargetColumns {
  /** Longitudes and latitudes (WGS84), one entry per target. */
  lng: Float64Array;
  lat: Float64Array;
  weight: Float64Array;
}

export function targetColumns(targets: readonly Target[]): TargetColumns {
  const n = targets.length;
  const lng = new Float64Array(n);
  const lat = new Float64Array(n);
  const weight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const target = targets[i]!;
    lng[i] = target.coordinates[0];
    lat[i] = target.coordinates[1];
    weight[i] = target.weight;
  }
  return { lng, lat, weight };
}
