// The live length/area beside the drawing tools: while a line or polygon is
// drawn, reshaped or measured, on every pointer move (geodesic, domain/measure).
import { describeMeasurement, measureGeometry } from '../domain/measure';
import { useSketch } from '../state/sketchState';
import { useTranslate, useView } from './context';

export function DrawReadout() {
  const t = useTranslate();
  const language = useView((state) => state.language);
  const tool = useView((state) => state.tool);
  const sketch = useSketch((state) => state.sketch);
  const measuring = tool === 'measure-line' || tool === 'measure-area';
  const measurement = sketch ? measureGeometry(sketch.geometry) : null;
  if (!measurement && !measuring) return null;
  const what = sketch?.measuring || measuring ? t('readoutMeasuring') : tool === 'select' ? t('readoutReshaping') : t('readoutDrawing');
  return (
    <output className="draw-readout" data-testid="draw-readout" data-kind={measurement?.kind ?? ''} aria-live="polite">
      <strong>{what}</strong> {measurement ? describeMeasurement(measurement, language) : ''}
      {measuring && <span className="hint"> — {t('measureHint')}</span>}
    </output>
  );
}
