// Reads a WMTS GetCapabilities document (OGC 07-057r7) far enough to draw one
// of its layers on a Web Mercator map: the layers with their titles, formats,
// styles and tile matrix sets, and the tile URL template, RESTful
// (ResourceURL) or KVP (GetTile's GET address). A map in Web Mercator can only
// draw a matrix set that is Web Mercator and numbered by zoom: GoogleMapsCompatible,
// EPSG:3857/900913 (scales on the 0.28 mm pixel of the standard, or the 96 dpi
// pixel ArcGIS and 天地图 use). Other sets (a CGCS2000 geographic set such as
// 天地图's “c”) are refused by name.
import { XMLParser } from 'fast-xml-parser';
import type { LocalizedText } from '../../i18n/text';

export interface WmtsTileMatrix {
  identifier: string;
  scaleDenominator: number;
  topLeftCorner: [number, number];
  tileWidth: number;
  tileHeight: number;
  matrixWidth: number;
  matrixHeight: number;
}

export interface WmtsMatrixSet {
  identifier: string;
  supportedCrs: string;
  wellKnownScaleSet: string;
  matrices: WmtsTileMatrix[];
}

export interface WmtsLayer {
  identifier: string;
  title: string;
  formats: string[];
  styles: { identifier: string; isDefault: boolean }[];
  matrixSets: string[];
  /** RESTful templates for tiles, by format. */
  resourceUrls: { format: string; template: string }[];
}

export interface WmtsCapabilities {
  title: string;
  /** GetTile's GET address for KVP requests, when the service offers KVP. */
  kvpUrl: string | null;
  layers: WmtsLayer[];
  matrixSets: WmtsMatrixSet[];
}

/** A layer ready to draw: a `{z}/{x}/{y}` template and the zooms its matrix set has. */
export interface WmtsTileSource {
  template: string;
  layer: string;
  title: string;
  matrixSet: string;
  format: string;
  minZoom: number;
  maxZoom: number;
  tileSize: number;
}

export type Read<T> = { ok: true; value: T } | { ok: false; reason: LocalizedText };
const fail = <T>(zh: string, en: string): Read<T> => ({ ok: false, reason: { zh, en } });

const ARRAYS = new Set(['Layer', 'Style', 'Format', 'TileMatrixSetLink', 'ResourceURL', 'TileMatrixSet', 'TileMatrix', 'Operation', 'DCP', 'Get', 'Constraint', 'AllowedValues', 'Value']);

type Node = Record<string, unknown>;
const asNodes = (value: unknown): Node[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((item): item is Node => typeof item === 'object' && item !== null);
const text = (value: unknown): string => {
  if (typeof value === 'string' || typeof value === 'number') return String(value).trim();
  if (typeof value === 'object' && value !== null && '#text' in value) return text((value as Node)['#text']);
  if (Array.isArray(value)) return text(value[0]);
  return '';
};
const texts = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(text).filter(Boolean);

export function parseWmtsCapabilities(xml: string): Read<WmtsCapabilities> {
  let document: Node;
  try {
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      removeNSPrefix: true,
      parseTagValue: false,
      isArray: (name) => ARRAYS.has(name),
    });
    document = parser.parse(xml, true) as Node;
  } catch (error) {
    return fail(`不是有效的 XML：${(error as Error).message}`, `not valid XML: ${(error as Error).message}`);
  }
  const root = document.Capabilities as Node | undefined;
  if (!root) {
    const found = Object.keys(document).filter((key) => !key.startsWith('?'))[0] ?? '—';
    return fail(`不是 WMTS 能力文档（根元素为 ${found}，应为 Capabilities）`, `not a WMTS capabilities document (root element ${found}, expected Capabilities)`);
  }
  const contents = (root.Contents ?? {}) as Node;
  const matrixSets = asNodes(contents.TileMatrixSet).map(
    (set): WmtsMatrixSet => ({
      identifier: text(set.Identifier),
      supportedCrs: text(set.SupportedCRS),
      wellKnownScaleSet: text(set.WellKnownScaleSet),
      matrices: asNodes(set.TileMatrix).map((matrix) => {
        const corner = text(matrix.TopLeftCorner).split(/\s+/).map(Number);
        return {
          identifier: text(matrix.Identifier),
          scaleDenominator: Number(text(matrix.ScaleDenominator)),
          topLeftCorner: [corner[0] ?? Number.NaN, corner[1] ?? Number.NaN],
          tileWidth: Number(text(matrix.TileWidth)),
          tileHeight: Number(text(matrix.TileHeight)),
          matrixWidth: Number(text(matrix.MatrixWidth)),
          matrixHeight: Number(text(matrix.MatrixHeight)),
        };
      }),
    }),
  );
  const layers = asNodes(contents.Layer).map(
    (layer): WmtsLayer => ({
      identifier: text(layer.Identifier),
      title: text(layer.Title) || text(layer.Identifier),
      formats: texts(layer.Format),
      styles: asNodes(layer.Style).map((style) => ({ identifier: text(style.Identifier), isDefault: String(style['@_isDefault']) === 'true' })),
      matrixSets: asNodes(layer.TileMatrixSetLink).map((link) => text(link.TileMatrixSet)),
      resourceUrls: asNodes(layer.ResourceURL)
        .filter((resource) => (resource['@_resourceType'] ?? 'tile') === 'tile')
        .map((resource) => ({ format: String(resource['@_format'] ?? ''), template: String(resource['@_template'] ?? '') }))
        .filter((resource) => resource.template !== ''),
    }),
  );
  if (layers.length === 0) return fail('能力文档中没有图层', 'the capabilities document lists no layer');
  const serviceTitle = text((root.ServiceIdentification as Node | undefined)?.Title);
  return { ok: true, value: { title: serviceTitle, kvpUrl: kvpGetTileUrl(root), layers, matrixSets } };
}

