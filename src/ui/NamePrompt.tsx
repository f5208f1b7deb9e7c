// A name asked for when a feature is finished (drawn or placed by typed
// coordinates): a small form under the toolbar, never a modal. Skipping keeps
// the default name; a given name is one more undoable edit (the drawing and
// its name undo separately, as in QGIS's attribute form after digitising).
import { useEffect, useRef, useState } from 'react';
import { setProperties } from '../domain/edits';
import { isPlanLayer } from '../domain/newFeature';
import { useSketch } from '../state/sketchState';
import { useAppContext, useScenario, useTranslate, useView } from './context';
import { layerOf } from './useEditing';

/** The English name a drawn plan feature starts with (newPlanFeature): replaced by the given name too. */
const DEFAULT_NAME_EN = 'New feature';

export function NamePrompt() {
  const t = useTranslate();
  const { scenarioStore } = useAppContext();
  const naming = useSketch((state) => state.naming);
  const askName = useSketch((state) => state.askName);
  const tool = useView((state) => state.tool);
  const scenario = useScenario((state) => state.current());
  const [name, setName] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const featureId = naming?.featureId ?? null;
  const layerId = featureId ? layerOf(scenario, featureId) : null;

  // Another tool, or the feature gone (undone, deleted): the question no longer stands.
  const toolRef = useRef(tool);
  useEffect(() => {
    if (toolRef.current !== tool) askName(null);
    toolRef.current = tool;
  }, [tool, askName]);
  useEffect(() => {
    if (featureId && !layerId) askName(null);
  }, [featureId, layerId, askName]);
  useEffect(() => {
    setName('');
    if (featureId) inputRef.current?.focus();
  }, [featureId]);

  if (!featureId || !layerId) return null;
  const save = () => {
    const trimmed = name.trim();
    askName(null);
    if (!trimmed) return;
    const current = scenarioStore.getState().current();
    const feature = current.layers.find((layer) => layer.id === layerId)?.features.find((item) => item.properties.id === featureId);
    if (!feature) return;
    const changes: Record<string, unknown> = { name: trimmed };
    if (isPlanLayer(layerId) && feature.properties.name_en === DEFAULT_NAME_EN) changes.name_en = trimmed;
    const edit = setProperties(current, layerId, featureId, changes);
    if (edit) scenarioStore.getState().applyEdit(edit);
  };
  return (
    <form
      className="name-prompt"
      data-testid="name-prompt"
      aria-label={t('namePromptLabel')}
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <label>
        <span>{t('namePromptLabel')}</span>
        <input
          ref={inputRef}
          value={name}
          placeholder={t('namePromptPlaceholder')}
          maxLength={120}
          onChange={(event) => setName(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              askName(null);
            }
          }}
        />
      </label>
      <button type="submit">{t('namePromptSave')}</button>
      <button type="button" onClick={() => askName(null)}>
        {t('namePromptSkip')}
      </button>
    </form>
  );
}
