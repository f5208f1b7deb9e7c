// The style editor of one imported layer: how to colour it (one colour, a
// field's categories, a numeric field's graduated classes), point size (fixed
// or by a numeric field), line width, fill opacity and a label field. Every
// choice is one undoable scenario edit; the choices offered are always valid
// (fields the layer has, numbers within the style's limits).
import { useMemo } from 'react';
import { BREAK_METHODS, type BreakMethod } from '../../domain/classBreaks';
import { setImportedLayerStyle } from '../../domain/layerEdits';
import { fieldsOf, isNumericField, SEQUENTIAL_PALETTES, STYLE_MODES, styleOf, type ImportedLayerStyle as Style, type SequentialPalette, type StyleMode } from '../../domain/layerStyle';
import type { ScenarioLayer } from '../../domain/scenario';
import type { MessageKey } from '../../i18n/dictionary';
import { useAppContext, useTranslate } from '../context';

const MODE_TITLES: Record<StyleMode, MessageKey> = { single: 'styleMode_single', categories: 'styleMode_categories', graduated: 'styleMode_graduated' };
const METHOD_TITLES: Record<BreakMethod, MessageKey> = { 'natural-breaks': 'styleMethod_naturalBreaks', quantile: 'styleMethod_quantile', 'equal-interval': 'styleMethod_equalInterval' };
const PALETTE_TITLES: Record<SequentialPalette, MessageKey> = { YlOrRd: 'stylePalette_YlOrRd', Blues: 'stylePalette_Blues', Greens: 'stylePalette_Greens', Purples: 'stylePalette_Purples' };
const RADII = [2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24];
const LINE_WIDTHS = [0.5, 1, 1.5, 2, 3, 4, 6, 8];
const OPACITIES = [0, 0.1, 0.2, 0.35, 0.5, 0.65, 0.8, 1];
const CLASS_COUNTS = [2, 3, 4, 5, 6, 7, 8, 9];

export function ImportedLayerStyle({ layer, onClose }: { layer: ScenarioLayer; onClose: () => void }) {
  const t = useTranslate();
  const { scenarioStore } = useAppContext();
  const style = styleOf(layer);
  const fields = useMemo(() => fieldsOf(layer.features), [layer.features]);
  const numericFields = fields.filter(isNumericField);
  const update = (change: Partial<Style>) => {
    const next: Style = { ...style, ...change };
    // Switching to a by-field mode picks a sensible field (graduated needs numbers).
    if (next.mode === 'graduated' && (!next.field || !numericFields.some((field) => field.name === next.field))) next.field = numericFields[0]?.name ?? null;
    if (next.mode === 'categories' && !next.field) next.field = fields[0]?.name ?? null;
    if (next.mode !== 'single' && !next.field) return;
    const state = scenarioStore.getState();
    const edit = setImportedLayerStyle(state.current(), layer.id, next);
    if (edit) state.applyEdit(edit);
  };
  const id = (part: string) => `style-${layer.id}-${part}`;
  const fieldChoices = style.mode === 'graduated' ? numericFields : fields;

  return (
    <div className="imported-style" data-testid={`imported-style-${layer.id}`}>
      <label htmlFor={id('mode')}>{t('styleMode')}</label>
      <select id={id('mode')} value={style.mode} onChange={(event) => update({ mode: event.target.value as StyleMode })}>
        {STYLE_MODES.map((mode) => (
          <option key={mode} value={mode} disabled={mode === 'graduated' && numericFields.length === 0}>
            {t(MODE_TITLES[mode])}
          </option>
        ))}
      </select>
      {style.mode === 'single' && (
        <>
          <label htmlFor={id('color')}>{t('styleColor')}</label>
          <input id={id('color')} type="color" value={style.color} onChange={(event) => update({ color: event.target.value })} />
        </>
      )}
      {style.mode !== 'single' && (
        <>
          <label htmlFor={id('field')}>{t('styleField')}</label>
          <select id={id('field')} value={style.field ?? ''} onChange={(event) => update({ field: event.target.value })}>
            {fieldChoices.map((field) => (
              <option key={field.name} value={field.name}>
                {field.name}
              </option>
            ))}
          </select>
        </>
      )}
      {style.mode === 'graduated' && (
        <>
          <label htmlFor={id('method')}>{t('styleMethod')}</label>
          <select id={id('method')} value={style.method} onChange={(event) => update({ method: event.target.value as BreakMethod })}>
            {BREAK_METHODS.map((method) => (
              <option key={method} value={method}>
                {t(METHOD_TITLES[method])}
              </option>
            ))}
          </select>
          <label htmlFor={id('classes')}>{t('styleClassCount')}</label>
          <select id={id('classes')} value={style.classCount} onChange={(event) => update({ classCount: Number(event.target.value) })}>
            {CLASS_COUNTS.map((count) => (
              <option key={count} value={count}>
                {count}
              </option>
            ))}
          </select>
          <label htmlFor={id('palette')}>{t('stylePalette')}</label>
          <select id={id('palette')} value={style.palette} onChange={(event) => update({ palette: event.target.value as SequentialPalette })}>
            {SEQUENTIAL_PALETTES.map((palette) => (
              <option key={palette} value={palette}>
                {t(PALETTE_TITLES[palette])}
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor={id('radius')}>{t('stylePointRadius')}</label>
      <select id={id('radius')} value={style.pointRadius} onChange={(event) => update({ pointRadius: Number(event.target.value) })}>
        {withCurrent(RADII, style.pointRadius).map((radius) => (
          <option key={radius} value={radius}>
            {radius}
          </option>
        ))}
      </select>
      <label htmlFor={id('size')}>{t('styleSizeField')}</label>
      <select id={id('size')} value={style.sizeField ?? ''} onChange={(event) => update({ sizeField: event.target.value || null })}>
        <option value="">{t('styleNone')}</option>
        {numericFields.map((field) => (
          <option key={field.name} value={field.name}>
            {field.name}
          </option>
        ))}
      </select>
      <label htmlFor={id('line')}>{t('styleLineWidth')}</label>
      <select id={id('line')} value={style.lineWidth} onChange={(event) => update({ lineWidth: Number(event.target.value) })}>
        {withCurrent(LINE_WIDTHS, style.lineWidth).map((width) => (
          <option key={width} value={width}>
            {width}
          </option>
        ))}
      </select>
      <label htmlFor={id('opacity')}>{t('styleFillOpacity')}</label>
      <select id={id('opacity')} value={style.fillOpacity} onChange={(event) => update({ fillOpacity: Number(event.target.value) })}>
        {withCurrent(OPACITIES, style.fillOpacity).map((opacity) => (
          <option key={opacity} value={opacity}>
            {Math.round(opacity * 100)}%
          </option>
        ))}
      </select>
      <label htmlFor={id('label')}>{t('styleLabelField')}</label>
      <select id={id('label')} value={style.labelField ?? ''} onChange={(event) => update({ labelField: event.target.value || null })}>
        <option value="">{t('styleNone')}</option>
        {fields.map((field) => (
          <option key={field.name} value={field.name}>
            {field.name}
          </option>
        ))}
      </select>
      <p className="hint imported-style-note">{t('styleNotExported')}</p>
      <button type="button" onClick={onClose}>
        {t('styleClose')}
      </button>
    </div>
  );
}

/** The fixed choices plus the current value (a project file may hold another valid one). */
const withCurrent = (choices: readonly number[], current: number) => (choices.includes(current) ? choices : [...choices, current].sort((a, b) => a - b));
