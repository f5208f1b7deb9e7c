// The map adapter: MapLibre draws the offline basemap, deck.gl (interleaved
// MapLibreOverlay, one WebGL context) draws the plan layers. React state in,
// clicks out; nothing else in the app touches MapLibre or deck.gl, except the
// compare maps, which borrow secondary instances (onMapReady) to sync cameras.
// deck.gl loads once the basemap has drawn, and terra-draw on the first edit
// action (deckRuntime.ts, drawController.ts): the first map waits for neither.
import type { Layer } from '@deck.gl/core';
import type { MapLibreOverlay } from '@deck.gl/maplibre';
import * as maplibregl from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FeatureCollection, Geometry, Point, Position } from 'geojson';
import type { BBox2D } from '../domain/geometry';
import type { PlanFeature } from '../domain/plan';
import { translate, type Language } from '../i18n/dictionary';
import type { ContextCollection, CountyCollection } from '../domain/dataset';
import { zoomRangeOf, type BasemapSource } from '../domain/basemap';
import { displayDatumOf, displayFeatures, type DisplayDatum } from '../domain/displayDatum';
import { displayLayers } from './displayLayers';
import { appStyle } from './appStyle';
import { IMPORTED_LABEL_SOURCE_ID } from './importedLayers';
import { BASEMAP_ID_PREFIX, basemapStyleParts, LiveBasemap } from './basemap/liveBasemap';
import type { BasemapKeys } from './basemap/kind';
import { registerPackageProtocol } from './basemap/packageProtocol';
import { positionsOf } from '../domain/validation';
import { setMainMap, mainMap } from './mainMap';
import type { DrawController, DrawTool, EditableGeometry, SnapCandidates } from './drawController';
import { loadDeck } from './deckRuntime';
import { useSketch } from '../state/sketchState';
import {
  type DrawnFeature,
  buildPlanLayers,
  LABEL_FONT_FAMILY,
  PLAN_LABEL_LAYER_ID,
  PLAN_LABEL_SOURCE_ID,
  planLabels,
  STACK_BADGE_LAYER_ID,
  STACK_BADGE_SOURCE_ID,
  stackBadgeFeatures,
  toDrawnFeatures,
} from './planLayers';

maplibregl.setWorkerUrl(maplibreWorkerUrl);
// Offline tile packages kept in this browser are served through their own protocol.
registerPackageProtocol();

/** Where a map opens, when not on the whole city. */
export interface MapCamera {
  center: [number, number];
  zoom: number;
  bearing?: number;
  pitch?: number;
}

export interface MapViewProps {
  /**
   * 'main' (the default) is the app's one editable map: it registers as the
   * main map and owns the drawing tools. A 'secondary' map (the compare maps)
   * only shows what it is given: no registration, no drawing, no click editing.
   */
  role?: 'main' | 'secondary';
  /** The camera a secondary map opens with (the main map fits the city). */
  initialCamera?: MapCamera;
  /** Called once the map has loaded (with its overlay), so a parent can follow or drive its camera. */
  onMapReady?: (map: maplibregl.Map) => void;
  /** The container's data-testid: the browser tests find the main map as "map". */
  testId?: string;
  counties: CountyCollection;
  context: ContextCollection;
  /** The basemap records to draw, bottom to top (domain/basemap.ts activeBasemaps). */
  basemaps: readonly BasemapSource[];
  /** Keys for key-protected tile services, kept in this browser only. */
  basemapKeys?: BasemapKeys;
  cityBounds: BBox2D;
  visibleFeatures: readonly PlanFeature[];
  /** Drawn beneath the plan symbols (analysis results). */
  underlayLayers: readonly Layer[];
  /** Labels of imported layers (points with `text`), drawn with the local CJK font. */
  importedLabels?: FeatureCollection<Point, { text: string }>;
  selectedId?: string | null;
  language: Language;
  ariaLabel: string;
  attribution: string;
  /** The features under a click, topmost first; empty when the click hit none. (Main map only.) */
  onSelect?: (featureIds: string[]) => void;
  onError: (message: string) => void;
  /** Tiles of a basemap record failed to load (its record id and the error). */
  onBasemapError?: (recordId: string, message: string) => void;
  /** Editing (main map only): the active tool, and the selected feature when it may be reshaped. */
  tool?: DrawTool;
  editableSelection?: { id: string; geometry: Geometry } | null;
  /** Set while an unlocated feature waits for the click that places it. */
  placing?: boolean;
  onCreated?: (geometry: EditableGeometry) => void;
  onEdited?: (featureId: string, geometry: EditableGeometry) => void;
  onPlace?: (lngLat: [number, number]) => void;
}

