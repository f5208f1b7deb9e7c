// Legend rows of an imported layer as its style draws it: one swatch per
// colour (single colour, each category, each graduated class) with its feature
// count, and the point-size scale when points are sized by a field. The layers
// panel and the presenter legend both show these.
import type { Rgb } from '../../domain/layers';
import type { ResolvedLayerStyle } from '../../domain/layerStyle';
import type { ScenarioLayer } from '../../domain/scenario';
import { inLanguage } from '../../i18n/text';
import { importedSymbolOf as symbolOf, resolvedStyleOf, type ImportedSymbol } from '../../map/importedLayers';

export { symbolOf };
import { useTranslate, useView } from '../context';

const css = (color: Rgb, alpha = 1) => `rgba(${color[0]}, ${color[1]}, ${color[2]}, ${alpha})`;

export function ImportedSwatch({ color, symbol, resolved }: { color: Rgb; symbol: ImportedSymbol; resolved: ResolvedLayerStyle }) {
  const { style } = resolved;
  return (
    <svg className="swatch" width="22" height="16" viewBox="0 0 22 16" aria-hidden="true" data-color={`${color[0]},${color[1]},${color[2]}`}>
      {symbol === 'point' && <circle cx="11" cy="8" r={Math.min(6.5, Math.max(3, style.pointRadius))} fill={css(color)} stroke="#fff" strokeWidth="1" />}
      {symbol === 'line' && <line x1="1" y1="8" x2="21" y2="8" stroke={css(color, 0.9)} strokeWidth={Math.min(6, Math.max(1, style.lineWidth))} />}
      {symbol === 'polygon' && (
        <rect x="2" y="2" width="18" height="12" fill={css(color, Math.max(0.15, style.fillOpacity))} stroke={css(color, 0.9)} strokeWidth={Math.min(3, Math.max(1, style.lineWidth))} />
      )}
    </svg>
  );
}

export function ImportedLegend({ layer, showCounts = true }: { layer: ScenarioLayer; showCounts?: boolean }) {
  const t = useTranslate();
  const language = useView((state) => state.language);
  const resolved = resolvedStyleOf(layer);
  const symbol = symbolOf(layer);
  const single = resolved.style.mode === 'single' || resolved.entries.length === 1;
  return (
    <ul className="imported-legend" data-testid={`imported-legend-${layer.id}`}>
      {!single &&
        resolved.entries.map((entry) => (
          <li key={`${entry.label.en}-${entry.color.join(',')}`} data-legend-entry={inLanguage(entry.label, language)}>
            <ImportedSwatch color={entry.color} symbol={symbol} resolved={resolved} />
            <span>{inLanguage(entry.label, language)}</span>
            {showCounts && <span className="count">{entry.count}</span>}
          </li>
        ))}
      {resolved.size && symbol === 'point' && (
        <li className="imported-size-legend" data-legend-size={resolved.size.field}>
          <svg className="swatch" width="34" height="22" viewBox="0 0 34 22" aria-hidden="true">
            <circle cx="6" cy="11" r={resolved.size.minRadius} fill="#888" />
            <circle cx="22" cy="11" r={Math.min(10, resolved.size.maxRadius)} fill="none" stroke="#555" />
          </svg>
          <span>{t('legendImportedSize', { field: resolved.size.field, min: formatted(resolved.size.min), max: formatted(resolved.size.max) })}</span>
        </li>
      )}
      {resolved.notice && <li className="hint imported-style-notice">{inLanguage(resolved.notice, language)}</li>}
    </ul>
  );
}

const formatted = (value: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(value);
