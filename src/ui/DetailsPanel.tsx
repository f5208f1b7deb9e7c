import { useMemo, type ReactNode } from 'react';
import { countyLabel } from '../domain/counties';
import { classDefinitionOf, layerDefinition } from '../domain/layers';
import { formatArea, formatLength, measureGeometry } from '../domain/measure';
import type { Geometry } from 'geojson';
import type { Accuracy, PlanFeature } from '../domain/plan';
import { sourceDocumentKey } from '../domain/sources';
import type { MessageKey } from '../i18n/dictionary';
import { allFeatures } from '../domain/dataset';
import { displayName } from '../io/import/fields';
import { useCountyNames, useDataset, useTranslate, useView, type Translate } from './context';

const accuracyKey = (accuracy: Accuracy) => `accuracy_${accuracy.replace('-', '_')}` as MessageKey;
const accuracyHelpKey = (accuracy: Accuracy) => `accuracyHelp_${accuracy.replace('-', '_')}` as MessageKey;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** Length of a line, area (with 亩/公顷) and perimeter of a polygon; nothing for points. */
function SizeField({ geometry, t, language }: { geometry: Geometry | null; t: Translate; language: 'zh' | 'en' }) {
  const measurement = measureGeometry(geometry);
  if (!measurement) return null;
  return (
    <Field label={t('fieldSize')}>
      <span data-testid="feature-size">
        {measurement.kind === 'length'
          ? formatLength(measurement.metres, language)
          : `${formatArea(measurement.squareMetres, language)} · ${language === 'en' ? 'perimeter' : '周长'} ${formatLength(measurement.perimeterMetres, language)}`}
      </span>
    </Field>
  );
}

function SourceCitation({ source, quote, t }: { source: string; quote: string; t: Translate }) {
  const documentKey = sourceDocumentKey(source);
  return (
    <figure className="citation">
      <blockquote lang="zh-CN" data-testid="feature-quote">
        {quote}
      </blockquote>
      <figcaption>
        {documentKey ? `${t(documentKey)} · ` : ''}
        <code>{source}</code>
      </figcaption>
    </figure>
  );
}

