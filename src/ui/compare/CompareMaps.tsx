// Two scenarios on two maps over the map area, for presenting a comparison:
// a swipe (B stacked over A and clipped to the right of a draggable divider)
// or two maps side by side. Both maps are read-only secondary MapViews whose
// cameras follow each other; they open where the main map is, and the main
// map takes their camera when they close.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { MapNotes } from '../MapNotes';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { bboxOf } from '../../domain/geometry';
import { classKeysOf } from '../../domain/layers';
import { BASELINE_SCENARIO_ID, type Scenario } from '../../domain/scenario';
import { allFeatures } from '../../domain/dataset';
import { buildImportedLayers } from '../../map/importedLayers';
import { useDeckReady } from '../../map/deckRuntime';
import { mainMap } from '../../map/mainMap';
import { MapView, type MapCamera } from '../../map/MapView';
import { datasetOf } from '../../state/scenarioDataset';
import { isClassShown, type CompareMapsMode } from '../../state/viewState';
import { useActiveBasemaps, useAttributions } from '../basemaps';
import { useAppContext, useTranslate, useView } from '../context';
import { cameraOf, syncCameras } from './syncCameras';
import './compareMaps.css';

/** Read by the browser tests: the two compare maps while they are open. */
declare global {
  interface Window {
    __zmdCompareMaps?: { a: MapLibreMap; b: MapLibreMap };
  }
}

export interface CompareMapsProps {
  a: Scenario;
  b: Scenario;
  mode: CompareMapsMode;
  onClose: () => void;
  /** Told when the toolbar switches the mode (so a store can follow); the view switches either way. */
  onModeChange?: (mode: CompareMapsMode) => void;
}

/** Divider steps for the arrow keys, in percent of the width (Shift: a big step). */
const KEY_STEP = 2;
const KEY_BIG_STEP = 10;

const clampPercent = (value: number) => Math.min(100, Math.max(0, value));

/** One scenario's plan features as the main map would show them (same layer and class switches). */
function useScenarioLayers(scenario: Scenario) {
  const { base } = useAppContext();
  const hiddenLayers = useView((state) => state.hiddenLayers);
  const hiddenClasses = useView((state) => state.hiddenClasses);
  const dataset = datasetOf(scenario, base);
  const visibleFeatures = useMemo(
    () =>
      allFeatures(dataset).filter((feature) =>
        isClassShown({ hiddenLayers, hiddenClasses }, feature.properties.layer, classKeysOf(feature.properties)),
      ),
    [dataset, hiddenLayers, hiddenClasses],
  );
  const deckReady = useDeckReady();
  const underlayLayers = useMemo(() => (deckReady ? buildImportedLayers(dataset.imported ?? [], hiddenLayers) : []), [deckReady, dataset.imported, hiddenLayers]);
  return { visibleFeatures, underlayLayers };
}

