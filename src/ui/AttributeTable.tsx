// The attribute table: one layer's features as rows, filtered, sorted and
// edited in place. Every edit goes through the scenario store (setProperties →
// applyEdit), so table and map edits share one undo history and one set of
// checks. Values are rendered as text only, never as markup.
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  editText,
  featureLabel,
  filterFeatures,
  formatCell,
  layerColumns,
  parseCell,
  sortFeatures,
  validateFieldName,
  type Column,
  type CountyOption,
  type SortDirection,
} from '../domain/attributeSchema';
import { countyNamesByAdcode } from '../domain/counties';
import { formatArea, formatLength, measureGeometry } from '../domain/measure';
import { setProperties } from '../domain/edits';
import { BASELINE_SCENARIO_ID, type ScenarioFeature } from '../domain/scenario';
import type { LocalizedText } from '../i18n/text';
import { translate, type Language } from '../i18n/dictionary';
import { useAppContext, useScenario, useTranslate, useView } from './context';
import { downloadLayerCsv, downloadLayerXlsx } from './ExportMenu';
import './attributeTable.css';

/** Applies one cell's typed value; returns why it was refused, or null. */
type CommitCell = (layerId: string, featureId: string, key: string, value: unknown) => LocalizedText | null;

export function AttributeTable() {
  const t = useTranslate();
  const { scenarioStore, base } = useAppContext();
  const scenario = useScenario((state) => state.current());
  const language = useView((state) => state.language);
  const selectedId = useView((state) => state.selectedFeatureId);
  const selectFeature = useView((state) => state.selectFeature);
  const editable = scenario.id !== BASELINE_SCENARIO_ID;

  const counties = useMemo<CountyOption[]>(
    () => [...countyNamesByAdcode(base.counties)].map(([adcode, name]) => ({ adcode, zh: name.zh, en: name.en })),
    [base.counties],
  );

  const [chosenLayerId, setChosenLayerId] = useState<string | null>(null);
  const layer = scenario.layers.find((candidate) => candidate.id === chosenLayerId) ?? scenario.layers[0];
  const layerId = layer?.id ?? '';

  // A feature selected elsewhere (the map, a list) brings its layer into the table.
  const scenarioRef = useRef(scenario);
  scenarioRef.current = scenario;
  useEffect(() => {
    if (selectedId === null) return;
    const owner = scenarioRef.current.layers.find((candidate) => candidate.features.some((feature) => feature.properties.id === selectedId));
    if (owner) setChosenLayerId(owner.id);
  }, [selectedId]);

  const [addedFields, setAddedFields] = useState<Record<string, string[]>>({});
  const extraFields = addedFields[layerId];
  const columns = useStableColumns(
    useMemo(() => (layer ? layerColumns(layer, counties, extraFields) : []), [layer, counties, extraFields]),
  );

  const [exportError, setExportError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [sort, setSort] = useState<{ key: string; direction: SortDirection } | null>(null);
  const sortColumn = sort ? columns.find((column) => column.key === sort.key) : undefined;
  const features = layer?.features;
  // Lines and polygons get a computed length/area column (geodesic; not a stored field, never exported as one).
  const showSize = useMemo(() => (features ?? []).some((feature) => measureGeometry(feature.geometry) !== null), [features]);
  // Rows edited under the current filter stay listed even when the edit makes
  // them stop matching it (renaming a row must not make it vanish under the
  // planner's cursor); a new filter or layer starts afresh.
  const filterKey = `${layerId}\u0000${deferredQuery}`;
  const [editedUnderFilter, setEditedUnderFilter] = useState<{ filterKey: string; ids: ReadonlySet<string> }>({ filterKey, ids: new Set() });
  const keptIds = editedUnderFilter.filterKey === filterKey ? editedUnderFilter.ids : null;
  const rows = useMemo(() => {
    if (!features) return [];
    const matching = filterFeatures(features, columns, deferredQuery, language);
    const shown = new Set(matching.map((feature) => feature.properties.id));
    const kept = keptIds ? features.filter((feature) => keptIds.has(feature.properties.id) && !shown.has(feature.properties.id)) : [];
    return sortFeatures([...matching, ...kept], sortColumn, sort?.direction ?? 'asc', language);
  }, [features, columns, deferredQuery, language, sortColumn, sort?.direction, keptIds]);
  const keepRow = useCallback(
    (featureId: string) =>
      setEditedUnderFilter((current) => ({
        filterKey,
        ids: new Set([...(current.filterKey === filterKey ? current.ids : []), featureId]),
      })),
    [filterKey],
  );

  const commitCell = useCallback<CommitCell>(
    (targetLayer, featureId, key, value) => {
      const state = scenarioStore.getState();
      let edit;
      try {
        edit = setProperties(state.current(), targetLayer, featureId, { [key]: value });
      } catch (error) {
        const message = (error as Error).message;
        return { zh: message, en: message };
      }
      if (edit === null) return null;
      if (state.applyEdit(edit)) {
        keepRow(featureId);
        return null;
      }
      const problem = scenarioStore.getState().editProblems?.[0];
      return problem
        ? problem.message
        : { zh: '编辑未保存。', en: 'The edit was not saved.' };
    },
    [scenarioStore, keepRow],
  );

  // The selected row stays in view (inside the drawer's own scrolling).
  const scrollRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (selectedId === null) return;
    const row = scrollRef.current?.querySelector(`tr[data-feature-id="${CSS.escape(selectedId)}"]`);
    row?.scrollIntoView({ block: 'nearest' });
  }, [selectedId, layerId]);

  const toggleSort = (key: string) =>
    setSort((current) => (current?.key === key ? { key, direction: current.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: 'asc' }));

  if (!layer) {
    return (
      <section className="attribute-table" data-testid="attribute-table" aria-label={t('attrTableHeading')}>
        <p className="attr-note">{t('attrNoRows')}</p>
      </section>
    );
  }

  return (
    <section className="attribute-table" data-testid="attribute-table" aria-label={t('attrTableHeading')}>
      <div className="attr-toolbar">
        <h2 className="attr-heading">{t('attrTableHeading')}</h2>
        <select
          aria-label={t('attrLayerLabel')}
          data-testid="attr-layer"
          value={layer.id}
          onChange={(event) => {
            setChosenLayerId(event.target.value);
            setSort(null);
          }}
        >
          {scenario.layers.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {`${candidate.title[language]}（${candidate.features.length}）`}
            </option>
          ))}
        </select>
        <input
          type="search"
          className="attr-filter"
          data-testid="attr-filter"
          aria-label={t('attrFilterLabel')}
          placeholder={t('attrFilterPlaceholder')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <span className="attr-count" aria-live="polite">
          {t('attrRowCount', { shown: rows.length, total: layer.features.length })}
        </span>
        <button
          type="button"
          className="attr-button"
          data-testid="attr-export-csv"
          title={t('attrExportCsvTitle')}
          onClick={() =>
            downloadLayerCsv(scenario, layer, counties, language).then(
              () => setExportError(null),
              (error: unknown) => setExportError(t('exportFailed', { message: error instanceof Error ? error.message : String(error) })),
            )
          }
        >
          {t('attrExportCsv')}
        </button>
        <button
          type="button"
          className="attr-button"
          data-testid="attr-export-xlsx"
          title={t('attrExportXlsxTitle')}
          onClick={() =>
            downloadLayerXlsx(scenario, layer, counties, language).then(
              () => setExportError(null),
              (error: unknown) => setExportError(t('exportFailed', { message: error instanceof Error ? error.message : String(error) })),
            )
          }
        >
          {t('attrExportXlsx')}
        </button>
        {exportError && (
          <span role="alert" className="error-text">
            {exportError}
          </span>
        )}
        {editable && (
          <AddField
            key={layer.id}
            columns={columns}
            language={language}
            onAdd={(name) => setAddedFields((current) => ({ ...current, [layer.id]: [...(current[layer.id] ?? []), name] }))}
          />
        )}
      </div>
      {!editable && (
        <p className="attr-note" data-testid="attr-readonly-note">
          {t('attrReadOnlyNote')}
        </p>
      )}
      <div className="attr-scroll" ref={scrollRef}>
        <table className="attr-grid">
          <thead>
            <tr>
              {columns.map((column) => {
                const sorted = sort?.key === column.key ? sort.direction : null;
                return (
                  <th
                    key={column.key}
                    scope="col"
                    data-field={column.key}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                    className={column.type === 'readonly' ? 'readonly' : undefined}
                  >
                    <button
                      type="button"
                      title={`${t('attrSortBy', { name: column.title[language] })}${column.type === 'readonly' ? ` · ${t('attrReadOnlyField')}` : ''}`}
                      onClick={() => toggleSort(column.key)}
                    >
                      {column.title[language]}
                      <span className="sort-mark" aria-hidden="true">
                        {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                      </span>
                    </button>
                  </th>
                );
              })}
              {showSize && (
                <th scope="col" data-field="__size" className="readonly" title={t('attrReadOnlyField')}>
                  {t('fieldSize')}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((feature) => (
              <Row
                key={feature.properties.id}
                feature={feature}
                layerId={layer.id}
                columns={columns}
                selected={feature.properties.id === selectedId}
                editable={editable}
                language={language}
                showSize={showSize}
                onSelect={selectFeature}
                onCommit={commitCell}
              />
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="attr-note">{t('attrNoRows')}</p>}
      </div>
    </section>
  );
}

/** Keeps the same array while the columns are the same, so memoised rows skip re-rendering. */
function useStableColumns(columns: Column[]): Column[] {
  const previous = useRef<{ signature: string; columns: Column[] } | null>(null);
  const signature = JSON.stringify(columns);
  if (previous.current?.signature !== signature) previous.current = { signature, columns };
  return previous.current.columns;
}

interface RowProps {
  feature: ScenarioFeature;
  layerId: string;
  columns: Column[];
  selected: boolean;
  editable: boolean;
  language: Language;
  showSize: boolean;
  onSelect: (id: string) => void;
  onCommit: CommitCell;
}

const Row = memo(function Row({ feature, layerId, columns, selected, editable, language, showSize, onSelect, onCommit }: RowProps) {
  const id = feature.properties.id;
  const name = featureLabel(feature.properties, language);
  return (
    <tr
      data-feature-id={id}
      aria-selected={selected}
      className={selected ? 'selected' : undefined}
      // Read-only rows are reached by Tab themselves; editable rows through their cells.
      tabIndex={editable ? -1 : 0}
      onClick={() => {
        if (!selected) onSelect(id);
      }}
      onFocus={() => {
        if (!selected) onSelect(id);
      }}
      onKeyDown={(event) => {
        if (event.target === event.currentTarget && (event.key === 'Enter' || event.key === ' ')) {
          event.preventDefault();
          onSelect(id);
        }
      }}
    >
      {columns.map((column) => (
        <td key={column.key} data-field={column.key} data-testid={`attr-cell-${id}-${column.key}`} className={`type-${column.type}`}>
          <Cell
            column={column}
            value={feature.properties[column.key]}
            editable={editable}
            language={language}
            label={translate(language, 'attrCellLabel', { field: column.title[language], name })}
            rowName={name}
            onCommit={(value) => onCommit(layerId, id, column.key, value)}
          />
        </td>
      ))}
      {showSize && (
        <td data-field="__size" data-testid={`attr-size-${id}`} className="type-readonly">
          <SizeCell feature={feature} language={language} />
        </td>
      )}
    </tr>
  );
});

function SizeCell({ feature, language }: { feature: ScenarioFeature; language: Language }) {
  const measurement = measureGeometry(feature.geometry);
  if (!measurement) return null;
  return <>{measurement.kind === 'length' ? formatLength(measurement.metres, language) : formatArea(measurement.squareMetres, language)}</>;
}

interface CellProps {
  column: Column;
  value: unknown;
  editable: boolean;
  language: Language;
  /** The accessible name: “名称 — 泌阳冷链物流片区”. */
  label: string;
  rowName: string;
  onCommit: (value: unknown) => LocalizedText | null;
}

function Cell(props: CellProps) {
  const { column, value, editable, language } = props;
  if (!editable || column.type === 'readonly') {
    const shown = formatCell(column, value, language);
    return (
      <span className="cell-text" title={shown}>
        {shown}
      </span>
    );
  }
  if (column.type === 'enum') return <EnumCell {...props} />;
  if (column.type === 'enum-multi') return <MultiCell {...props} />;
  return <TextCell {...props} />;
}

function CellError({ error, language, id }: { error: LocalizedText | null; language: Language; id: string }) {
  if (!error) return null;
  return (
    <span className="cell-error" role="alert" id={id}>
      {error[language]}
    </span>
  );
}

let nextErrorId = 0;
function useErrorId() {
  const ref = useRef<string | null>(null);
  if (ref.current === null) ref.current = `attr-error-${++nextErrorId}`;
  return ref.current;
}

/** text / number: edited in a draft, committed on Enter or blur, Esc restores. */
function TextCell({ column, value, language, label, onCommit }: CellProps) {
  const original = editText(column, value);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<LocalizedText | null>(null);
  const cancelled = useRef(false);
  const errorId = useErrorId();

  const commit = () => {
    if (draft === null || draft === original) {
      setDraft(null);
      setError(null);
      return;
    }
    const parsed = parseCell(column, draft);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    const refused = onCommit(parsed.value);
    if (refused) {
      setError(refused);
      return;
    }
    setDraft(null);
    setError(null);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setDraft(null);
      setError(null);
      cancelled.current = true;
      event.currentTarget.blur();
    }
  };

  return (
    <>
      <input
        type="text"
        inputMode={column.type === 'number' ? 'decimal' : undefined}
        className={column.type === 'number' ? 'cell-input number' : 'cell-input'}
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        data-field={column.key}
        value={draft ?? original}
        title={draft ?? original}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          if (cancelled.current) {
            cancelled.current = false;
            return;
          }
          commit();
        }}
      />
      <CellError error={error} language={language} id={errorId} />
    </>
  );
}

