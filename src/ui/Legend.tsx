import type { ClassDefinition } from '../domain/layers';

const css = (color: readonly number[], alpha = 1) => `rgba(${color[0]}, ${color[1]}, ${color[2]}, ${alpha})`;

/** A swatch drawn the way the map draws the class (see map/planLayers.ts). */
export function ClassSwatch({ style, schematic = false }: { style: ClassDefinition; schematic?: boolean }) {
  return (
    <svg className="swatch" width="22" height="16" viewBox="0 0 22 16" aria-hidden="true">
      {style.symbol === 'zone' && (
        <circle cx="11" cy="8" r="6.5" fill={css(style.color, 0.18)} stroke={css(style.color)} strokeWidth="1.6" strokeDasharray="3 2" />
      )}
      {style.symbol === 'line' && <line x1="1" y1="8" x2="21" y2="8" stroke={css(style.color, 0.6)} strokeWidth="5" strokeDasharray="6 4" />}
      {style.symbol === 'point' && (
        <circle
          cx="11"
          cy="8"
          r="5"
          fill={schematic ? '#fff' : css(style.color)}
          stroke={schematic ? css(style.color) : '#fff'}
          strokeWidth="2"
        />
      )}
    </svg>
  );
}

/** The neutral symbol the legend uses to explain solid vs schematic positions. */
export const ACCURACY_SWATCH: ClassDefinition = {
  key: 'accuracy',
  title: 'legendSolid',
  symbol: 'point',
  color: [90, 90, 90],
  size: 6,
  labelPriority: 0,
};
