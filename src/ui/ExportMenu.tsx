// 导出 / Export in the top bar: a small non-modal panel for handing data to
// other departments — GeoJSON of one layer or all layers (WGS84, or GCJ-02 for
// AMap users), a layer as a zipped Shapefile (WGS84 / CGCS2000 / CGCS2000 GK
// zone 38, UTF-8 or GBK), KML for Ovital Map and Google Earth, a layer's
// attribute table as CSV or Excel, and the map as a PNG (a dialog the parent
// opens). The Shapefile, KML and Excel writers are imported when used, so they
// stay out of the main bundle. Esc or a click elsewhere closes it and gives the
// focus back to the button. The files are built by pure code in src/io.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { CountyOption } from '../domain/attributeSchema';
import { countyNamesByAdcode } from '../domain/counties';
import type { Scenario, ScenarioLayer } from '../domain/scenario';
import type { Language } from '../i18n/dictionary';
import type { ExportCrs } from '../io/geojsonExport';
import { useAppContext, useScenario, useTranslate, useView } from './context';
import type { ProjectedExportCrs } from '../io/export/exportCrs';
import type { TextEncodingName } from '../io/export/textEncoding';
import { downloadBytes, downloadText, XLSX_MIME } from './download';
import './exportMenu.css';

const ALL_LAYERS = '';

/** Downloads one layer of a scenario as the attribute-table CSV; returns the file name. */
export async function downloadLayerCsv(scenario: Scenario, layer: ScenarioLayer, counties: readonly CountyOption[], language: Language): Promise<string> {
  // The writers load when first used: they stay off the start-up path.
  const [{ layerAttributeCsv }, { csvFileName }] = await Promise.all([import('../io/attributeCsvExport'), import('../io/geojsonExport')]);
  const fileName = csvFileName({ scenarioName: scenario.name, layerTitle: layer.title[language], date: new Date(), language });
  downloadText(fileName, layerAttributeCsv(layer, counties, language), 'text/csv;charset=utf-8');
  return fileName;
}

/** Downloads one layer (or all, layerId null) of a scenario as GeoJSON; returns the file name. */
export async function downloadScenarioGeoJson(scenario: Scenario, layerId: string | null, crs: ExportCrs, language: Language): Promise<string> {
  const { exportScenarioGeoJson, geoJsonFileName, serializeGeoJson } = await import('../io/geojsonExport');
  const now = new Date();
  const layer = layerId === null ? null : scenario.layers.find((candidate) => candidate.id === layerId);
  const fileName = geoJsonFileName({ scenarioName: scenario.name, layerTitle: layer ? layer.title[language] : null, crs, date: now, language });
  downloadText(fileName, serializeGeoJson(exportScenarioGeoJson(scenario, layerId, { crs, exportedAt: now })), 'application/geo+json');
  return fileName;
}

/** Downloads one layer's attribute table as an Excel workbook; returns the file name. */
export async function downloadLayerXlsx(scenario: Scenario, layer: ScenarioLayer, counties: readonly CountyOption[], language: Language): Promise<string> {
  const { layerAttributeXlsx, xlsxFileName } = await import('../io/export/xlsxExport');
  const now = new Date();
  const fileName = xlsxFileName({ scenarioName: scenario.name, layerTitle: layer.title[language], date: now, language });
  downloadBytes(fileName, layerAttributeXlsx(scenario, layer, counties, language, now), XLSX_MIME);
  return fileName;
}

/** Downloads one layer as a zipped Shapefile; returns the file name. */
export async function downloadLayerShapefile(scenario: Scenario, layer: ScenarioLayer, crs: ProjectedExportCrs, encoding: TextEncodingName, language: Language): Promise<string> {
  const { exportLayerShapefile, shapefileFileName } = await import('../io/export/shapefileExport');
  const now = new Date();
  const fileName = shapefileFileName({ scenarioName: scenario.name, layerTitle: layer.title[language], crs, encoding, date: now, language });
  const { zip } = await exportLayerShapefile(scenario, layer, { crs, encoding, exportedAt: now });
  downloadBytes(fileName, zip, 'application/zip');
  return fileName;
}

