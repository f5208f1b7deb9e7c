// What a shown analysis result was computed with, and whether the panel's
// parameters or the data have moved on since: a result on screen (and in its
// CSV) never stands for parameters it was not computed with.
import { analysisOf } from '../analysis/registry';
import type { SpecParameterName } from '../domain/analysisSpec';
import { layerDefinition } from '../domain/layers';
import type { Language, MessageKey } from '../i18n/dictionary';
import type { ComputedWith } from '../state/analysisState';
import { useAnalysis, useDataset, useTranslate, useView, type Translate } from './context';

export const metersPerMinuteToKmh = (metersPerMinute: number) => Math.round(metersPerMinute * 0.06 * 100) / 100;
export const kmhToMetersPerMinute = (kmh: number) => kmh / 0.06;

export interface Staleness {
  changed: (SpecParameterName | 'kind')[];
  dataChanged: boolean;
}

/** Each parameter's name as the planner reads it: a Record, so that a new parameter without a name does not compile. */
const PARAMETER_NAMES: Record<SpecParameterName | 'kind', MessageKey> = {
  kind: 'analysisParamName_kind',
  facilityLayer: 'analysisParamName_facilityLayer',
  facilityClasses: 'analysisParamName_facilityClasses',
  targetSource: 'analysisParamName_targetSource',
  minutes: 'analysisParamName_minutes',
  mode: 'analysisParamName_mode',
  speeds: 'analysisParamName_speeds',
  detourFactor: 'analysisParamName_detourFactor',
  metric: 'analysisParamName_metric',
  huffEnabled: 'analysisParamName_huffEnabled',
  huffExponent: 'analysisParamName_huffExponent',
  weightProperty: 'analysisParamName_weightProperty',
  networkLayer: 'analysisParamName_networkLayer',
  networkClassField: 'analysisParamName_networkClassField',
  networkSpeedField: 'analysisParamName_networkSpeedField',
  networkConnectCrossings: 'analysisParamName_networkConnectCrossings',
  networkSnapMeters: 'analysisParamName_networkSnapMeters',
  networkAccessMeters: 'analysisParamName_networkAccessMeters',
  communityLayer: 'analysisParamName_communityLayer',
  serviceLayer: 'analysisParamName_serviceLayer',
};

/**
 * "一刻钟生活圈 · 15 分钟 · 步行 4 千米/小时（67 米/分钟）· …": the parameters a result was computed with.
 * `layerTitle` names the road layer (the planner's title, not its id).
 */
export function computedWithText(computedWith: ComputedWith, t: Translate, language: Language, layerTitle?: (id: string) => string | undefined): string {
  const { spec } = computedWith;
  const descriptor = analysisOf(spec.kind);
  const reads = (name: SpecParameterName) => (descriptor.parameters as readonly SpecParameterName[]).includes(name);
  const parts: string[] = [descriptor.title[language]];
  if (reads('minutes')) parts.push(t('analysisParamMinutes', { minutes: spec.minutes }));
  if (reads('speeds'))
    parts.push(
      t('analysisParamSpeed', {
        mode: t(`analysisMode_${spec.mode}` as MessageKey),
        kmh: metersPerMinuteToKmh(spec.speeds[spec.mode]),
        metersPerMinute: Math.round(spec.speeds[spec.mode]),
      }),
    );
  if (reads('detourFactor')) parts.push(t('analysisParamDetour', { factor: spec.detourFactor }));
  if (reads('facilityLayer')) {
    const layer = layerDefinition(spec.facilityLayer);
    const classes = spec.facilityClasses.map((key) => layer.classes.find((cls) => cls.key === key)).filter((cls) => cls !== undefined);
    parts.push(`${t(layer.title)}${classes.length > 0 ? `（${classes.map((cls) => t(cls.title)).join(language === 'en' ? ', ' : '、')}）` : ''}`);
  }
  if (reads('targetSource')) parts.push(t(`analysisParamTargets_${spec.targetSource}` as MessageKey));
  if (reads('metric')) parts.push(t(`analysisMetric_${spec.metric}` as MessageKey));
  if (reads('huffEnabled') && spec.huffEnabled) parts.push(t('analysisParamHuff', { exponent: spec.huffExponent }));
  if (reads('networkLayer') && spec.networkLayer) parts.push(t('analysisParamNetwork', { name: layerTitle?.(spec.networkLayer) ?? spec.networkLayer }));
  if (reads('communityLayer') && spec.communityLayer && spec.serviceLayer)
    parts.push(
      t('analysisParamLifeCircle', {
        communities: layerTitle?.(spec.communityLayer) ?? spec.communityLayer,
        services: layerTitle?.(spec.serviceLayer) ?? spec.serviceLayer,
      }),
    );
  return t('analysisComputedWith', { parameters: parts.join(' · ') });
}

export function ComputedWithNote({ computedWith, stale }: { computedWith: ComputedWith; stale: Staleness | null }) {
  const t = useTranslate();
  const language = useView((state) => state.language);
  const enabled = useAnalysis((state) => state.enabled);
  const dataset = useDataset();
  const layerTitle = (id: string) => dataset.imported?.find((layer) => layer.id === id)?.title[language];
  const changedNames = stale?.changed.map((name) => t(PARAMETER_NAMES[name])).join(language === 'en' ? ', ' : '、');
  return (
    <div className={`computed-with${stale ? ' stale' : ''}`} data-testid="computed-with">
      <p className="method-note">{computedWithText(computedWith, t, language, layerTitle)}</p>
      {stale && (
        <p className="warning" role="status" data-testid="stale-result">
          {stale.changed.length > 0 ? t('analysisStaleParameters', { names: changedNames ?? '' }) : t('analysisStaleData')}{' '}
          {enabled ? t('analysisStaleRerunning') : t('analysisStaleHowToRerun')}
        </p>
      )}
    </div>
  );
}