/** GetTile's GET address that accepts KVP (a GET with no encoding constraint counts as KVP). */
function kvpGetTileUrl(root: Node): string | null {
  const operations = asNodes((root.OperationsMetadata as Node | undefined)?.Operation);
  const getTile = operations.find((operation) => operation['@_name'] === 'GetTile');
  const gets = asNodes(getTile?.DCP).flatMap((dcp) => asNodes((dcp.HTTP as Node | undefined)?.Get));
  const kvp = gets.find((get) => {
    const encodings = asNodes(get.Constraint)
      .filter((constraint) => constraint['@_name'] === 'GetEncoding')
      .flatMap((constraint) => asNodes(constraint.AllowedValues).flatMap((values) => texts(values.Value)));
    return encodings.length === 0 || encodings.includes('KVP');
  });
  const href = kvp?.['@_href'];
  return typeof href === 'string' && href !== '' ? href : null;
}

const WEB_MERCATOR_HALF_WORLD = 20037508.342789244;
/** Scale denominators of zoom 0 for 256-px tiles: OGC's 0.28 mm pixel and the 96 dpi pixel of ArcGIS and 天地图. */
const ZOOM0_SCALES = [559082264.0287178, 591657527.591555];
const MERCATOR_CRS = /(?:EPSG:{1,2}|EPSG\/0\/)(3857|900913|3785|102100|102113)$/i;

/** The zoom a matrix stands for on a Web Mercator map, or null when it does not line up with one. */
function zoomOf(matrix: WmtsTileMatrix): number | null {
  const [x, y] = matrix.topLeftCorner;
  const corner = [Math.abs(x), Math.abs(y)];
  if (!(Math.sign(x) !== Math.sign(y) && corner.every((value) => Math.abs(value - WEB_MERCATOR_HALF_WORLD) < 1))) return null;
  if (matrix.tileWidth !== matrix.tileHeight) return null;
  for (const zoom0 of ZOOM0_SCALES) {
    const zoom = Math.log2((zoom0 * (256 / matrix.tileWidth)) / matrix.scaleDenominator);
    if (Math.abs(zoom - Math.round(zoom)) < 0.01 && Math.round(zoom) >= 0) return Math.round(zoom);
  }
  return null;
}

export function describeMatrixSet(set: WmtsMatrixSet): string {
  return [set.identifier, set.supportedCrs, set.wellKnownScaleSet].filter(Boolean).join(' · ');
}

/** Why a matrix set cannot be drawn on the map, or its zooms with each matrix's identifier. */
export function webMercatorZooms(set: WmtsMatrixSet): Read<{ zoom: number; identifier: string }[]> {
  const named = `“${set.identifier}”（${set.supportedCrs || '未注明坐标系'}）`;
  const namedEn = `“${set.identifier}” (${set.supportedCrs || 'no CRS given'})`;
  const mercator = MERCATOR_CRS.test(set.supportedCrs) || /GoogleMapsCompatible/i.test(set.wellKnownScaleSet);
  if (!mercator)
    return fail(
      `瓦片矩阵集 ${named} 不是 Web 墨卡托（EPSG:3857），本图无法绘制；请选用 GoogleMapsCompatible / EPSG:3857 的矩阵集（天地图请用 _w 服务）`,
      `tile matrix set ${namedEn} is not Web Mercator (EPSG:3857), which this map draws; pick a GoogleMapsCompatible / EPSG:3857 set (for 天地图, the _w services)`,
    );
  const zooms: { zoom: number; identifier: string }[] = [];
  for (const matrix of set.matrices) {
    const zoom = zoomOf(matrix);
    if (zoom === null)
      return fail(
        `瓦片矩阵集 ${named} 的矩阵“${matrix.identifier}”与 Web 墨卡托的缩放级别不符（比例尺 1:${matrix.scaleDenominator}）`,
        `tile matrix “${matrix.identifier}” of set ${namedEn} does not match a Web Mercator zoom level (scale 1:${matrix.scaleDenominator})`,
      );
    zooms.push({ zoom, identifier: matrix.identifier });
  }
  if (zooms.length === 0) return fail(`瓦片矩阵集 ${named} 没有瓦片矩阵`, `tile matrix set ${namedEn} has no tile matrix`);
  return { ok: true, value: zooms.sort((a, b) => a.zoom - b.zoom) };
}