/** Downloads one layer (or all, layerId null) as KML; returns the file name. */
export async function downloadScenarioKml(scenario: Scenario, layerId: string | null, crs: ExportCrs, language: Language): Promise<string> {
  const { exportScenarioKml, kmlFileName } = await import('../io/export/kmlExport');
  const now = new Date();
  const layer = layerId === null ? null : scenario.layers.find((candidate) => candidate.id === layerId);
  const fileName = kmlFileName({ scenarioName: scenario.name, layerTitle: layer ? layer.title[language] : null, crs, date: now, language });
  downloadText(fileName, exportScenarioKml(scenario, layerId, { crs, exportedAt: now, language }), 'application/vnd.google-earth.kml+xml');
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
  const [shpLayer, setShpLayer] = useState('');
  const [shpCrs, setShpCrs] = useState<ProjectedExportCrs>('wgs84');
  const [shpEncoding, setShpEncoding] = useState<TextEncodingName>('UTF-8');
  const [kmlLayer, setKmlLayer] = useState(ALL_LAYERS);
  const [kmlGcj02, setKmlGcj02] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const ids = useId();

  // A layer chosen in another scenario may not exist in this one: fall back to all / the first.
  const geoLayerId = scenario.layers.some((layer) => layer.id === geoLayer) ? geoLayer : ALL_LAYERS;
  const csvLayerObject = scenario.layers.find((layer) => layer.id === csvLayer) ?? scenario.layers[0];
  const shpLayerObject = scenario.layers.find((layer) => layer.id === shpLayer) ?? scenario.layers[0];
  const kmlLayerId = scenario.layers.some((layer) => layer.id === kmlLayer) ? kmlLayer : ALL_LAYERS;
  /** Runs an asynchronous export: the status says it is being made, then downloaded, or why it failed. */
  const runExport = (name: string, make: () => Promise<string>) => {
    setStatus(t('exportWorking', { name }));
    make().then(
      (fileName) => setStatus(t('exportDownloaded', { name: fileName })),
      (error: unknown) => setStatus(t('exportFailed', { message: error instanceof Error ? error.message : String(error) })),
    );
  };
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
              onClick={() => runExport('GeoJSON', () => downloadScenarioGeoJson(scenario, geoLayerId === ALL_LAYERS ? null : geoLayerId, crs, language))}
            >
              {t('exportGeoJsonDownload')}
            </button>
          </section>

          <section className="export-section" aria-labelledby={`${ids}-csv`}>
            <h3 id={`${ids}-csv`}>{t('exportCsvXlsxHeading')}</h3>
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
              onClick={() => csvLayerObject && runExport('CSV', () => downloadLayerCsv(scenario, csvLayerObject, counties, language))}
            >
              {t('exportCsvDownload')}
            </button>
            <button
              type="button"
              className="export-action"
              data-testid="export-xlsx"
              disabled={!csvLayerObject}
              onClick={() => csvLayerObject && runExport('Excel', () => downloadLayerXlsx(scenario, csvLayerObject, counties, language))}
            >
              {t('exportXlsxDownload')}
            </button>
          </section>

          <section className="export-section" aria-labelledby={`${ids}-shp`}>
            <h3 id={`${ids}-shp`}>{t('exportShapefileHeading')}</h3>
            <label className="export-field">
              <span>{t('exportLayerLabel')}</span>
              <select data-testid="export-shp-layer" value={shpLayerObject?.id ?? ''} onChange={(event) => setShpLayer(event.target.value)}>
                {layerOptions}
              </select>
            </label>
            <fieldset className="export-crs">
              <legend>{t('exportCrsLabel')}</legend>
              {(
                [
                  ['wgs84', 'exportShapefileCrsWgs84'],
                  ['cgcs2000', 'exportShapefileCrsCgcs2000'],
                  ['cgcs2000-gk3-38', 'exportShapefileCrsGk38'],
                ] as const
              ).map(([value, label]) => (
                <label key={value}>
                  <input type="radio" name={`${ids}-shp-crs`} value={value} checked={shpCrs === value} onChange={() => setShpCrs(value)} data-testid={`export-shp-crs-${value}`} />
                  {t(label)}
                </label>
              ))}
            </fieldset>
            <fieldset className="export-crs">
              <legend>{t('exportEncodingLabel')}</legend>
              {(
                [
                  ['UTF-8', 'exportEncodingUtf8'],
                  ['GBK', 'exportEncodingGbk'],
                ] as const
              ).map(([value, label]) => (
                <label key={value}>
                  <input
                    type="radio"
                    name={`${ids}-shp-encoding`}
                    value={value}
                    checked={shpEncoding === value}
                    onChange={() => setShpEncoding(value)}
                    data-testid={`export-shp-encoding-${value.toLowerCase()}`}
                  />
                  {t(label)}
                </label>
              ))}
            </fieldset>
            <p className="export-hint">{t('exportShapefileHelp')}</p>
            <button
              type="button"
              className="export-action"
              data-testid="export-shp"
              disabled={!shpLayerObject}
              onClick={() => shpLayerObject && runExport('Shapefile', () => downloadLayerShapefile(scenario, shpLayerObject, shpCrs, shpEncoding, language))}
            >
              {t('exportShapefileDownload')}
            </button>
          </section>

          <section className="export-section" aria-labelledby={`${ids}-kml`}>
            <h3 id={`${ids}-kml`}>{t('exportKmlHeading')}</h3>
            <label className="export-field">
              <span>{t('exportLayerLabel')}</span>
              <select data-testid="export-kml-layer" value={kmlLayerId} onChange={(event) => setKmlLayer(event.target.value)}>
                <option value={ALL_LAYERS}>{withCount(t('exportAllLayers'), scenario.layers.reduce((sum, layer) => sum + layer.features.length, 0))}</option>
                {layerOptions}
              </select>
            </label>
            <label className="export-check">
              <input type="checkbox" checked={kmlGcj02} onChange={(event) => setKmlGcj02(event.target.checked)} data-testid="export-kml-gcj02" />
              {t('exportKmlGcj02')}
            </label>
            <button
              type="button"
              className="export-action"
              data-testid="export-kml"
              onClick={() =>
                runExport('KML', () => downloadScenarioKml(scenario, kmlLayerId === ALL_LAYERS ? null : kmlLayerId, kmlGcj02 ? 'gcj02' : 'wgs84', language))
              }
            >
              {t('exportKmlDownload')}
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
            {status ?? ''}
          </p>
        </div>
      )}
    </div>
  );
}
