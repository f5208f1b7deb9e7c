// What the drawing tools are doing right now, for the readouts beside them:
// the shape under the pointer (being drawn, reshaped or measured) and the new
// feature waiting for a name. Kept apart from the view store: it changes on
// every pointer move while drawing, and nothing else needs to re-render then.
import type { LineString, Point, Polygon } from 'geojson';
import { create } from 'zustand';

export interface Sketch {
  geometry: Point | LineString | Polygon;
  /** Drawn with a measure tool: never saved, cleared by Esc. */
  measuring: boolean;
  /** The gesture is over (a finished measurement stays until the next one). */
  finished: boolean;
}

interface SketchState {
  sketch: Sketch | null;
  /** A feature just drawn or placed, whose name the planner is asked for. */
  naming: { featureId: string } | null;
  setSketch(sketch: Sketch | null): void;
  askName(featureId: string | null): void;
}

export const useSketch = create<SketchState>()((set) => ({
  sketch: null,
  naming: null,
  setSketch: (sketch) => set({ sketch }),
  askName: (featureId) => set({ naming: featureId ? { featureId } : null }),
}));