function EnumCell({ column, value, language, label, onCommit }: CellProps) {
  const [error, setError] = useState<LocalizedText | null>(null);
  const errorId = useErrorId();
  const options = column.options ?? [];
  const current = value === null || value === undefined ? '' : String(value);
  const known = current === '' || options.some((candidate) => candidate.value === current);
  return (
    <>
      <select
        className="cell-select"
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        data-field={column.key}
        value={current}
        onChange={(event) => {
          const parsed = parseCell(column, event.target.value);
          setError(parsed.ok ? onCommit(parsed.value) : parsed.error);
        }}
      >
        {(column.nullable || current === '') && (
          <option value="" disabled={!column.nullable}>
            {translate(language, 'attrEmptyOption')}
          </option>
        )}
        {!known && <option value={current}>{current}</option>}
        {options.map((candidate) => (
          <option key={candidate.value} value={candidate.value}>
            {candidate.label[language]}
          </option>
        ))}
      </select>
      <CellError error={error} language={language} id={errorId} />
    </>
  );
}

function MultiCell({ column, value, language, label, rowName, onCommit }: CellProps) {
  const [error, setError] = useState<LocalizedText | null>(null);
  const errorId = useErrorId();
  const chosen = Array.isArray(value) ? value.map(String) : [];
  const options = column.options ?? [];
  const toggle = (optionValue: string, on: boolean) => {
    const next = on ? [...chosen, optionValue] : chosen.filter((item) => item !== optionValue);
    const parsed = parseCell(column, next.join(','));
    setError(parsed.ok ? onCommit(parsed.value) : parsed.error);
  };
  return (
    <>
      <div className="cell-multi" role="group" aria-label={label} aria-describedby={error ? errorId : undefined} data-field={column.key}>
        {options.map((candidate) => (
          <label key={candidate.value}>
            <input
              type="checkbox"
              aria-label={translate(language, 'attrOptionLabel', {
                field: column.title[language],
                name: rowName,
                option: candidate.label[language],
              })}
              value={candidate.value}
              checked={chosen.includes(candidate.value)}
              onChange={(event) => toggle(candidate.value, event.target.checked)}
            />
            {candidate.label[language]}
          </label>
        ))}
      </div>
      <CellError error={error} language={language} id={errorId} />
    </>
  );
}