/** Plan text is rendered as text nodes only: quotes and names never become markup. */
export function DetailsPanel() {
  const t = useTranslate();
  const dataset = useDataset();
  const language = useView((state) => state.language);
  const selectedId = useView((state) => state.selectedFeatureId);
  const selectFeature = useView((state) => state.selectFeature);
  const featuresAtClick = useView((state) => state.featuresAtClick);
  const features = useMemo(() => allFeatures(dataset), [dataset]);
  const countyNames = useCountyNames();
  const feature = features.find((candidate) => candidate.properties.id === selectedId);

  const importedMatch = feature
    ? undefined
    : (dataset.imported ?? []).flatMap((layer) => layer.features.map((item) => ({ layer, item }))).find(({ item }) => item.properties.id === selectedId);
  if (importedMatch)
    return (
      <section className="panel-section details" aria-labelledby="details-heading" data-testid="details" data-feature-id={selectedId ?? ''}>
        <div className="details-title">
          <h2 id="details-heading">{displayName(importedMatch.item.properties, importedMatch.item.properties.id)}</h2>
          <button type="button" className="icon" onClick={() => selectFeature(null)} aria-label={t('closeDetails')}>
            ×
          </button>
        </div>
        <p className="hint">
          {t('importedLayerTitle')}: {language === 'en' ? importedMatch.layer.title.en : importedMatch.layer.title.zh}
        </p>
        <dl>
          <SizeField geometry={importedMatch.item.geometry} t={t} language={language} />
          {Object.entries(importedMatch.item.properties).map(([key, value]) => (
            <Field key={key} label={key}>
              {typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}
            </Field>
          ))}
        </dl>
        <p className="hint">{t('noPlanQuote', { source: importedMatch.layer.id })}</p>
      </section>
    );

  if (!feature)
    return (
      <section className="panel-section details" aria-labelledby="details-heading">
        <h2 id="details-heading">{t('detailsHeading')}</h2>
        <p className="hint">{t('detailsEmpty')}</p>
      </section>
    );

  const p = feature.properties;
  const name = (item: PlanFeature) => (language === 'en' ? item.properties.name_en : item.properties.name);
  const parent = p.parent ? features.find((candidate) => candidate.properties.id === p.parent) : undefined;
  const children = features.filter((candidate) => candidate.properties.parent === p.id);
  const cls = classDefinitionOf(p);
  const county = countyLabel(countyNames, p.county, language);
  const linkTo = (item: PlanFeature) => (
    <button type="button" className="link" onClick={() => selectFeature(item.properties.id)}>
      {name(item)}
    </button>
  );

  return (
    <section className="panel-section details" aria-labelledby="details-heading" data-testid="details" data-feature-id={p.id}>
      <div className="details-title">
        <h2 id="details-heading">{p.name}</h2>
        <button type="button" className="icon" onClick={() => selectFeature(null)} aria-label={t('closeDetails')}>
          ×
        </button>
      </div>
      <p className="name-en" lang="en">
        {p.name_en}
      </p>
      {featuresAtClick.length > 1 && (
        <nav className="at-click" aria-label={t('featuresAtClick', { count: featuresAtClick.length })} data-testid="features-at-click">
          <p className="hint">{t('featuresAtClick', { count: featuresAtClick.length })}</p>
          <ul className="inline-list">
            {featuresAtClick.map((id) => {
              const item = features.find((candidate) => candidate.properties.id === id);
              return item ? (
                <li key={id} className={id === p.id ? 'current' : ''}>
                  {linkTo(item)}
                </li>
              ) : null;
            })}
          </ul>
        </nav>
      )}
      <dl>
        <Field label={t('fieldLayer')}>{t(layerDefinition(p.layer).title)}</Field>
        <Field label={t('fieldKind')}>{t(cls.title)}</Field>
        <SizeField geometry={feature.geometry} t={t} language={language} />
        {p.roles && p.roles.length > 1 && (
          <Field label={t('fieldRoles')}>{p.roles.map((role) => t(`class_${role}` as MessageKey)).join('、')}</Field>
        )}
        {county && (
          <Field label={t('fieldCounty')}>
            <span data-testid="feature-county">{county}</span>
          </Field>
        )}
        {p.adcode && <Field label={t('fieldAdcode')}>{p.adcode}</Field>}
        {(p.name_basis === 'derived' || p.name_basis === 'official') && p.name_plan && (
          <Field label={t('fieldNameBasis')}>
            <span data-testid="feature-name-basis">{t(p.name_basis === 'derived' ? 'nameBasisDerived' : 'nameBasisOfficial', { plan: p.name_plan })}</span>
          </Field>
        )}
        <Field label={t('fieldAccuracy')}>
          <span className={`accuracy accuracy-${p.accuracy}`} data-testid="feature-accuracy">
            {t(accuracyKey(p.accuracy))}
          </span>
          <span className="hint"> — {t(accuracyHelpKey(p.accuracy))}</span>
        </Field>
        <Field label={t('fieldPlacement')}>
          <span data-testid="feature-placement">{p.placement}</span>
        </Field>
        {parent && <Field label={t('fieldParent')}>{linkTo(parent)}</Field>}
        {children.length > 0 && (
          <Field label={t('fieldChildren')}>
            <ul className="inline-list">
              {children.map((child) => (
                <li key={child.properties.id}>{linkTo(child)}</li>
              ))}
            </ul>
          </Field>
        )}
        {p.functions && p.functions.length > 0 && <Field label={t('fieldFunctions')}>{p.functions.join('；')}</Field>}
        {p.industries && p.industries.length > 0 && <Field label={t('fieldIndustries')}>{p.industries.join('、')}</Field>}
        {p.note && <Field label={t('fieldNote')}>{p.note}</Field>}
      </dl>
      <h3>{t('fieldQuote')}</h3>
      {p.quote ? <SourceCitation source={p.source} quote={p.quote} t={t} /> : <p className="hint" data-testid="feature-quote-none">{t('noPlanQuote', { source: p.source })}</p>}
      {p.more_sources && p.more_sources.length > 0 && (
        <>
          <h3>{t('fieldMoreSources')}</h3>
          {p.more_sources.map((citation) => (
            <SourceCitation key={`${citation.source}:${citation.quote}`} source={citation.source} quote={citation.quote} t={t} />
          ))}
        </>
      )}
    </section>
  );
}
