import { classKeysOf, LAYER_DEFINITIONS } from '../domain/layers';
import type { PlanFeature } from '../domain/plan';
import { classToggleKey } from '../state/viewState';
import { useDataset, useTranslate, useView } from './context';
import { ACCURACY_SWATCH, ClassSwatch } from './Legend';
import { ImportedLayerList } from './layers/ImportedLayerList';

export function countByClass(features: readonly PlanFeature[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const feature of features)
    for (const key of classKeysOf(feature.properties)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** Features listed in more than one class (a town that is both 中心镇 and 特色小镇). */
export function countInSeveralClasses(features: readonly PlanFeature[]): number {
  return features.filter((feature) => classKeysOf(feature.properties).length > 1).length;
}

export function LayerPanel() {
  const t = useTranslate();
  const dataset = useDataset();
  const hiddenLayers = useView((state) => state.hiddenLayers);
  const hiddenClasses = useView((state) => state.hiddenClasses);
  const toggleLayer = useView((state) => state.toggleLayer);
  const toggleClass = useView((state) => state.toggleClass);

  return (
    <section className="panel-section" aria-labelledby="layers-heading">
      <h2 id="layers-heading">{t('layersHeading')}</h2>
      <ul className="layer-list">
        {LAYER_DEFINITIONS.map((layer) => {
          const features = dataset.layers[layer.id].features;
          const counts = countByClass(features);
          const inSeveral = countInSeveralClasses(features);
          const layerName = t(layer.title);
          const layerOn = !hiddenLayers.has(layer.id);
          return (
            <li key={layer.id} className="layer" data-layer={layer.id}>
              <label className="layer-toggle">
                <input
                  type="checkbox"
                  checked={layerOn}
                  onChange={() => toggleLayer(layer.id)}
                  aria-label={t('layerToggleLabel', { name: layerName })}
                />
                <span className="layer-name">{layerName}</span>
                <span className="count">{t('featuresCount', { count: features.length })}</span>
              </label>
              <ul className="class-list">
                {layer.classes.map((cls) => {
                  const className = t(cls.title);
                  return (
                    <li key={cls.key}>
                      <label className={layerOn ? '' : 'muted'}>
                        <input
                          type="checkbox"
                          checked={!hiddenClasses.has(classToggleKey(layer.id, cls.key))}
                          disabled={!layerOn}
                          onChange={() => toggleClass(layer.id, cls.key)}
                          aria-label={t('classToggleLabel', { name: className })}
                        />
                        <ClassSwatch style={cls} />
                        <span>{className}</span>
                        <span className="count">{counts.get(cls.key) ?? 0}</span>
                      </label>
                    </li>
                  );
                })}
              </ul>
              {inSeveral > 0 && (
                <p className="hint class-overlap" data-testid={`class-overlap-${layer.id}`}>
                  {t('classOverlapNote', { count: inSeveral })}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <ImportedLayerList />
      <h2>{t('legendHeading')}</h2>
      <ul className="legend-notes">
        <li>
          <ClassSwatch style={ACCURACY_SWATCH} /> {t('legendSolid')}
        </li>
        <li>
          <ClassSwatch style={ACCURACY_SWATCH} schematic /> {t('legendSchematic')}
        </li>
        <li>{t('legendUnlocated')}</li>
        <li>
          <span className="stack-badge-swatch" aria-hidden="true">
            3
          </span>{' '}
          {t('legendStack')}
        </li>
      </ul>
    </section>
  );
}
