// The PNG sheet's legend groups beyond the plan layers: each visible imported
// layer as its style draws it, and the analysis shown on the map. Same rows as
// the layers panel and the presenter legend, in the interface language.
import type { AnalysisResult } from '../../analysis/registry';
import type { ScenarioLayer } from '../../domain/scenario';
import type { Language } from '../../i18n/dictionary';
import { inLanguage } from '../../i18n/text';
import { analysisLegend } from '../../map/analysisLegend';
import { importedSymbolOf, resolvedStyleOf } from '../../map/importedLayers';
import type { LegendExtraGroup } from '../../map/printSheet';
import type { Translate } from '../context';

export function legendExtras(
  imported: readonly ScenarioLayer[],
  hidden: ReadonlySet<string>,
  analysis: AnalysisResult | null,
  language: Language,
  t: Translate,
): LegendExtraGroup[] {
  const layerGroups = [...imported].reverse().flatMap((layer): LegendExtraGroup[] => {
    if (hidden.has(layer.id) || layer.features.every((feature) => feature.geometry === null)) return [];
    const resolved = resolvedStyleOf(layer);
    const symbol = importedSymbolOf(layer);
    const alpha = symbol === 'polygon' ? Math.round(resolved.style.fillOpacity * 255) : 255;
    const title = inLanguage(layer.title, language);
    const rows = resolved.entries.map((entry) => ({
      color: [...entry.color, alpha] as const,
      symbol,
      label: resolved.style.mode === 'single' || resolved.entries.length === 1 ? `${title}（${entry.count}）` : `${inLanguage(entry.label, language)}（${entry.count}）`,
    }));
    if (resolved.size && symbol === 'point')
      rows.push({
        color: [120, 120, 120, 255] as const,
        symbol: 'point',
        label: t('legendImportedSize', { field: resolved.size.field, min: resolved.size.min, max: resolved.size.max }),
      });
    return [{ title, rows }];
  });
  const analysisRows = analysisLegend(analysis).map((row) => ({
    color: row.color,
    symbol: row.shape === 'area' ? ('polygon' as const) : row.shape,
    label: inLanguage(row.label, language),
  }));
  return [...layerGroups, ...(analysisRows.length > 0 ? [{ title: t('presenterAnalysisLegend'), rows: analysisRows }] : [])];
}