/** `{z}` in a template stands for the matrix identifier: identifiers must be the zoom with one shared prefix (`3`, `EPSG:3857:3`). */
function identifierPattern(zooms: readonly { zoom: number; identifier: string }[]): string | null {
  const first = zooms[0]!;
  if (!first.identifier.endsWith(String(first.zoom))) return null;
  const prefix = first.identifier.slice(0, first.identifier.length - String(first.zoom).length);
  const contiguous = zooms.every((entry, index) => entry.zoom === first.zoom + index);
  return contiguous && zooms.every((entry) => entry.identifier === `${prefix}${entry.zoom}`) ? prefix : null;
}

const FORMAT_PREFERENCE = ['image/png', 'image/jpeg', 'image/jpg', 'image/webp'];

/** The drawable source for one layer: its first Web Mercator matrix set, its default style, a raster format, REST before KVP. */
export function wmtsTileSource(capabilities: WmtsCapabilities, layerId: string): Read<WmtsTileSource> {
  const layer = capabilities.layers.find((candidate) => candidate.identifier === layerId);
  if (!layer) return fail(`能力文档中没有图层“${layerId}”`, `the capabilities list no layer “${layerId}”`);
  const sets = layer.matrixSets.map((id) => capabilities.matrixSets.find((set) => set.identifier === id)).filter((set): set is WmtsMatrixSet => !!set);
  if (sets.length === 0) return fail(`图层“${layerId}”没有可用的瓦片矩阵集`, `layer “${layerId}” links no tile matrix set the document defines`);
  let problem: LocalizedText | null = null;
  for (const set of sets) {
    const zooms = webMercatorZooms(set);
    if (!zooms.ok) {
      problem ??= zooms.reason;
      continue;
    }
    const prefix = identifierPattern(zooms.value);
    if (prefix === null) {
      problem ??= {
        zh: `瓦片矩阵集“${set.identifier}”的矩阵编号不是按缩放级别连续编号的，无法换算为 {z}`,
        en: `the matrices of set “${set.identifier}” are not numbered by consecutive zoom levels, so {z} cannot stand for them`,
      };
      continue;
    }
    const style = (layer.styles.find((candidate) => candidate.isDefault) ?? layer.styles[0])?.identifier ?? 'default';
    const format = FORMAT_PREFERENCE.find((candidate) => layer.formats.includes(candidate)) ?? layer.formats[0] ?? 'image/png';
    const zoomTemplate = `${prefix}{z}`;
    const rest = layer.resourceUrls.find((resource) => resource.format === format) ?? layer.resourceUrls[0];
    let template: string;
    if (rest) {
      template = rest.template
        .replace(/\{TileMatrixSet\}/gi, set.identifier)
        .replace(/\{TileMatrix\}/gi, zoomTemplate)
        .replace(/\{TileRow\}/gi, '{y}')
        .replace(/\{TileCol\}/gi, '{x}')
        .replace(/\{Style\}/gi, style);
      const left = template.match(/\{(?![zxy]\})[^}]*\}/);
      if (left) return fail(`图层“${layerId}”的地址模板含维度参数 ${left[0]}，本版本不支持`, `layer “${layerId}”'s URL template holds the dimension ${left[0]}, which this version does not fill`);
    } else if (capabilities.kvpUrl) {
      const base = capabilities.kvpUrl;
      const joiner = base.includes('?') ? (/[?&]$/.test(base) ? '' : '&') : '?';
      const query = [
        'SERVICE=WMTS',
        'REQUEST=GetTile',
        'VERSION=1.0.0',
        `LAYER=${encodeURIComponent(layer.identifier)}`,
        `STYLE=${encodeURIComponent(style)}`,
        `TILEMATRIXSET=${encodeURIComponent(set.identifier)}`,
        `TILEMATRIX=${encodeURIComponent(prefix)}{z}`,
        'TILEROW={y}',
        'TILECOL={x}',
        `FORMAT=${encodeURIComponent(format)}`,
      ].join('&');
      template = `${base}${joiner}${query}`;
    } else return fail(`能力文档既无 ResourceURL 模板，也无 KVP 的 GetTile 地址`, 'the capabilities give neither a ResourceURL template nor a KVP GetTile address');
    const zooms0 = zooms.value;
    return {
      ok: true,
      value: {
        template,
        layer: layer.identifier,
        title: layer.title,
        matrixSet: set.identifier,
        format,
        minZoom: zooms0[0]!.zoom,
        maxZoom: zooms0[zooms0.length - 1]!.zoom,
        tileSize: set.matrices[0]!.tileWidth,
      },
    };
  }
  return { ok: false, reason: problem! };
}
