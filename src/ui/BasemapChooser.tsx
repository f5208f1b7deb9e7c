// 底图: the basemap records, bottom to top. A radio shows one record alone (the
// bundled county map, the blank background, or an added source); added sources
// can also be shown together (imagery + annotation), reordered, made
// translucent or grey for presenting, and removed. A shown record the map
// cannot draw says why right under its name.
import { useState } from 'react';
import { BUILT_IN_BASEMAPS, type BasemapSource } from '../domain/basemap';
import { inLanguage } from '../i18n/text';
import type { MessageKey } from '../i18n/dictionary';
import { lazyPart } from './lazyPart';
import { useBasemapStatus } from './basemaps';
import { useTranslate, useView } from './context';

const isBuiltIn = (source: BasemapSource) => BUILT_IN_BASEMAPS.some((builtIn) => builtIn.id === source.id);
// The add dialog (and the WMTS capabilities reader it uses) loads when first opened.
const BasemapAddDialog = lazyPart(() => import('./BasemapAddDialog'), (module) => module.BasemapAddDialog, 'areaBasemapAdd');

export function BasemapChooser() {
  const t = useTranslate();
  const language = useView((state) => state.language);
  const sources = useView((state) => state.basemapSources);
  const showBasemap = useView((state) => state.showBasemap);
  const setSettings = useView((state) => state.setBasemapSettings);
  const moveBasemap = useView((state) => state.moveBasemap);
  const removeBasemap = useView((state) => state.removeBasemap);
  const countyOverlay = useView((state) => state.countyOverlay);
  const setCountyOverlay = useView((state) => state.setCountyOverlay);
  const { refused, datum } = useBasemapStatus();
  const failures = useView((state) => state.basemapFailures);
  const notices = useView((state) => state.basemapNotices);
  const dismissNotices = useView((state) => state.dismissBasemapNotices);
  const [adding, setAdding] = useState(false);
  const added = sources.filter((source) => !isBuiltIn(source));
  return (
    <section className="panel-section" aria-labelledby="basemap-heading">
      <h2 id="basemap-heading">{t('basemapHeading')}</h2>
      <div className="basemap-choices" role="radiogroup" aria-labelledby="basemap-heading" data-testid="basemap-chooser">
        {sources.map((source) => (
          <div key={source.id} className="basemap-choice" data-testid={`basemap-row-${source.id}`}>
            <label className="check">
              <input type="radio" name="basemap" checked={source.visible !== false} onChange={() => showBasemap(source.id)} data-basemap-id={source.id} />
              {inLanguage(source.title, language)}
            </label>
            {!isBuiltIn(source) && (
              <div className="basemap-settings">
                <label className="check">
                  <input
                    type="checkbox"
                    checked={source.visible !== false}
                    onChange={(event) => setSettings(source.id, { visible: event.currentTarget.checked })}
                    aria-label={`${t('basemapShown')} ${inLanguage(source.title, language)}`}
                  />
                  {t('basemapShown')}
                </label>
                <label className="check">
                  <input type="checkbox" checked={source.muted === true} onChange={(event) => setSettings(source.id, { muted: event.currentTarget.checked })} />
                  {t('basemapMuted')}
                </label>
                <label>
                  {t('basemapOpacity')}{' '}
                  <input
                    type="range"
                    min={0}
                    max={1}
                    step={0.05}
                    value={source.opacity ?? 1}
                    onChange={(event) => setSettings(source.id, { opacity: Number(event.currentTarget.value) })}
                  />
                </label>
                <button type="button" onClick={() => moveBasemap(source.id, 'up')} title={t('basemapUp')}>
                  ↑
                </button>
                <button type="button" onClick={() => moveBasemap(source.id, 'down')} title={t('basemapDown')}>
                  ↓
                </button>
                <button
                  type="button"
                  onClick={() => {
                    removeBasemap(source.id);
                    // An offline package's file goes with its record (there is no undo for removing a basemap).
                    if (source.kind === 'tile-package') void import('../map/basemap/packages').then(({ forgetPackage }) => forgetPackage(source.id)).catch((error: unknown) => console.warn('Tile package not removed from storage:', error));
                  }}
                >
                  {t('basemapRemove')}
                </button>
                <small className="basemap-datum">
                  {t('basemapDatum', { crs: t(`basemapCrs_${source.crs}` as MessageKey) })} · {t('basemapZoomRange', { min: source.minZoom, max: source.maxZoom })}
                </small>
              </div>
            )}
            {failures[source.id] !== undefined && source.visible !== false && (
              <p className="basemap-refusal" role="status" data-testid={`basemap-failure-${source.id}`}>
                {t('basemapTilesFailed', { message: failures[source.id]! })}
              </p>
            )}
            {refused.has(source.id) && (
              <p className="basemap-refusal" role="status" data-testid={`basemap-refusal-${source.id}`}>
                {inLanguage(refused.get(source.id)!, language)}
              </p>
            )}
          </div>
        ))}
      </div>
      {added.length > 0 && (
        <>
          <label className="check">
            <input type="checkbox" checked={countyOverlay} onChange={(event) => setCountyOverlay(event.currentTarget.checked)} />
            {t('basemapCountyOverlayToggle')}
          </label>
          <p className="basemap-datum">{t(datum === 'gcj02' ? 'basemapMapDatumGcj02' : 'basemapMapDatum')}</p>
        </>
      )}
      {notices.length > 0 && (
        <div className="basemap-refusal" role="status" data-testid="basemap-notices">
          {t('basemapNotReadBack')}
          <ul>
            {notices.map((notice) => (
              <li key={notice.en}>{inLanguage(notice, language)}</li>
            ))}
          </ul>
          <button type="button" onClick={dismissNotices}>
            {t('basemapAddCancel')}
          </button>
        </div>
      )}
      <button type="button" onClick={() => setAdding(true)} data-testid="basemap-add">
        {t('basemapAdd')}
      </button>
      {adding && <BasemapAddDialog onClose={() => setAdding(false)} />}
    </section>
  );
}
