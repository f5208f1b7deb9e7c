// 导出 / Export in the top bar: a small non-modal panel for handing data to
// other departments — GeoJSON of one layer or all layers (WGS84, or GCJ-02 for
// AMap users), a layer's attribute table as CSV, and the map as a PNG (a
// dialog the parent opens). Esc or a click elsewhere closes it and gives the
// focus back to the button. The files are built by pure code in src/io.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { CountyOption } from '../domain/attributeSchema';
import { countyNamesByAdcode } from '../domain/counties';
import type { Scenario, ScenarioLayer } from '../domain/scenario';
import type { Language } from '../i18n/dictionary';
import { layerAttributeCsv } from '../io/attributeCsvExport';
import { csvFileName, exportScenarioGeoJson, geoJsonFileName, serializeGeoJson, type ExportCrs } from '../io/geojsonExport';
import { useAppContext, useScenario, useTranslate, useView } from './context';
import { downloadText } from './download';
import './exportMenu.css';

const ALL_LAYERS = '';

/** Downloads one layer of a scenario as the attribute-table CSV; returns the file name. */
export function downloadLayerCsv(scenario: Scenario, layer: ScenarioLayer, counties: readonly CountyOption[], language: Language): string {
  const fileName = csvFileName({ scenarioName: scenario.name, layerTitle: layer.title[language], date: new Date(), language });
  downloadText(fileName, layerAttributeCsv(layer, counties, language), 'text/csv;charset=utf-8');
  return fileName;
}

/** Downloads one layer (or all, layerId null) of a scenario as GeoJSON; returns the file name. */
export function downloadScenarioGeoJson(scenario: Scenario, layerId: string | null, crs: ExportCrs, language: Language): string {
  const now = new Date();
  const layer = layerId === null ? null : scenario.layers.find((candidate) => candidate.id === layerId);
  const fileName = geoJsonFileName({ scenarioName: scenario.name, layerTitle: layer ? layer.title[language] : null, crs, date: now, language });
  downloadText(fileName, serializeGeoJson(exportScenarioGeoJson(scenario, layerId, { crs, exportedAt: now })), 'application/geo+json');
  return fileName;
}

/** The counties as the attribute table's choices (for CSV cell labels). */
export function useCountyOptions(): CountyOption[] {
  const { base } = useAppContext();
  return useMemo(() => [...countyNamesByAdcode(base.counties)].map(([adcode, name]) => ({ adcode, zh: name.zh, en: name.en })), [base.counties]);
}

