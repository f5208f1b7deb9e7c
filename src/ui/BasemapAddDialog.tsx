// 添加底图: a tile service (URL template), a WMTS layer (read from its
// capabilities), 天地图 with the planner's own key, a MapLibre style URL (read
// once, keys kept apart), or an offline tile package (a file kept in this browser). Every record is checked the way a stored one
// is (kind, access, datum, the deployment's tile origins) before it is added,
// and a refusal is said here, in the planner's language.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { BasemapCrs, BasemapSource } from '../domain/basemap';
import { originProblem } from '../domain/basemapOrigins';
import { parseWmtsCapabilities, wmtsTileSource, type WmtsCapabilities } from '../io/basemap/wmtsCapabilities';
import { inLanguage, type LocalizedText } from '../i18n/text';
import type { MessageKey } from '../i18n/dictionary';
import { TIANDITU_PRESETS, tiandituKeyProblem, tiandituRecord } from '../map/basemap/kinds/tianditu';
import { basemapRefusal } from '../map/basemap/refusal';
import { ALLOWED_TILE_ORIGINS } from '../map/basemap/tileOrigins';
import { addPackageFile } from '../map/basemap/packages';
import { styleKeysId } from '../map/basemap/kinds/styleUrl';
import { readStyleUrl } from '../map/basemap/styleLoading';
import { useAppContext, useTranslate, useView } from './context';

type Tab = 'tiles' | 'wmts' | 'tianditu' | 'style' | 'package';
const TABS: readonly { id: Tab; label: MessageKey }[] = [
  { id: 'tiles', label: 'basemapAddTabTiles' },
  { id: 'wmts', label: 'basemapAddTabWmts' },
  { id: 'tianditu', label: 'basemapAddTabTianditu' },
  { id: 'style', label: 'basemapAddTabStyle' },
  { id: 'package', label: 'basemapAddTabPackage' },
];
const CRS_CHOICES: readonly BasemapCrs[] = ['wgs84', 'cgcs2000', 'gcj02'];

const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const same = (text: string): LocalizedText => ({ zh: text, en: text });

