// 地图图片（PNG）: exports the map as it is shown — basemap, plan layers,
// analysis and comparison overlays, the same extent — on a print sheet with
// title, legend, 示意 note, north arrow, scale bar, attributions, scenario,
// date and coordinate system, at screen or A4/A3 paper sizes.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { classKeysOf, layerDefinition } from '../domain/layers';
import { BASELINE_SCENARIO_ID } from '../domain/scenario';
import type { MessageKey } from '../i18n/dictionary';
import { allFeatures } from '../domain/dataset';
import { withPngDpi } from '../io/pngDpi';
import {
  PRINT_PRESETS,
  localDateString,
  paperPixels,
  pngFileName,
  presetById,
  presetId,
  sheetLayout,
  type PrintPreset,
} from '../io/printLayout';
import { captureMap, CaptureError } from '../map/captureMap';
import { mainMap } from '../map/mainMap';
import { LABEL_FONT_FAMILY } from '../map/planLayers';
import { canvasToPng, composeSheet, legendData, legendShape, type SheetText } from '../map/printSheet';
import { legendExtras } from './layers/legendExtras';
import { isClassShown } from '../state/viewState';
import { inLanguage } from '../i18n/text';
import { useActiveBasemaps, useAttributions } from './basemaps';
import { analysisHeadline } from './analyses';
import { targetGapNoteFor } from '../state/analysisSpec';
import { useAnalysis, useAppContext, useDataset, useScenario, useTranslate, useView } from './context';
import './pngExportDialog.css';

type Phase =
  | { state: 'idle' }
  | { state: 'working'; step: MessageKey; values?: Record<string, string | number> }
  | { state: 'done'; fileName: string; width: number; height: number; layout: string; bounds: string }
  | { state: 'error'; message: string };

/**
 * The size offered first: the planner's last choice, else screen 2× — sharp on
 * a projector and quick, where A3 300 dpi takes minutes without a graphics card.
 */
const PRESET_STORAGE_KEY = 'zmd.pngPreset';
const DEFAULT_PRESET = 'screen-2x';

function rememberedPreset(): string {
  try {
    const stored = localStorage.getItem(PRESET_STORAGE_KEY);
    return stored && presetById(stored) ? stored : DEFAULT_PRESET;
  } catch {
    return DEFAULT_PRESET; // storage blocked: the default is fine
  }
}

function rememberPreset(id: string) {
  try {
    localStorage.setItem(PRESET_STORAGE_KEY, id);
  } catch {
    // storage blocked or full: the choice is only a convenience
  }
}