export function CompareMaps(props: CompareMapsProps) {
  const { a, b, onClose, onModeChange } = props;
  const t = useTranslate();
  const language = useView((state) => state.language);
  const { base } = useAppContext();
  // The compare maps draw the same basemap as the main map.
  const basemaps = useActiveBasemaps();
  const basemapKeys = useView((state) => state.basemapKeys);
  const setBasemapFailure = useView((state) => state.setBasemapFailure);
  const attributions = useAttributions();
  const [mode, setMode] = useState<CompareMapsMode>(props.mode);
  useEffect(() => setMode(props.mode), [props.mode]);
  const [dividerPercent, setDividerPercent] = useState(50);
  const [maps, setMaps] = useState<{ a: MapLibreMap | null; b: MapLibreMap | null }>({ a: null, b: null });
  const [mapError, setMapError] = useState<string | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  // The compare maps open on the main map's view; the latest shared camera goes back to it.
  const [initialCamera] = useState<MapCamera | undefined>(() => {
    const main = mainMap();
    return main ? cameraOf(main) : undefined;
  });
  const lastCameraRef = useRef<MapCamera | undefined>(initialCamera);

  const cityBounds = useMemo(
    () => bboxOf({ type: 'FeatureCollection', features: base.context.features.filter((feature) => feature.properties.role === 'focus') }),
    [base],
  );
  const layersA = useScenarioLayers(a);
  const layersB = useScenarioLayers(b);
  const nameOf = (scenario: Scenario) => (scenario.id === BASELINE_SCENARIO_ID ? t('scenarioBaseline') : scenario.name);
  const nameA = nameOf(a);
  const nameB = nameOf(b);

  useEffect(() => {
    if (!maps.a || !maps.b) return;
    const pair = { a: maps.a, b: maps.b };
    pair.b.jumpTo(cameraOf(pair.a));
    const stopSync = syncCameras([pair.a, pair.b]);
    const remember = () => {
      lastCameraRef.current = cameraOf(pair.a);
    };
    pair.a.on('moveend', remember);
    window.__zmdCompareMaps = pair;
    return () => {
      stopSync();
      pair.a.off('moveend', remember);
      if (window.__zmdCompareMaps === pair) delete window.__zmdCompareMaps;
    };
  }, [maps]);

  // Opening moves focus into the comparison (Esc, arrows); closing hands the
  // camera to the main map and focus back to where it was.
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    rootRef.current?.focus({ preventScroll: true });
    return () => {
      const camera = lastCameraRef.current;
      if (camera) mainMap()?.jumpTo(camera);
      if (opener?.isConnected) opener.focus({ preventScroll: true });
    };
  }, []);

  // Esc closes from anywhere on the page (keys inside the comparison are handled below).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeRef.current();
    };
    addEventListener('keydown', onKeyDown);
    return () => removeEventListener('keydown', onKeyDown);
  }, []);

  const switchMode = (next: CompareMapsMode) => {
    setMode(next);
    onModeChange?.(next);
  };

  // Keys typed inside the comparison stay in it: the editing shortcuts act on the
  // main map, which is hidden underneath. Esc still closes.
  const onRootKeyDown = (event: ReactKeyboardEvent) => {
    event.stopPropagation();
    if (event.key === 'Escape') onClose();
  };

  const dividerFromPointer = (clientX: number) => {
    const box = rootRef.current?.getBoundingClientRect();
    if (!box || box.width === 0) return;
    setDividerPercent(clampPercent(((clientX - box.left) / box.width) * 100));
  };
  const onDividerPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus({ preventScroll: true });
    dividerFromPointer(event.clientX);
  };
  const onDividerPointerMove = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (event.currentTarget.hasPointerCapture(event.pointerId)) dividerFromPointer(event.clientX);
  };
  const onDividerKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? KEY_BIG_STEP : KEY_STEP;
    const next: Record<string, number> = { ArrowLeft: dividerPercent - step, ArrowRight: dividerPercent + step, Home: 0, End: 100 };
    if (!(event.key in next)) return;
    event.preventDefault();
    setDividerPercent(clampPercent(next[event.key]!));
  };

  const swipe = mode === 'swipe';
  const roundedPercent = Math.round(dividerPercent);
  const secondaryProps = {
    role: 'secondary' as const,
    initialCamera,
    counties: base.counties,
    context: base.context,
    basemaps,
    basemapKeys,
    cityBounds,
    language,
    attribution: attributions.mapLine[language],
    onError: setMapError,
    onBasemapError: setBasemapFailure,
  };

  return (
    <div
      ref={rootRef}
      className={`compare-maps compare-maps-${mode}`}
      role="region"
      aria-label={t('compareMapsLabel', { a: nameA, b: nameB })}
      tabIndex={-1}
      data-testid="compare-maps"
      data-mode={mode}
      data-divider-percent={swipe ? dividerPercent.toFixed(2) : undefined}
      onKeyDown={onRootKeyDown}
    >
      <header className="compare-maps-header">
        <p className="compare-maps-title compare-maps-title-a" data-testid="compare-title-a" title={nameA}>
          {`A: ${nameA}`}
        </p>
        <div className="compare-maps-toolbar" role="toolbar" aria-label={t('compareMapsToolbar')}>
          <button type="button" aria-pressed={swipe} onClick={() => switchMode('swipe')} data-testid="compare-maps-swipe">
            {t('compareMapsSwipe')}
          </button>
          <button type="button" aria-pressed={!swipe} onClick={() => switchMode('side-by-side')} data-testid="compare-maps-side-by-side">
            {t('compareMapsSideBySide')}
          </button>
          <button type="button" className="compare-maps-close" onClick={onClose} data-testid="compare-maps-close">
            {t('compareMapsClose')}
          </button>
        </div>
        <p className="compare-maps-title compare-maps-title-b" data-testid="compare-title-b" title={nameB}>
          {`B: ${nameB}`}
        </p>
      </header>

      <div className="compare-maps-pane compare-maps-pane-a" data-testid="compare-pane-a">
        <MapView
          {...secondaryProps}
          testId="compare-map-a"
          visibleFeatures={layersA.visibleFeatures}
          underlayLayers={layersA.underlayLayers}
          ariaLabel={t('compareMapsSideLabel', { side: 'A', name: nameA })}
          onMapReady={(map) => setMaps((current) => ({ ...current, a: map }))}
        />
      </div>
      <div
        className="compare-maps-pane compare-maps-pane-b"
        data-testid="compare-pane-b"
        style={swipe ? { clipPath: `inset(0 0 0 ${dividerPercent}%)` } : undefined}
      >
        <MapView
          {...secondaryProps}
          testId="compare-map-b"
          visibleFeatures={layersB.visibleFeatures}
          underlayLayers={layersB.underlayLayers}
          ariaLabel={t('compareMapsSideLabel', { side: 'B', name: nameB })}
          onMapReady={(map) => setMaps((current) => ({ ...current, b: map }))}
        />
      </div>

      {swipe ? (
        <div
          className="compare-maps-divider"
          role="separator"
          tabIndex={0}
          aria-orientation="vertical"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={roundedPercent}
          aria-valuetext={t('compareMapsDividerValue', { percent: roundedPercent })}
          aria-label={t('compareMapsDividerLabel')}
          title={t('compareMapsDividerHint')}
          data-testid="compare-divider"
          style={{ left: `${dividerPercent}%` }}
          onPointerDown={onDividerPointerDown}
          onPointerMove={onDividerPointerMove}
          onKeyDown={onDividerKeyDown}
        >
          <span className="compare-maps-knob" aria-hidden="true">
            ◂▸
          </span>
        </div>
      ) : (
        <div className="compare-maps-gutter" aria-hidden="true" />
      )}

      <MapNotes mapError={mapError} />
    </div>
  );
}