export function BasemapAddDialog({ onClose }: { onClose: () => void }) {
  const t = useTranslate();
  const language = useView((state) => state.language);
  const keys = useView((state) => state.basemapKeys);
  const addBasemaps = useView((state) => state.addBasemaps);
  const setBasemapKey = useView((state) => state.setBasemapKey);
  const { base } = useAppContext();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [tab, setTab] = useState<Tab>('tiles');
  const [problem, setProblem] = useState<LocalizedText | null>(null);
  const [busy, setBusy] = useState(false);
  // Tile URL
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState('');
  const [subdomains, setSubdomains] = useState('');
  const [attribution, setAttribution] = useState('');
  const [crs, setCrs] = useState<BasemapCrs>('wgs84');
  const [maxZoom, setMaxZoom] = useState(18);
  const [overlay, setOverlay] = useState(false);
  // WMTS
  const [capabilitiesUrl, setCapabilitiesUrl] = useState('');
  const [capabilities, setCapabilities] = useState<WmtsCapabilities | null>(null);
  const [layerId, setLayerId] = useState('');
  // MapLibre style
  const [styleUrl, setStyleUrl] = useState('');
  // 天地图
  const [key, setKey] = useState(keys.tianditu ?? '');
  const [preset, setPreset] = useState(TIANDITU_PRESETS[0]!.id);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    dialog.showModal();
    return () => dialog.close();
  }, []);

  const context = { counties: base.counties, context: base.context, language, keys: { ...keys, tianditu: key.trim() } };
  /** Adds the records if each can be drawn here; otherwise says why and adds nothing. */
  const tryAdd = (records: BasemapSource[], extraKeys: Record<string, string> = {}) => {
    for (const record of records) {
      const refusal = basemapRefusal(record, { ...context, keys: { ...context.keys, ...extraKeys } }, ALLOWED_TILE_ORIGINS);
      if (refusal) {
        setProblem(refusal);
        return;
      }
    }
    for (const [service, value] of Object.entries(extraKeys)) setBasemapKey(service, value);
    addBasemaps(records);
    onClose();
  };

  /** Reads the style (every address checked against the deployment's origins first), then adds it; its keys go to this browser's key store only. */
  const addStyle = async () => {
    setBusy(true);
    const id = newId('style');
    const read = await readStyleUrl(styleUrl, ALLOWED_TILE_ORIGINS, { id, title, attribution, crs });
    setBusy(false);
    if (!read.ok) return setProblem(read.reason);
    tryAdd([read.record], Object.keys(read.keys).length > 0 ? { [styleKeysId(id)]: JSON.stringify(read.keys) } : {});
  };

  const credit = (fallback: string) => {
    const text = attribution.trim() || fallback;
    return { attribution: [same(text)], mapAttribution: same(text) };
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (tab === 'tiles') {
      const name = title.trim() || template.trim();
      tryAdd([
        {
          id: newId('xyz'),
          kind: 'xyz',
          title: same(name),
          ...credit(name),
          minZoom: 0,
          maxZoom,
          crs,
          access: { template: template.trim(), subdomains: subdomains.trim(), ...(overlay && { overlay: true }) },
        },
      ]);
    } else if (tab === 'wmts') {
      if (!capabilities) return;
      const source = wmtsTileSource(capabilities, layerId);
      if (!source.ok) return setProblem(source.reason);
      const name = title.trim() || source.value.title;
      tryAdd([
        {
          id: newId('wmts'),
          kind: 'wmts',
          title: same(name),
          ...credit(capabilities.title || name),
          minZoom: source.value.minZoom,
          maxZoom: source.value.maxZoom,
          crs,
          access: {
            template: source.value.template,
            capabilitiesUrl: capabilitiesUrl.trim(),
            layer: source.value.layer,
            matrixSet: source.value.matrixSet,
            tileSize: source.value.tileSize,
            ...(overlay && { overlay: true }),
          },
        },
      ]);
    } else if (tab === 'style') {
      void addStyle();
    } else if (tab === 'tianditu') {
      const keyProblem = tiandituKeyProblem(key.trim());
      if (keyProblem) return setProblem(keyProblem);
      setBasemapKey('tianditu', key.trim());
      const layers = TIANDITU_PRESETS.find((candidate) => candidate.id === preset)?.layers ?? [];
      tryAdd(layers.map(tiandituRecord));
    }
  };

  /** Reads the capabilities, after checking their server is one this deployment may reach. */
  const readCapabilities = async () => {
    setProblem(null);
    setCapabilities(null);
    const url = capabilitiesUrl.trim();
    const refusal = originProblem([url], ALLOWED_TILE_ORIGINS);
    if (refusal) return setProblem(refusal);
    setBusy(true);
    try {
      const response = await fetch(url);
      if (!response.ok) return setProblem({ zh: `读取能力文档失败：HTTP ${response.status}`, en: `reading the capabilities failed: HTTP ${response.status}` });
      const read = parseWmtsCapabilities(await response.text());
      if (!read.ok) return setProblem(read.reason);
      setCapabilities(read.value);
      setLayerId(read.value.layers[0]!.identifier);
    } catch (error) {
      setProblem({ zh: `无法连接 ${url}：${(error as Error).message}`, en: `cannot reach ${url}: ${(error as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  const readPackage = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    setBusy(true);
    const added = await addPackageFile(file);
    setBusy(false);
    if (!added.ok) return setProblem(added.reason);
    tryAdd([added.value]);
  };

  const crsField = (
    <label>
      {t('basemapFieldCrs')}{' '}
      <select value={crs} onChange={(event) => setCrs(event.currentTarget.value as BasemapCrs)} data-testid="basemap-crs">
        {CRS_CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {t(`basemapCrs_${choice}` as MessageKey)}
          </option>
        ))}
      </select>
    </label>
  );
  // The name, credit and datum every added source has (the style tab has no overlay choice: a style draws its own layers).
  const nameFields = (
    <>
      <label>
        {t('basemapFieldTitle')} <input type="text" value={title} maxLength={80} onChange={(event) => setTitle(event.currentTarget.value)} data-testid="basemap-title" />
      </label>
      <label>
        {t('basemapFieldAttribution')}{' '}
        <input type="text" value={attribution} maxLength={200} onChange={(event) => setAttribution(event.currentTarget.value)} data-testid="basemap-attribution" />
      </label>
      {crsField}
    </>
  );
  const creditFields = (
    <>
      {nameFields}
      <label className="check">
        <input type="checkbox" checked={overlay} onChange={(event) => setOverlay(event.currentTarget.checked)} />
        {t('basemapFieldOverlay')}
      </label>
    </>
  );

  return (
    <dialog ref={ref} className="ask-dialog basemap-add" aria-labelledby={titleId} onCancel={onClose} data-testid="basemap-add-dialog">
      <form onSubmit={submit}>
        <h2 id={titleId}>{t('basemapAddHeading')}</h2>
        <div role="tablist">
          {TABS.map((item) => (
            <button
              key={item.id}
              type="button"
              role="tab"
              aria-selected={tab === item.id}
              onClick={() => {
                setTab(item.id);
                setProblem(null);
              }}
            >
              {t(item.label)}
            </button>
          ))}
        </div>
        {tab === 'tiles' && (
          <>
            <label>
              {t('basemapFieldTemplate')}{' '}
              {/* Text, not type=url: a template's host may hold {s} or t{0-7}, which URL validation would refuse before our own check explains it. */}
              <input type="text" inputMode="url" spellCheck={false} value={template} required onChange={(event) => setTemplate(event.currentTarget.value)} data-testid="basemap-template" />
            </label>
            <label>
              {t('basemapFieldSubdomains')} <input type="text" value={subdomains} onChange={(event) => setSubdomains(event.currentTarget.value)} />
            </label>
            <label>
              {t('basemapFieldMaxZoom')}{' '}
              <input type="number" min={1} max={24} value={maxZoom} onChange={(event) => setMaxZoom(Math.min(24, Math.max(1, Number(event.currentTarget.value) || 18)))} />
            </label>
            {creditFields}
          </>
        )}
        {tab === 'wmts' && (
          <>
            <label>
              {t('basemapFieldCapabilities')}{' '}
              <input type="url" value={capabilitiesUrl} onChange={(event) => setCapabilitiesUrl(event.currentTarget.value)} data-testid="basemap-capabilities" />
            </label>
            <button type="button" onClick={() => void readCapabilities()} disabled={busy || capabilitiesUrl.trim() === ''}>
              {t('basemapReadCapabilities')}
            </button>
            {capabilities && (
              <label>
                {t('basemapFieldLayer')}{' '}
                <select value={layerId} onChange={(event) => setLayerId(event.currentTarget.value)} data-testid="basemap-wmts-layer">
                  {capabilities.layers.map((layer) => (
                    <option key={layer.identifier} value={layer.identifier}>
                      {layer.title} ({layer.identifier})
                    </option>
                  ))}
                </select>
              </label>
            )}
            {creditFields}
          </>
        )}
        {tab === 'tianditu' && (
          <>
            <label>
              {t('basemapFieldKey')}{' '}
              <input type="password" autoComplete="off" value={key} onChange={(event) => setKey(event.currentTarget.value)} data-testid="basemap-tianditu-key" />
            </label>
            <label>
              {t('basemapFieldPreset')}{' '}
              <select value={preset} onChange={(event) => setPreset(event.currentTarget.value)}>
                {TIANDITU_PRESETS.map((item) => (
                  <option key={item.id} value={item.id}>
                    {inLanguage(item.title, language)}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        {tab === 'style' && (
          <>
            <label>
              {t('basemapFieldStyleUrl')}{' '}
              <input type="text" inputMode="url" spellCheck={false} value={styleUrl} required onChange={(event) => setStyleUrl(event.currentTarget.value)} data-testid="basemap-style-url" />
            </label>
            <p className="basemap-datum">{t('basemapStyleKeyNote')}</p>
            {nameFields}
          </>
        )}
        {tab === 'package' && (
          <div
            className="basemap-package-drop"
            data-testid="basemap-package-drop"
            onDragOver={(event) => {
              if (!event.dataTransfer.types.includes('Files')) return;
              event.preventDefault();
            }}
            onDrop={(event) => {
              // Dropped here, the file is a basemap package (dropped on the map it would be imported as data).
              event.preventDefault();
              event.stopPropagation();
              if (!busy) void readPackage(event.dataTransfer.files[0]);
            }}
          >
            <label>
              {t('basemapFieldPackage')}{' '}
              <input type="file" accept=".pmtiles,.mbtiles" disabled={busy} onChange={(event) => void readPackage(event.currentTarget.files?.[0])} data-testid="basemap-package" />
            </label>
            <small>{t('basemapDropPackage')}</small>
          </div>
        )}
        {busy && <p>{t('basemapStoring')}</p>}
        {problem && (
          <p className="basemap-refusal" role="alert" data-testid="basemap-add-error">
            {inLanguage(problem, language)}
          </p>
        )}
        <div className="ask-actions">
          <button type="button" onClick={onClose}>
            {t('basemapAddCancel')}
          </button>
          {tab !== 'package' && (
            <button type="submit" className="primary" disabled={busy || (tab === 'wmts' && !capabilities)} data-testid="basemap-add-confirm">
              {t('basemapAddConfirm')}
            </button>
          )}
        </div>
      </form>
    </dialog>
  );
}