/** Read by the browser tests (and handy in the console): the live map once it is ready. */
declare global {
  interface Window {
    __zmdMap?: maplibregl.Map;
  }
}

const fitOptions = { padding: 24, animate: false } as const;
/** The performance mark set when the main map's basemap has first drawn. */
export const FIRST_MAP_MARK = 'zmd:first-map';
const NO_SNAP_CANDIDATES: SnapCandidates = { vertices: [], segments: [] };
/** The MapLibre layer deck.gl creates for layers with beforeId PLAN_LABEL_LAYER_ID. */
const DECK_LAYER_GROUP_ID = `deck-maplibre-layer-group-before:${PLAN_LABEL_LAYER_ID}`;

const CONTROL_LOCALE: Record<Language, Record<string, string>> = {
  zh: { 'NavigationControl.ZoomIn': '放大', 'NavigationControl.ZoomOut': '缩小', 'AttributionControl.ToggleAttribution': '显示或隐藏版权信息' },
  en: { 'NavigationControl.ZoomIn': 'Zoom in', 'NavigationControl.ZoomOut': 'Zoom out', 'AttributionControl.ToggleAttribution': 'Toggle attribution' },
};

export function MapView(props: MapViewProps) {
  const { counties, context, basemaps, basemapKeys, cityBounds, visibleFeatures, underlayLayers, selectedId = null, language, ariaLabel, attribution } = props;
  const { role = 'main', testId = 'map', importedLabels } = props;
  const isMain = role === 'main';
  // The datum the basemap is drawn in: on a GCJ-02 basemap everything the app draws is shifted for display
  // (deck.gl layers, plan labels and badges, the bundled county lines); the data stays WGS84.
  const datum: DisplayDatum = displayDatumOf(basemaps);
  // Drawing and placing are paused on a shifted map (the app says so): a gesture there would be in GCJ-02.
  const paused = datum !== 'wgs84';
  const tool: DrawTool = paused ? 'browse' : (props.tool ?? 'browse');
  const placing = !paused && (props.placing ?? false);
  const editableSelection = paused ? null : (props.editableSelection ?? null);
  const pausedRef = useRef(paused);
  pausedRef.current = paused;
  const shownCounties = displayFeatures(counties, datum);
  const shownContext = displayFeatures(context, datum);
  const containerRef = useRef<HTMLDivElement>(null);
  // Set once the style has loaded and the deck overlay is attached.
  const [loaded, setLoaded] = useState<{ map: maplibregl.Map; overlay: MapLibreOverlay } | null>(null);
  // Map event handlers are bound once; they read the latest props through this ref.
  const propsRef = useRef(props);
  propsRef.current = props;
  const drawRef = useRef<DrawController | null>(null);
  // The drawing tools, once their code has loaded (first edit action); drawRef is the same, for the click handler.
  const [draw, setDraw] = useState<DrawController | null>(null);
  const basemapRef = useRef<LiveBasemap | null>(null);
  // Set when the map is removed on unmount: the effects' own cleanups run after that
  // (in declaration order) and must not touch controls the removal already took away.
  const removedRef = useRef(false);

  // The feature being reshaped is drawn by terra-draw only, not twice.
  const editingId = tool === 'select' ? (editableSelection?.id ?? null) : null;
  const drawn = useMemo(
    () => toDrawnFeatures(editingId ? visibleFeatures.filter((feature) => feature.properties.id !== editingId) : visibleFeatures),
    [visibleFeatures, editingId],
  );
  // Only the editing tools snap: browsing never pays for collecting every vertex and edge.
  const snapCandidates = useMemo<SnapCandidates>(
    () =>
      tool === 'browse'
        ? NO_SNAP_CANDIDATES
        : {
            vertices: drawn.flatMap((item) => positionsOf(item.feature.geometry)),
            segments: drawn.flatMap((item) => segmentsOf(item.feature.geometry)),
          },
    [drawn, tool],
  );
  const snapRef = useRef(snapCandidates);
  snapRef.current = snapCandidates;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const [west, south, east, north] = cityBounds;
    const margin = 1.5;
    removedRef.current = false;
    const camera = props.initialCamera;
    const basemap = new LiveBasemap(basemapStyleParts(basemaps, { counties: shownCounties, context: shownContext, language, keys: basemapKeys }));
    basemapRef.current = basemap;
    const map = new maplibregl.Map({
      container,
      style: basemap.styleWith(appStyle()),
      ...(camera
        ? { center: camera.center, zoom: camera.zoom, bearing: camera.bearing ?? 0, pitch: camera.pitch ?? 0 }
        : { bounds: [west, south, east, north] as [number, number, number, number], fitBoundsOptions: fitOptions }),
      maxBounds: [west - margin * 2, south - margin, east + margin * 2, north + margin],
      ...zoomRangeOf(basemaps),
      attributionControl: false,
      localIdeographFontFamily: LABEL_FONT_FAMILY,
      locale: CONTROL_LOCALE[language],
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
      dragRotate: false,
      pitchWithRotate: false,
    });
    map.touchZoomRotate.disableRotation();
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-right');
    map.on('error', (event) => {
      const message = event.error?.message ?? String(event);
      // A basemap source's tiles that fail (server down, or no CORS, so the map cannot read them)
      // are that record's problem, said beside it and in the PNG dialog, not the map's.
      const sourceId = (event as { sourceId?: unknown }).sourceId;
      if (typeof sourceId === 'string' && sourceId.startsWith(BASEMAP_ID_PREFIX)) {
        const recordId = sourceId.slice(BASEMAP_ID_PREFIX.length, sourceId.lastIndexOf(':'));
        if (propsRef.current.onBasemapError) return propsRef.current.onBasemapError(recordId, message);
      }
      propsRef.current.onError(message);
    });
    // Set once deck.gl has loaded and its overlay is attached.
    let overlay: MapLibreOverlay | null = null;
    let removed = false;
    map.once('load', () => {
      // A secondary map shows a scenario that may not be the current one: a click there
      // neither edits nor selects (the details panel reads the current scenario).
      if (isMain) {
        map.on('click', (event) => {
          const current = propsRef.current;
          const currentTool = pausedRef.current ? 'browse' : (current.tool ?? 'browse');
          if (current.placing && !pausedRef.current) {
            current.onPlace?.([event.lngLat.lng, event.lngLat.lat]);
            return;
          }
          // Drawing tools own the click; browse and select pick features.
          if (currentTool !== 'browse' && currentTool !== 'select') return;
          // Everything under the cursor, topmost first: several plan features often
          // share a county seat, and the planner must be able to reach each of them.
          const picked = overlay?.pickMultipleObjects({ x: event.point.x, y: event.point.y, radius: 4, depth: 24 }) ?? [];
          // Schematic zone rings are large and translucent: whatever small symbol lies
          // under the cursor inside one is what the planner is pointing at, so zones go last.
          const ordered = [...picked].sort((a, b) => Number(a.layer?.id === 'plan-zones') - Number(b.layer?.id === 'plan-zones'));
          // Plan symbols carry a DrawnFeature; imported layers carry their GeoJSON feature.
          // A stack badge (a MapLibre symbol) stands for every feature on its spot.
          const badged = map
            .queryRenderedFeatures(event.point, { layers: [STACK_BADGE_LAYER_ID] })
            .flatMap((badge) => JSON.parse(String(badge.properties.stackIds ?? '[]')) as string[]);
          const underCursor = ordered.flatMap((info) => {
            const object = info.object as (Partial<DrawnFeature> & { properties?: { id?: unknown } }) | undefined;
            const id = object?.feature?.properties.id ?? object?.properties?.id;
            return id === undefined ? [] : [String(id)];
          });
          const ids = [...badged, ...underCursor].filter((id): id is string => !!id);
          // In the select tool a click on the shape being reshaped belongs to terra-draw.
          if (currentTool === 'select' && ids.length === 0 && drawRef.current?.editing) return;
          current.onSelect?.([...new Set(ids)]);
        });
        window.__zmdMap = map;
        setMainMap(map);
      }
      // The basemap has drawn (MapLibre fires 'load' after its first frame): the first map, marked
      // for the start-up measurement (tests/browser/scale.e2e.ts). The plan symbols follow with deck.gl.
      container.dataset.basemapDrawn = 'true';
      if (isMain) performance.mark(FIRST_MAP_MARK);
      // The main map also fetches the drawing tools and the drawn-shape checks before it says it is
      // ready: none is on the start-up path, and a click right after picking a tool must not be lost
      // while terra-draw is still loading.
      const editingCode = isMain ? Promise.all([import('./drawController'), import('../domain/drawnGeometry')]) : Promise.resolve();
      Promise.all([loadDeck(), editingCode.catch(() => undefined)]).then(
        ([deck]) => {
          if (removed) return;
          // Added after load: before it, the overlay's layer order is silently lost.
          overlay = new deck.MapLibreOverlay({ interleaved: true, layers: [] });
          map.addControl(overlay);
          container.dataset.mapLoaded = 'true';
          setLoaded({ map, overlay });
          propsRef.current.onMapReady?.(map);
        },
        () => {
          if (!removed) propsRef.current.onError(translate(propsRef.current.language, 'partLoadFailed', { part: translate(propsRef.current.language, 'partPlanLayers') }));
        },
      );
    });
    return () => {
      removed = true;
      setLoaded(null);
      drawRef.current?.destroy();
      drawRef.current = null;
      // Only the map that registered unregisters: a secondary map closing must not take the main one away.
      if (isMain) {
        delete window.__zmdMap;
        setMainMap(null);
      }
      removedRef.current = true;
      map.remove();
    };
    // The map is created once; data changes reach it through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!loaded) return;
    const layers = displayLayers([...underlayLayers, ...buildPlanLayers({ drawn, selectedId })], datum);
    loaded.overlay.setProps({ layers });
    // deck.gl inserts its layer group into the MapLibre style only while the
    // style reports "loaded"; terra-draw's sources can make it briefly not so,
    // and the insertion is then skipped for good. Re-check whenever idle.
    const ensureInserted = () => {
      if (!loaded.map.getLayer(DECK_LAYER_GROUP_ID)) loaded.overlay.setProps({ layers });
    };
    loaded.map.on('idle', ensureInserted);
    if (containerRef.current) {
      containerRef.current.dataset.drawnFeatures = String(drawn.length);
      containerRef.current.dataset.underlayLayers = underlayLayers.map((layer) => layer.id).join(' ');
      containerRef.current.dataset.datum = datum;
    }
    return () => {
      loaded.map.off('idle', ensureInserted);
    };
  }, [loaded, drawn, selectedId, underlayLayers, datum]);

  useEffect(() => {
    if (!loaded) return;
    loaded.map.getSource<maplibregl.GeoJSONSource>(PLAN_LABEL_SOURCE_ID)?.setData(displayFeatures(planLabels(drawn, language), datum));
    loaded.map.getSource<maplibregl.GeoJSONSource>(STACK_BADGE_SOURCE_ID)?.setData(displayFeatures(stackBadgeFeatures(drawn), datum));
  }, [loaded, drawn, language, datum]);

  useEffect(() => {
    if (!loaded) return;
    loaded.map.getSource<maplibregl.GeoJSONSource>(IMPORTED_LABEL_SOURCE_ID)?.setData(displayFeatures(importedLabels ?? { type: 'FeatureCollection', features: [] }, datum));
    if (containerRef.current) containerRef.current.dataset.importedLabels = String(importedLabels?.features.length ?? 0);
  }, [loaded, importedLabels, datum]);

  useEffect(() => {
    if (!loaded) return;
    // Controls read their tooltips and accessible names when added, so they are
    // re-added in the interface language whenever it changes.
    Object.assign(loaded.map._locale, CONTROL_LOCALE[language]);
    const controls = [
      new maplibregl.NavigationControl({ showCompass: false }),
      new maplibregl.AttributionControl({ compact: false, customAttribution: attribution }),
    ];
    loaded.map.addControl(controls[0]!, 'top-right');
    loaded.map.addControl(controls[1]!, 'bottom-right');
    return () => {
      if (removedRef.current) return;
      for (const control of controls) loaded.map.removeControl(control);
    };
  }, [loaded, language, attribution]);

  // A basemap switch (or a language switch, for the basemap's names) changes only the
  // basemap's own sources and layers: the drawing tools and deck.gl's layers stay as they are.
  useEffect(() => {
    if (!loaded || !basemapRef.current) return;
    basemapRef.current.update(loaded.map, basemapStyleParts(basemaps, { counties: shownCounties, context: shownContext, language, keys: basemapKeys }));
    const { minZoom, maxZoom } = zoomRangeOf(basemaps);
    loaded.map.setMinZoom(minZoom);
    loaded.map.setMaxZoom(maxZoom);
    if (containerRef.current) containerRef.current.dataset.basemaps = basemaps.map((source) => source.id).join(' ');
  }, [loaded, basemaps, basemapKeys, shownCounties, shownContext, language]);

  // terra-draw starts after deck.gl's overlay, so the overlay keeps its layer order.
  useEffect(() => {
    // Started as soon as the map is ready (its code was fetched before): a click right after picking a
    // tool must find terra-draw listening, not still being set up.
    if (!loaded || !isMain || drawRef.current) return;
    let cancelled = false;
    import('./drawController').then(
      ({ DrawController }) => {
        if (cancelled || drawRef.current || removedRef.current) return;
        drawRef.current = new DrawController(loaded.map, {
          onCreated: (geometry) => propsRef.current.onCreated?.(geometry),
          onEdited: (id, geometry) => propsRef.current.onEdited?.(id, geometry),
          snapCandidates: () => snapRef.current,
          onSketch: (sketch) => useSketch.getState().setSketch(sketch),
        });
        setDraw(drawRef.current);
      },
      () => {
        if (!cancelled) propsRef.current.onError(translate(propsRef.current.language, 'partLoadFailed', { part: translate(propsRef.current.language, 'partDrawing') }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [loaded, isMain]);

  useEffect(() => {
    if (!loaded) return;
    draw?.setTool(tool);
    loaded.map.getCanvas().style.cursor = placing || (tool !== 'browse' && tool !== 'select') ? 'crosshair' : '';
    if (containerRef.current) containerRef.current.dataset.tool = placing ? 'placing' : tool;
  }, [loaded, draw, tool, placing]);

  useEffect(() => {
    if (!loaded || !draw || tool !== 'select') return;
    draw.editFeature(editableSelection?.id ?? null, editableSelection?.geometry ?? null);
    return () => {
      // After the map's own cleanup the controller is gone (drawRef cleared): nothing to stop.
      if (drawRef.current === draw) draw.editFeature(null, null);
    };
  }, [loaded, draw, tool, editableSelection]);

  return <div ref={containerRef} className="map" role="region" aria-label={ariaLabel} data-testid={testId} data-map-role={role} />;
}

export function fitCity(bounds: BBox2D) {
  mainMap()?.fitBounds(bounds, { padding: 24, duration: 600 });
}

/** The edges of a line or of a polygon's rings, for edge snapping. */
function segmentsOf(geometry: Geometry | null): [Position, Position][] {
  const pairs = (line: Position[]) => line.slice(1).map((to, index): [Position, Position] => [line[index]!, to]);
  if (!geometry) return [];
  if (geometry.type === 'LineString') return pairs(geometry.coordinates);
  if (geometry.type === 'Polygon') return geometry.coordinates.flatMap(pairs);
  return [];
}