export function ExportMenu({ onOpenPngExport }: { onOpenPngExport: () => void }) {
  const t = useTranslate();
  const language = useView((state) => state.language);
  const scenario = useScenario((state) => state.current());
  const counties = useCountyOptions();
  const [open, setOpen] = useState(false);
  const [geoLayer, setGeoLayer] = useState(ALL_LAYERS);
  const [crs, setCrs] = useState<ExportCrs>('wgs84');
  const [csvLayer, setCsvLayer] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const ids = useId();

  // A layer chosen in another scenario may not exist in this one: fall back to all / the first.
  const geoLayerId = scenario.layers.some((layer) => layer.id === geoLayer) ? geoLayer : ALL_LAYERS;
  const csvLayerObject = scenario.layers.find((layer) => layer.id === csvLayer) ?? scenario.layers[0];
  const chosenLayers = geoLayerId === ALL_LAYERS ? scenario.layers : scenario.layers.filter((layer) => layer.id === geoLayerId);
  const featureCount = chosenLayers.reduce((sum, layer) => sum + layer.features.length, 0);
  const unlocatedCount = chosenLayers.reduce((sum, layer) => sum + layer.features.filter((feature) => feature.geometry === null).length, 0);

  const close = (returnFocus: boolean) => {
    setOpen(false);
    setStatus(null);
    if (returnFocus) buttonRef.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    // The first choice, not the close button, is where a keyboard user wants to start.
    panelRef.current?.querySelector<HTMLElement>('select')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) close(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const withCount = (title: string, count: number) => (language === 'en' ? `${title} (${count})` : `${title}（${count}）`);
  const layerLabel = (layer: ScenarioLayer) => withCount(layer.title[language], layer.features.length);
  const layerOptions = scenario.layers.map((layer) => (
    <option key={layer.id} value={layer.id}>
      {layerLabel(layer)}
    </option>
  ));

  return (
    <div
      className="export-menu"
      ref={rootRef}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          // The map's own Esc (back to browsing) is not this key's business while the menu is open.
          event.preventDefault();
          event.stopPropagation();
          close(true);
        }
      }}
    >
      <button
        type="button"
        ref={buttonRef}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? `${ids}-panel` : undefined}
        data-testid="export-button"
        onClick={() => (open ? close(false) : setOpen(true))}
      >
        {t('exportButton')}
      </button>
      {open && (
        <div className="export-panel" role="dialog" aria-modal="false" aria-labelledby={`${ids}-heading`} id={`${ids}-panel`} ref={panelRef} data-testid="export-menu">
          <div className="export-panel-title">
            <h2 id={`${ids}-heading`}>{t('exportMenuHeading')}</h2>
            <button type="button" className="export-close" aria-label={t('exportClose')} onClick={() => close(true)}>
              ×
            </button>
          </div>

          <section className="export-section" aria-labelledby={`${ids}-geojson`}>
            <h3 id={`${ids}-geojson`}>{t('exportGeoJsonHeading')}</h3>
            <label className="export-field">
              <span>{t('exportLayerLabel')}</span>
              <select data-testid="export-geojson-layer" value={geoLayerId} onChange={(event) => setGeoLayer(event.target.value)}>
                <option value={ALL_LAYERS}>{withCount(t('exportAllLayers'), scenario.layers.reduce((sum, layer) => sum + layer.features.length, 0))}</option>
                {layerOptions}
              </select>
            </label>
            <p className="export-hint">{t('exportLayerCount', { count: featureCount, unlocated: unlocatedCount })}</p>
            <fieldset className="export-crs">
              <legend>{t('exportCrsLabel')}</legend>
              <label>
                <input type="radio" name={`${ids}-crs`} value="wgs84" checked={crs === 'wgs84'} onChange={() => setCrs('wgs84')} data-testid="export-crs-wgs84" />
                {t('exportCrsWgs84')}
              </label>
              <label>
                <input type="radio" name={`${ids}-crs`} value="gcj02" checked={crs === 'gcj02'} onChange={() => setCrs('gcj02')} data-testid="export-crs-gcj02" />
                {t('exportCrsGcj02')}
              </label>
              <p className={crs === 'gcj02' ? 'export-hint export-warning' : 'export-hint'}>{t('exportCrsGcj02Help')}</p>
            </fieldset>
            <button
              type="button"
              className="export-action"
              data-testid="export-geojson"
              onClick={() => setStatus(downloadScenarioGeoJson(scenario, geoLayerId === ALL_LAYERS ? null : geoLayerId, crs, language))}
            >
              {t('exportGeoJsonDownload')}
            </button>
          </section>

          <section className="export-section" aria-labelledby={`${ids}-csv`}>
            <h3 id={`${ids}-csv`}>{t('exportCsvHeading')}</h3>
            <label className="export-field">
              <span>{t('exportLayerLabel')}</span>
              <select data-testid="export-csv-layer" value={csvLayerObject?.id ?? ''} onChange={(event) => setCsvLayer(event.target.value)}>
                {layerOptions}
              </select>
            </label>
            <button
              type="button"
              className="export-action"
              data-testid="export-csv"
              disabled={!csvLayerObject}
              onClick={() => csvLayerObject && setStatus(downloadLayerCsv(scenario, csvLayerObject, counties, language))}
            >
              {t('exportCsvDownload')}
            </button>
          </section>

          <section className="export-section">
            <button
              type="button"
              className="export-action secondary"
              data-testid="export-png"
              onClick={() => {
                close(false);
                onOpenPngExport();
              }}
            >
              {t('exportPng')}
            </button>
          </section>

          <p className="export-hint export-caveat">{t('exportCaveat')}</p>
          <p className="export-status" role="status" data-testid="export-status">
            {status ? t('exportDownloaded', { name: status }) : ''}
          </p>
        </div>
      )}
    </div>
  );
}
