// The imported layers in the layers panel, as QGIS and kepler.gl list them:
// each with its switch, feature count, name (renamed in place), order (↑/↓:
// the top of the list is drawn on top), zoom to layer, style and delete.
// Renaming, restyling, reordering and deleting are scenario edits (undoable,
// saved); the switch is a view setting like the plan layers' switches.
import { useState } from 'react';
import type { Geometry } from 'geojson';
import { bboxOf } from '../../domain/geometry';
import { deleteImportedLayer, moveImportedLayer, renameImportedLayer } from '../../domain/layerEdits';
import type { Edit, Scenario, ScenarioLayer } from '../../domain/scenario';
import { mainMap } from '../../map/mainMap';
import { resolvedStyleOf } from '../../map/importedLayers';
import { useAppContext, useDataset, useTranslate, useView } from '../context';
import { ImportedLegend, ImportedSwatch, symbolOf } from './ImportedLegend';
import { ImportedLayerStyle } from './ImportedLayerStyle';
import './layers.css';

export function ImportedLayerList() {
  const t = useTranslate();
  const dataset = useDataset();
  // Top of the list = drawn last = on top.
  const layers = [...(dataset.imported ?? [])].reverse();
  return (
    <section className="imported-layers" aria-labelledby="imported-layers-heading" data-testid="imported-layers">
      <h3 id="imported-layers-heading">{t('importedLayersHeading')}</h3>
      {layers.length === 0 ? (
        <p className="hint">{t('importedLayersEmpty')}</p>
      ) : (
        <ul className="layer-list">
          {layers.map((layer, position) => (
            <ImportedLayerRow key={layer.id} layer={layer} isTop={position === 0} isBottom={position === layers.length - 1} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ImportedLayerRow({ layer, isTop, isBottom }: { layer: ScenarioLayer; isTop: boolean; isBottom: boolean }) {
  const t = useTranslate();
  const language = useView((state) => state.language);
  const hidden = useView((state) => state.hiddenLayers.has(layer.id));
  const toggleLayer = useView((state) => state.toggleLayer);
  const { scenarioStore } = useAppContext();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [styleOpen, setStyleOpen] = useState(false);
  const name = language === 'en' ? layer.title.en : layer.title.zh;
  const resolved = resolvedStyleOf(layer);
  const located = layer.features.filter((feature): feature is typeof feature & { geometry: Geometry } => feature.geometry !== null);

  const apply = (build: (scenario: Scenario) => Edit | null) => {
    const state = scenarioStore.getState();
    const edit = build(state.current());
    if (edit) state.applyEdit(edit);
  };
  const commitRename = () => {
    if (renaming !== null) apply((scenario) => renameImportedLayer(scenario, layer.id, renaming));
    setRenaming(null);
  };
  const zoomTo = () => {
    if (located.length === 0) return;
    const [west, south, east, north] = bboxOf({ type: 'FeatureCollection', features: located });
    mainMap()?.fitBounds([west, south, east, north], { padding: 48, maxZoom: 14, duration: 600 });
  };

  return (
    <li className="layer imported-layer" data-imported-layer={layer.id} data-layer-name={name}>
      <div className="imported-layer-head">
        <label className="layer-toggle">
          <input type="checkbox" checked={!hidden} onChange={() => toggleLayer(layer.id)} aria-label={t('layerToggleLabel', { name })} />
          {(resolved.style.mode === 'single' || resolved.entries.length === 1) && (
            <ImportedSwatch color={resolved.entries[0]!.color} symbol={symbolOf(layer)} resolved={resolved} />
          )}
          {renaming === null && <span className="layer-name">{name}</span>}
        </label>
        {renaming !== null && (
          <input
            className="imported-layer-rename"
            value={renaming}
            autoFocus
            aria-label={t('importedLayerNameLabel')}
            onChange={(event) => setRenaming(event.target.value)}
            onBlur={commitRename}
            onKeyDown={(event) => {
              if (event.key === 'Enter') commitRename();
              if (event.key === 'Escape') setRenaming(null);
            }}
          />
        )}
        <span className="count" data-testid="imported-layer-count">
          {t('featuresCount', { count: layer.features.length })}
        </span>
      </div>
      <div className="imported-layer-actions" role="group" aria-label={t('importedLayerActions', { name })}>
        <button type="button" className="icon" disabled={isTop} onClick={() => apply((scenario) => moveImportedLayer(scenario, layer.id, 'up'))} title={t('importedLayerUp')} aria-label={t('importedLayerUp')}>
          ↑
        </button>
        <button type="button" className="icon" disabled={isBottom} onClick={() => apply((scenario) => moveImportedLayer(scenario, layer.id, 'down'))} title={t('importedLayerDown')} aria-label={t('importedLayerDown')}>
          ↓
        </button>
        <button type="button" onClick={zoomTo} disabled={located.length === 0}>
          {t('importedLayerZoom')}
        </button>
        <button type="button" onClick={() => setRenaming(name)}>
          {t('importedLayerRename')}
        </button>
        <button type="button" aria-expanded={styleOpen} onClick={() => setStyleOpen(!styleOpen)}>
          {t('importedLayerStyle')}
        </button>
        <button type="button" className="danger" onClick={() => apply((scenario) => deleteImportedLayer(scenario, layer.id))} title={t('importedLayerDeleteHint')}>
          {t('importedLayerDelete')}
        </button>
      </div>
      <ImportedLegend layer={layer} />
      {styleOpen && <ImportedLayerStyle layer={layer} onClose={() => setStyleOpen(false)} />}
    </li>
  );
}
