// 天地图 (National Platform for Common GeoSpatial Information Services): the
// Web Mercator (`_w`) WMTS services on t0–t7, each layer one record. The key
// (tk) is the planner's own, asked for once and kept in this browser only
// (src/storage/basemapSettings.ts): it is never part of a record, so it never
// reaches a project file, an export or a shared link. 天地图 serves CGCS2000,
// which lines up with the app's WGS84 overlays at map scales.
import type { BasemapSource } from '../../../domain/basemap';
import { readTileTemplate, type TileTemplate } from '../../../domain/tileTemplates';
import type { LocalizedText } from '../../../i18n/text';
import type { BasemapKind, BasemapKindContext } from '../kind';
import { NO_PARTS, rasterParts } from './rasterTiles';

export type TiandituLayer = 'vec' | 'cva' | 'img' | 'cia' | 'ter' | 'cta';

interface TiandituLayerFacts {
  title: LocalizedText;
  annotation: boolean;
  maxZoom: number;
}

export const TIANDITU_LAYERS: Record<TiandituLayer, TiandituLayerFacts> = {
  vec: { title: { zh: '天地图 矢量', en: 'Tianditu map' }, annotation: false, maxZoom: 18 },
  cva: { title: { zh: '天地图 矢量注记', en: 'Tianditu map labels' }, annotation: true, maxZoom: 18 },
  img: { title: { zh: '天地图 影像', en: 'Tianditu imagery' }, annotation: false, maxZoom: 18 },
  cia: { title: { zh: '天地图 影像注记', en: 'Tianditu imagery labels' }, annotation: true, maxZoom: 18 },
  ter: { title: { zh: '天地图 地形晕渲', en: 'Tianditu terrain' }, annotation: false, maxZoom: 14 },
  cta: { title: { zh: '天地图 地形注记', en: 'Tianditu terrain labels' }, annotation: true, maxZoom: 14 },
};

/** The presets offered: a base layer with its annotation layer above it. */
export const TIANDITU_PRESETS: readonly { id: string; title: LocalizedText; layers: readonly TiandituLayer[] }[] = [
  { id: 'vec', title: { zh: '天地图 矢量 + 注记', en: 'Tianditu map + labels' }, layers: ['vec', 'cva'] },
  { id: 'img', title: { zh: '天地图 影像 + 注记', en: 'Tianditu imagery + labels' }, layers: ['img', 'cia'] },
  { id: 'ter', title: { zh: '天地图 地形 + 注记', en: 'Tianditu terrain + labels' }, layers: ['ter', 'cta'] },
];

const TIANDITU_CREDIT: LocalizedText = { zh: '底图：天地图 © 国家地理信息公共服务平台', en: 'Basemap: Tianditu © National Platform for Common GeoSpatial Information Services' };
const TIANDITU_SHORT: LocalizedText = { zh: '© 天地图', en: '© Tianditu' };

const isLayer = (value: unknown): value is TiandituLayer => typeof value === 'string' && value in TIANDITU_LAYERS;

export function tiandituRecord(layer: TiandituLayer): BasemapSource {
  const facts = TIANDITU_LAYERS[layer];
  return {
    id: `tianditu-${layer}`,
    kind: 'tianditu',
    title: facts.title,
    attribution: [TIANDITU_CREDIT],
    mapAttribution: TIANDITU_SHORT,
    minZoom: 1,
    maxZoom: facts.maxZoom,
    crs: 'cgcs2000',
    access: { layer },
  };
}

/** The service template with the key filled in (or a visible stand-in, for the origin check before a key is given). */
export function tiandituTemplate(layer: TiandituLayer, key: string): string {
  return (
    `https://t{0-7}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}` +
    `&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`
  );
}

/** A 天地图 key as the console issues it: 32 hexadecimal characters. */
export function tiandituKeyProblem(key: string | undefined): LocalizedText | null {
  if (!key) return { zh: '需要您自己的天地图密钥（tk），请在“添加底图”中填写', en: 'needs your own Tianditu key (tk): enter it under “Add basemap”' };
  if (!/^[0-9a-f]{32}$/i.test(key)) return { zh: '天地图密钥应为 32 位十六进制字符', en: 'a Tianditu key is 32 hexadecimal characters' };
  return null;
}

function templateOf(source: BasemapSource, context: BasemapKindContext): TileTemplate | null {
  if (!isLayer(source.access.layer)) return null;
  const read = readTileTemplate(tiandituTemplate(source.access.layer, context.keys?.tianditu ?? ''));
  return read.ok ? read.value : null;
}

export const tiandituKind: BasemapKind = {
  kind: 'tianditu',
  accessProblem: (access) =>
    isLayer(access.layer) ? null : { zh: `未知的天地图图层“${String(access.layer)}”`, en: `unknown Tianditu layer “${String(access.layer)}”` },
  drawProblem: (_source, context) => tiandituKeyProblem(context.keys?.tianditu),
  requestUrls: (source, context) => templateOf(source, context)?.tiles ?? [],
  styleParts: (source, context) => {
    const template = templateOf(source, context);
    if (!template || !isLayer(source.access.layer)) return NO_PARTS;
    return rasterParts(source, template, { slot: TIANDITU_LAYERS[source.access.layer].annotation ? 'labels' : 'base' });
  },
};
