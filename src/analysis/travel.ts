// Travel-time ↔ distance conversions. Everything here is a straight-line
// estimate; a road network would replace these two functions, not the callers.
import { DEFAULT_TRAVEL, type TravelParameters } from './types';

/** Fills in defaults, merging a partial speed table over DEFAULT_SPEEDS. */
export function resolveTravel(params: Partial<TravelParameters> = {}): TravelParameters {
  return {
    minutes: params.minutes ?? DEFAULT_TRAVEL.minutes,
    mode: params.mode ?? DEFAULT_TRAVEL.mode,
    speeds: { ...DEFAULT_TRAVEL.speeds, ...params.speeds },
    detourFactor: params.detourFactor ?? DEFAULT_TRAVEL.detourFactor,
  };
}

/**
 * Radius of a travel-time circle: speed × minutes. No detour factor, on
 * purpose: GB 50180-2018 states the 15-minute circle as a 800–1,000 m radius.
 */
export function travelRadiusMeters(params: Partial<TravelParameters> = {}): number {
  const travel = resolveTravel(params);
  return travel.speeds[travel.mode] * travel.minutes;
}

/** Estimated minutes to cover a straight-line distance: distance × detour / speed. */
export function travelMinutes(distanceMeters: number, params: Partial<TravelParameters> = {}): number {
  const travel = resolveTravel(params);
  return (distanceMeters * travel.detourFactor) / travel.speeds[travel.mode];
}
