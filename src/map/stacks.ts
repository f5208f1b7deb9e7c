// Features drawn on one spot: many plan features share a county seat or the
// city centre (the plans place county-level things there), so a planner would
// see one dot where there are eight. Each such spot gets a count badge; a
// click on it lists every feature there. Pure, so it is tested in Node.
import type { Position } from 'geojson';

/** Features closer than this (degrees, ≈ 1 m) count as one spot. */
const SAME_SPOT_DEGREES = 1e-5;

export interface Stack<T> {
  position: Position;
  /** Everything drawn on the spot, in the order given. */
  items: T[];
}

/** Groups of two or more items on the same spot, in the order of their first item. */
export function stacksOf<T>(items: readonly T[], positionOf: (item: T) => Position | null): Stack<T>[] {
  const bySpot = new Map<string, Stack<T>>();
  for (const item of items) {
    const position = positionOf(item);
    if (!position) continue;
    const key = `${Math.round(position[0]! / SAME_SPOT_DEGREES)},${Math.round(position[1]! / SAME_SPOT_DEGREES)}`;
    const stack = bySpot.get(key);
    if (stack) stack.items.push(item);
    else bySpot.set(key, { position, items: [item] });
  }
  return [...bySpot.values()].filter((stack) => stack.items.length > 1);
}