function downloadBytes(fileName: string, bytes: Uint8Array) {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/png' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Large files: give the browser time to start reading the blob before it goes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function PngExportDialog({ onClose }: { onClose: () => void }) {
  const t = useTranslate();
  const ids = useId();
  const language = useView((state) => state.language);
  const { townships, base } = useAppContext();
  const analysisShown = useAnalysis((state) => state.enabled);
  const analysisResult = useAnalysis((state) => state.result);
  const computedWith = useAnalysis((state) => state.computedWith);
  const importedTargets = useAnalysis((state) => state.importedTargets);
  const hiddenLayers = useView((state) => state.hiddenLayers);
  const hiddenClasses = useView((state) => state.hiddenClasses);
  const dataset = useDataset();
  // The sheet credits what the map shows: the plan data's sources and the active basemaps'.
  const { sheetLines } = useAttributions();
  // Tiles the map could not read (a server without CORS, or down) are missing from the capture too: say so, and offer the export without them.
  const drawnBasemaps = useActiveBasemaps();
  const failures = useView((state) => state.basemapFailures);
  const setBasemapSettings = useView((state) => state.setBasemapSettings);
  const failing = drawnBasemaps.filter((source) => failures[source.id] !== undefined);
  const currentId = useScenario((state) => state.currentId);
  const scenarios = useScenario((state) => state.scenarios);
  const scenarioName =
    currentId === BASELINE_SCENARIO_ID ? t('scenarioBaseline') : (scenarios.find((scenario) => scenario.id === currentId)?.name ?? t('scenarioBaseline'));
  const [title, setTitle] = useState(scenarioName);
  const [choice, setChoice] = useState(rememberedPreset);
  const [phase, setPhase] = useState<Phase>({ state: 'idle' });
  const dialogRef = useRef<HTMLDialogElement>(null);
  const busy = phase.state === 'working';

  const visibleFeatures = useMemo(
    () => allFeatures(dataset).filter((feature) => isClassShown({ hiddenLayers, hiddenClasses }, feature.properties.layer, classKeysOf(feature.properties))),
    [dataset, hiddenLayers, hiddenClasses],
  );

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const screenMapSize = () => {
    const container = mainMap()?.getContainer();
    return { width: container?.clientWidth ?? 0, height: container?.clientHeight ?? 0 };
  };

  const sizeLabel = (preset: PrintPreset) => {
    if (preset.kind === 'paper') {
      const pixels = paperPixels(preset.paper, preset.dpi);
      return t('pngSizePaper', { paper: preset.paper, dpi: preset.dpi, width: pixels.width, height: pixels.height });
    }
    const map = screenMapSize();
    return t('pngSizeScreen', { ratio: preset.ratio, width: map.width * preset.ratio, height: map.height * preset.ratio });
  };

  // The analysis on the map, in words: its headline, and the counties its targets do not describe.
  const analysisFacts = (): string[] => {
    if (!analysisShown || !analysisResult || !computedWith) return [];
    const headline = t('pngFactAnalysis', { headline: analysisHeadline(analysisResult, t, language).text });
    const gaps = targetGapNoteFor({ dataset, townships, imported: importedTargets }, computedWith.spec, base.counties);
    return gaps ? [headline, gaps[language]] : [headline];
  };

  const run = async () => {
    const preset = presetById(choice);
    const map = mainMap();
    if (!preset || !map) {
      setPhase({ state: 'error', message: t('pngNoMap') });
      return;
    }
    try {
      const now = new Date();
      const legend = legendData(visibleFeatures, legendExtras(dataset.imported ?? [], hiddenLayers, analysisShown ? analysisResult : null, language, t));
      const layout = sheetLayout(preset, legendShape(legend), screenMapSize());
      setPhase({ state: 'working', step: 'pngRendering', values: { width: layout.mapFrame.width, height: layout.mapFrame.height } });
      const capture = await captureMap(map, { cssWidth: layout.mapCss.width, cssHeight: layout.mapCss.height, pixelRatio: layout.mapPixelRatio });
      setPhase({ state: 'working', step: 'pngComposing' });
      // The sheet's font is the map's local CJK font; make sure it is ready before drawing text.
      await document.fonts.load(`16px ${LABEL_FONT_FAMILY}`, '驻马店 Zhumadian');
      const date = localDateString(now);
      const text: SheetText = {
        title: title.trim() || scenarioName,
        subtitle: t('pngSheetSubtitle'),
        legendHeading: t('legendHeading'),
        layerTitle: (layer) => t(layerDefinition(layer).title),
        classTitle: (style) => t(style.title),
        legendSolid: t('legendSolid'),
        legendSchematic: t('legendSchematic'),
        emptyLegend: t('pngLegendEmpty'),
        schematicNote: t('pngSchematicNote'),
        north: t('pngNorth'),
        scaleHeading: t('pngScaleHeading'),
        scaleCaption: (latitude, ratio) =>
          ratio && preset.kind === 'paper'
            ? t('pngScaleCaptionPaper', { latitude, ratio, paper: preset.paper })
            : t('pngScaleCaption', { latitude }),
        attributions: sheetLines.map((line) => inLanguage(line, language)),
        facts: [t('pngFactScenario', { name: scenarioName }), t('pngFactDate', { date }), t('pngFactCrs'), ...analysisFacts()],
      };
      const sheet = composeSheet(layout, capture, legend, text, preset.kind === 'paper' ? preset.dpi : null);
      setPhase({ state: 'working', step: 'pngEncoding' });
      const bytes = withPngDpi(await canvasToPng(sheet), layout.dpi);
      const fileName = pngFileName({ scenarioName, preset, date: now, language });
      downloadBytes(fileName, bytes);
      setPhase({
        state: 'done',
        fileName,
        width: layout.width,
        height: layout.height,
        // Where things are on the sheet and what the frame shows: read by the browser test.
        layout: JSON.stringify({
          frame: layout.mapFrame,
          legend: layout.legendBox,
          scaleBar: layout.scaleBarBox,
          northArrow: layout.northArrowBox,
          title: layout.titleBand,
          note: layout.noteBox,
        }),
        bounds: capture.bounds.join(','),
      });
    } catch (error) {
      const message =
        error instanceof CaptureError ? inLanguage(error.text, language) : error instanceof Error ? error.message : String(error);
      setPhase({ state: 'error', message });
    }
  };

  return (
    <dialog
      ref={dialogRef}
      className={`png-export${busy ? ' busy' : ''}`}
      aria-labelledby={`${ids}-heading`}
      aria-busy={busy}
      data-testid="png-export-dialog"
      onCancel={(event) => {
        // Esc closes, except while the map is being rendered at print size.
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      <h2 id={`${ids}-heading`}>{t('pngHeading')}</h2>
      <label className="png-field">
        <span>{t('pngTitleLabel')}</span>
        <input type="text" value={title} maxLength={120} disabled={busy} onChange={(event) => setTitle(event.currentTarget.value)} data-testid="png-title" />
      </label>
      <fieldset className="png-sizes" disabled={busy}>
        <legend>{t('pngSizeLabel')}</legend>
        {PRINT_PRESETS.map((preset) => {
          const id = presetId(preset);
          return (
            <label key={id}>
              <input
                type="radio"
                name={`${ids}-size`}
                value={id}
                checked={choice === id}
                onChange={() => {
                  setChoice(id);
                  rememberPreset(id);
                }}
                data-testid={`png-size-${id}`}
              />
              {sizeLabel(preset)}
            </label>
          );
        })}
      </fieldset>
      <p className="png-hint">{t('pngHint')}</p>
      {failing.length > 0 && (
        <div className="png-basemap-warning" role="alert" data-testid="png-basemap-warning">
          <p>{t('pngBasemapTilesMissing', { names: failing.map((source) => inLanguage(source.title, language)).join('、') })}</p>
          <button type="button" disabled={busy} onClick={() => failing.forEach((source) => setBasemapSettings(source.id, { visible: false }))} data-testid="png-without-failing">
            {t('pngWithoutFailingBasemaps')}
          </button>
        </div>
      )}
      <p
        className={`png-status png-${phase.state}`}
        role={phase.state === 'error' ? 'alert' : 'status'}
        data-testid="png-status"
        data-state={phase.state}
        data-file-name={phase.state === 'done' ? phase.fileName : undefined}
        data-sheet={phase.state === 'done' ? `${phase.width},${phase.height}` : undefined}
        data-layout={phase.state === 'done' ? phase.layout : undefined}
        data-bounds={phase.state === 'done' ? phase.bounds : undefined}
      >
        {phase.state === 'working' && (
          <>
            <span className="png-spinner" aria-hidden="true" />
            {t(phase.step, phase.values)}
          </>
        )}
        {phase.state === 'done' && t('pngDone', { name: phase.fileName, width: phase.width, height: phase.height })}
        {phase.state === 'error' && t('pngError', { message: phase.message })}
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={onClose} disabled={busy} data-testid="png-close">
          {t('pngClose')}
        </button>
        <button type="button" className="primary" onClick={() => void run()} disabled={busy} data-testid="png-export">
          {t('pngExport')}
        </button>
      </div>
    </dialog>
  );
}
