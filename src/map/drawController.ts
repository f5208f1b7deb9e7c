// The drawing adapter: terra-draw (with its MapLibre adapter) does the pointer
// work of drawing and reshaping; the app keeps the data. terra-draw's store
// only ever holds the shape being drawn or the one feature being reshaped,
// and every finished gesture leaves here as a plain GeoJSON geometry that the
// app turns into an undoable edit. Snapping reaches every feature of the
// scenario (not only terra-draw's own) through a custom snap function.
import type { Geometry, LineString, Point, Polygon, Position } from 'geojson';
import type * as maplibregl from 'maplibre-gl';
import {
  TerraDraw,
  TerraDrawLineStringMode,
  TerraDrawPointMode,
  TerraDrawPolygonMode,
  TerraDrawSelectMode,
  type GeoJSONStoreFeatures,
  type SnapToCustom,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';

import type { Sketch } from '../state/sketchState';
import type { DrawTool } from '../state/viewState';
export type { DrawTool };
export type EditableGeometry = Point | LineString | Polygon;

export interface SnapCandidates {
  vertices: readonly Position[];
  /** Edges of lines and polygon rings, as [from, to]. */
  segments: readonly (readonly [Position, Position])[];
}

export interface DrawCallbacks {
  /** A new shape was finished in a drawing mode. */
  onCreated(geometry: EditableGeometry): void;
  /** The feature loaded with `editFeature` was moved or reshaped. */
  onEdited(featureId: string, geometry: EditableGeometry): void;
  /** What to snap to (all visible features of the scenario), in lon/lat. */
  snapCandidates(): SnapCandidates;
  /** The shape being drawn, reshaped or measured, as it changes (null when there is none): for the live length/area. */
  onSketch?(sketch: Sketch | null): void;
}

const SNAP_PIXELS = 12;
/**
 * How near (px) a click must be to the first or last vertex to close a polygon
 * or finish a line. terra-draw's default, 40 px, took the fourth corner of a
 * small bow-tie drawn at city zoom (corners ~20–30 px apart) as "close", and
 * saved a triangle without a word (issue 16, bug 6); a closing click is aimed
 * at the vertex itself.
 */
const CLOSE_PIXELS = 10;
const EDIT_COLOR = '#d7263d';
const MEASURE_COLOR = '#1b6ac9';
/** terra-draw modes whose shapes are measurements: shown, never handed to the app as features. */
const MEASURE_MODES = new Set(['measure-line', 'measure-area']);
const SKETCH_MODES = new Set(['linestring', 'polygon', 'measure-line', 'measure-area']);

const TOOL_TO_MODE: Record<DrawTool, string> = {
  browse: 'static',
  select: 'select',
  point: 'point',
  linestring: 'linestring',
  polygon: 'polygon',
  'measure-line': 'measure-line',
  'measure-area': 'measure-area',
};

export class DrawController {
  private readonly draw: TerraDraw;
  private editingId: string | null = null;
  /** The finished measurement still shown (until Esc, another tool, or the next measurement). */
  private measuredId: string | null = null;

  constructor(map: maplibregl.Map, private readonly callbacks: DrawCallbacks) {
    const snapping = { toCustom: this.snapToScenario, toCoordinate: true };
    const editable = { draggable: true, coordinates: { draggable: true, midpoints: true, deletable: true, snappable: snapping } };
    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, prefixId: 'zmd-draw' }),
      // The app's feature ids are readable strings, not terra-draw's default UUIDs.
      idStrategy: { isValidId: (id) => typeof id === 'string' && id.length > 0, getId: () => crypto.randomUUID() },
      modes: [
        new TerraDrawSelectMode({
          flags: { point: { feature: { draggable: true } }, linestring: { feature: editable }, polygon: { feature: editable } },
          allowManualDeselection: false,
          styles: { selectedPolygonColor: EDIT_COLOR, selectedPolygonOutlineColor: EDIT_COLOR, selectedLineStringColor: EDIT_COLOR, selectedPointColor: EDIT_COLOR },
        }),
        new TerraDrawPointMode({ styles: { pointColor: EDIT_COLOR } }),
        new TerraDrawLineStringMode({ snapping, pointerDistance: CLOSE_PIXELS, styles: { lineStringColor: EDIT_COLOR } }),
        new TerraDrawPolygonMode({ snapping, pointerDistance: CLOSE_PIXELS, styles: { fillColor: EDIT_COLOR, outlineColor: EDIT_COLOR, fillOpacity: 0.15 } }),
        new TerraDrawLineStringMode({ modeName: 'measure-line', styles: { lineStringColor: MEASURE_COLOR, lineStringWidth: 3 } }),
        new TerraDrawPolygonMode({ modeName: 'measure-area', styles: { fillColor: MEASURE_COLOR, outlineColor: MEASURE_COLOR, fillOpacity: 0.12 } }),
      ],
    });
    this.draw.start();
    this.draw.on('finish', (id, context) => this.onFinish(String(id), context.action));
    this.draw.on('change', (ids, type) => this.onChange(ids.map(String), type));
  }

  setTool(tool: DrawTool) {
    if (tool !== 'select') this.stopEditing();
    // Measurements are not kept: Esc (the browse tool) or any other tool clears them.
    this.clearMeasurement();
    this.draw.setMode(TOOL_TO_MODE[tool]);
    this.callbacks.onSketch?.(null);
  }

  /** Loads one feature for reshaping (select tool); null unloads. */
  editFeature(featureId: string | null, geometry: Geometry | null) {
    this.stopEditing();
    if (!featureId || !geometry || !isEditable(geometry)) return;
    // terra-draw refuses coordinates finer than its precision (9 decimals, ≈ 0.1 mm) as invalid;
    // imported data converted from Gauss–Krüger metres carries ~15, so it is rounded for editing.
    const feature = { id: featureId, type: 'Feature', geometry: withDrawPrecision(geometry), properties: { mode: geometry.type.toLowerCase() } } as GeoJSONStoreFeatures;
    const [validation] = this.draw.addFeatures([feature]);
    if (!validation?.valid) return;
    this.editingId = featureId;
    if (this.draw.getMode() !== 'select') this.draw.setMode('select');
    this.draw.selectFeature(featureId);
  }

  get editing(): string | null {
    return this.editingId;
  }

  destroy() {
    this.draw.stop();
  }

  private stopEditing() {
    if (this.editingId && this.draw.hasFeature(this.editingId)) this.draw.removeFeatures([this.editingId]);
    this.editingId = null;
  }

  private clearMeasurement() {
    if (this.measuredId && this.draw.hasFeature(this.measuredId)) this.draw.removeFeatures([this.measuredId]);
    this.measuredId = null;
  }

  /** Reports the shape under the pointer: the one being drawn or measured, or the one being reshaped. */
  private onChange(ids: string[], type: string) {
    if (type === 'delete' || !this.callbacks.onSketch) return;
    const mode = this.draw.getMode();
    const watched = SKETCH_MODES.has(mode) || (mode === 'select' && this.editingId !== null);
    if (!watched) return;
    for (const id of ids) {
      if (mode === 'select' ? id !== this.editingId : id === this.measuredId) continue;
      const feature = this.draw.getSnapshotFeature(id);
      const geometry = feature?.geometry as Geometry | undefined;
      if (!geometry || (geometry.type !== 'LineString' && geometry.type !== 'Polygon')) continue;
      // A new measurement replaces the finished one (later: terra-draw is inside its own event here).
      if (MEASURE_MODES.has(mode) && this.measuredId !== null) {
        const previous = this.measuredId;
        this.measuredId = null;
        queueMicrotask(() => {
          if (previous !== this.measuredId && this.draw.hasFeature(previous)) this.draw.removeFeatures([previous]);
        });
      }
      this.callbacks.onSketch({ geometry: stripToGeometry(geometry), measuring: MEASURE_MODES.has(mode), finished: false });
      return;
    }
  }

  private onFinish(id: string, action: string) {
    const feature = this.draw.getSnapshotFeature(id);
    if (!feature || !isEditable(feature.geometry as Geometry)) return;
    const geometry = stripToGeometry(feature.geometry as EditableGeometry);
    if (action === 'draw' && MEASURE_MODES.has(String(feature.properties.mode))) {
      // A measurement stays on the map, and its figures in the readout, until cleared.
      this.measuredId = id;
      this.callbacks.onSketch?.({ geometry, measuring: true, finished: true });
      return;
    }
    if (action === 'draw') {
      this.callbacks.onSketch?.(null);
      // The new shape leaves terra-draw: from now on the app draws it from the scenario.
      this.draw.removeFeatures([id]);
      this.callbacks.onCreated(geometry);
    } else if (id === this.editingId) {
      this.callbacks.onEdited(id, geometry);
    }
  }

  /**
   * Nearest scenario vertex within SNAP_PIXELS of the pointer; failing that,
   * the nearest point on an edge. Vertices win so corners stay exact.
   */
  private readonly snapToScenario: SnapToCustom = (event, context) => {
    const pointer = { x: event.containerX, y: event.containerY };
    const { vertices, segments } = this.callbacks.snapCandidates();
    let best: Position | undefined;
    let bestDistance = SNAP_PIXELS;
    for (const vertex of vertices) {
      const screen = context.project(vertex[0]!, vertex[1]!);
      const distance = Math.hypot(screen.x - pointer.x, screen.y - pointer.y);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = vertex;
      }
    }
    if (best) return best;
    for (const [from, to] of segments) {
      const a = context.project(from[0]!, from[1]!);
      const b = context.project(to[0]!, to[1]!);
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const lengthSquared = dx * dx + dy * dy;
      if (lengthSquared === 0) continue;
      const along = Math.max(0, Math.min(1, ((pointer.x - a.x) * dx + (pointer.y - a.y) * dy) / lengthSquared));
      const x = a.x + along * dx;
      const y = a.y + along * dy;
      const distance = Math.hypot(x - pointer.x, y - pointer.y);
      if (distance < bestDistance) {
        bestDistance = distance;
        const { lng, lat } = context.unproject(x, y);
        best = [lng, lat];
      }
    }
    return best;
  };
}

/** terra-draw's default coordinatePrecision. */
const DRAW_DECIMALS = 9;

function withDrawPrecision(geometry: EditableGeometry): EditableGeometry {
  const round = (value: unknown): unknown => (Array.isArray(value) ? value.map(round) : typeof value === 'number' ? Number(value.toFixed(DRAW_DECIMALS)) : value);
  return { type: geometry.type, coordinates: round(geometry.coordinates) } as EditableGeometry;
}

function isEditable(geometry: Geometry): geometry is EditableGeometry {
  return geometry.type === 'Point' || geometry.type === 'LineString' || geometry.type === 'Polygon';
}

/** terra-draw geometries are plain GeoJSON; copy so later store changes cannot reach the app's data. */
function stripToGeometry(geometry: EditableGeometry): EditableGeometry {
  return JSON.parse(JSON.stringify({ type: geometry.type, coordinates: geometry.coordinates })) as EditableGeometry;
}