/** “Add field”: an inline name input; refuses names already there and the read-only ones. */
function AddField({ columns, language, onAdd }: { columns: Column[]; language: Language; onAdd: (name: string) => void }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<LocalizedText | null>(null);
  const errorId = useErrorId();
  const close = () => {
    setOpen(false);
    setName('');
    setError(null);
  };
  const submit = () => {
    const problem = validateFieldName(name, columns);
    if (problem) {
      setError(problem);
      return;
    }
    onAdd(name.trim());
    close();
  };
  if (!open)
    return (
      <button type="button" className="attr-button" data-testid="attr-add-field" onClick={() => setOpen(true)}>
        {translate(language, 'attrAddField')}
      </button>
    );
  return (
    <span className="attr-add-field">
      <input
        autoFocus
        aria-label={translate(language, 'attrNewFieldLabel')}
        data-testid="attr-new-field"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        value={name}
        onChange={(event) => {
          setName(event.target.value);
          setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            submit();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            close();
          }
        }}
      />
      <button type="button" className="attr-button" onClick={submit}>
        {translate(language, 'attrAddFieldConfirm')}
      </button>
      <button type="button" className="attr-button" onClick={close}>
        {translate(language, 'attrAddFieldCancel')}
      </button>
      <CellError error={error} language={language} id={errorId} />
    </span>
  );
}
