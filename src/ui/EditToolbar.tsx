import { nextRedoLabel, nextUndoLabel } from '../domain/history';
import { LAYER_DEFINITIONS } from '../domain/layers';
import type { MessageKey } from '../i18n/dictionary';
import type { DrawTool } from '../state/viewState';
import { useState } from 'react';
import { useDataset, useScenario, useTranslate, useView } from './context';
import { lazyPart } from './lazyPart';
import { DrawReadout } from './DrawReadout';
import { NamePrompt } from './NamePrompt';

const TOOLS: { tool: DrawTool; label: MessageKey; icon: string }[] = [
  { tool: 'browse', label: 'toolBrowse', icon: '☝' },
  { tool: 'select', label: 'toolSelect', icon: '✥' },
  { tool: 'point', label: 'toolPoint', icon: '•' },
  { tool: 'linestring', label: 'toolLine', icon: '╱' },
  { tool: 'polygon', label: 'toolPolygon', icon: '▱' },
  { tool: 'measure-line', label: 'toolMeasureLine', icon: '↔' },
  { tool: 'measure-area', label: 'toolMeasureArea', icon: '◪' },
];

/** `paused`: the map is drawn shifted (a GCJ-02 basemap), so drawing and reshaping wait, and the toolbar says why. */
/** A class title without its parenthesised list ("方案 B：城镇化规划（老城区、…）" → "方案 B：城镇化规划"). */
export function shortClassTitle(title: string): string {
  return title.replace(/\s*[（(][^（()）]*[)）]\s*$/, '');
}

// Loaded when first opened: reading Gauss–Krüger metres brings proj4, which the first map does not need.
const CoordinateEntry = lazyPart(() => import('./CoordinateEntry'), (module) => module.CoordinateEntry, 'areaCoordinateEntry');

export function EditToolbar({ onDelete, paused = false }: { onDelete: () => void; paused?: boolean }) {
  const t = useTranslate();
  const language = useView((state) => state.language);
  const tool = useView((state) => state.tool);
  const setTool = useView((state) => state.setTool);
  const selectedId = useView((state) => state.selectedFeatureId);
  const drawTarget = useView((state) => state.drawTarget);
  const setDrawTarget = useView((state) => state.setDrawTarget);
  const setShortcutsOpen = useView((state) => state.setShortcutsOpen);
  const attributeTableOpen = useView((state) => state.attributeTableOpen);
  const setAttributeTableOpen = useView((state) => state.setAttributeTableOpen);
  const history = useScenario((state) => state.histories[state.currentId]);
  const undo = useScenario((state) => state.undo);
  const redo = useScenario((state) => state.redo);
  const dataset = useDataset();
  const [typingCoordinates, setTypingCoordinates] = useState(false);
  const undoLabel = history ? nextUndoLabel(history) : null;
  const redoLabel = history ? nextRedoLabel(history) : null;
  const describe = (label: { zh: string; en: string } | null, key: 'toolUndoWhat' | 'toolRedoWhat', fallback: MessageKey) =>
    label ? t(key, { label: language === 'en' ? label.en : label.zh }) : t(fallback);

  // Grouped by layer, each class by its short title: the full titles list the districts (up to ~700 px in
  // English) and belong to the legend; a picker that cuts them off says less than one that shortens them.
  const groups = [
    ...LAYER_DEFINITIONS.map((layer) => ({
      label: t(layer.title),
      options: layer.classes.map((cls) => ({ value: `${layer.id}|${cls.key}`, label: shortClassTitle(t(cls.title)), full: `${t(layer.title)} · ${t(cls.title)}` })),
    })),
    ...((dataset.imported ?? []).length > 0
      ? [
          {
            label: t('drawTargetImported'),
            options: (dataset.imported ?? []).map((layer) => {
              const title = language === 'en' ? layer.title.en : layer.title.zh;
              return { value: `${layer.id}|`, label: title, full: title };
            }),
          },
        ]
      : []),
  ];
  const selectedValue = `${drawTarget.layer}|${drawTarget.classKey}`;
  const selectedFull = groups.flatMap((group) => group.options).find((option) => option.value === selectedValue)?.full;

  return (
    <div className="edit-toolbar" role="toolbar" aria-label={t('toolbarLabel')}>
      {TOOLS.map((item) => (
        <button
          key={item.tool}
          type="button"
          aria-pressed={(paused ? 'browse' : tool) === item.tool}
          aria-label={t(item.label)}
          title={t(item.label)}
          disabled={paused && item.tool !== 'browse'}
          onClick={() => setTool(item.tool)}
        >
          {item.icon}
        </button>
      ))}
      <button
        type="button"
        aria-pressed={typingCoordinates}
        aria-label={t('typedCoordinateButton')}
        title={t('typedCoordinateButton')}
        data-testid="coordinate-button"
        onClick={() => setTypingCoordinates(!typingCoordinates)}
      >
        ⊕
      </button>
      <button type="button" aria-label={t('toolDelete')} title={t('toolDelete')} disabled={!selectedId} onClick={onDelete}>
        🗑
      </button>
      <button type="button" aria-label={t('toolUndo')} title={describe(undoLabel, 'toolUndoWhat', 'toolUndo')} disabled={!undoLabel} onClick={undo}>
        ↶
      </button>
      <button type="button" aria-label={t('toolRedo')} title={describe(redoLabel, 'toolRedoWhat', 'toolRedo')} disabled={!redoLabel} onClick={redo}>
        ↷
      </button>
      <button
        type="button"
        aria-pressed={attributeTableOpen}
        aria-label={t('attributeTableButton')}
        title={t('attributeTableButton')}
        onClick={() => setAttributeTableOpen(!attributeTableOpen)}
      >
        ▦
      </button>
      <button type="button" aria-label={t('shortcutsButton')} title={t('shortcutsButton')} onClick={() => setShortcutsOpen(true)}>
        ?
      </button>
      <label className="draw-target">
        <span>{t('drawTargetLabel')}</span>
        <select
          value={selectedValue}
          title={selectedFull}
          onChange={(event) => {
            const [layer = '', classKey = ''] = event.currentTarget.value.split('|');
            setDrawTarget({ layer, classKey });
          }}
        >
          {groups.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.options.map((option) => (
                <option key={option.value} value={option.value} title={option.full}>
                  {option.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      {paused && (
        <p className="edit-paused" role="status" data-testid="edit-paused">
          {t('editPausedGcj02')}
        </p>
      )}
      {typingCoordinates && <CoordinateEntry onClose={() => setTypingCoordinates(false)} />}
      <NamePrompt />
      <DrawReadout />
    </div>
  );
}
