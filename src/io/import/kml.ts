// KML and KMZ (Google Earth, 奥维互动地图, GDAL) → source features, with
// @tmcw/togeojson on an @xmldom/xmldom document (workers have no DOMParser).
// Each placemark keeps its name and description, its ExtendedData (Data and
// SchemaData) as fields, and the folder it sat in as `folder` ("规划/医疗").
// A KMZ is unzipped here (doc.kml, else its first .kml; other .kml files it
// links to are read too). Network links to addresses (http…) are not
// fetched — the app makes no request off its origin — the placemarks beside
// them are kept and the report says which links were left; a file that is only
// links is refused. Styling togeojson adds (colours, icons) is left out: it is
// not the planner's data.
import { flatGeometry } from './flatGeometry';
import { kmlWithFolders, type Folder, type Root } from '@tmcw/togeojson';
import { unzipSync } from 'fflate';
import type { Feature, Geometry } from 'geojson';
import type { LocalizedText } from '../../i18n/text';
import { safeData } from './fields';
import { checkGeometry } from './geojson';
import { MAX_IMPORT_BYTES, MAX_IMPORT_POINTS, tooManyFeaturesFailure, tooLargeFailure } from './limits';
import { failure, type ConvertContext, type ConvertResult, type FileFormat, type InputFile, type Rejection, type SourceFeature } from './types';
import { elements, parseXml, textIn, type XmlDocument } from './xml';

/** Properties togeojson derives from styles, not from the planner's data. */
const STYLE_KEYS = new Set([
  'styleUrl',
  'styleHash',
  'styleMapHash',
  'stroke',
  'stroke-opacity',
  'stroke-width',
  'fill',
  'fill-opacity',
  'icon',
  'icon-scale',
  'icon-offset',
  'icon-offset-units',
  'icon-color',
  'icon-opacity',
  'icon-heading',
  'label-scale',
  'label-color',
  'label-opacity',
  'visibility',
]);


export const hasZ = (geometry: Geometry | null): boolean => JSON.stringify(geometry?.type === 'GeometryCollection' ? geometry.geometries : (geometry?.coordinates ?? [])).match(/\[-?[\d.e+-]+,-?[\d.e+-]+,/) !== null;

/**
 * KML's MultiGeometry comes out of togeojson as a GeometryCollection; one of a
 * single kind is the Multi* geometry it means (how GDAL reads it too).
 */
function multiOf(geometry: Geometry): Geometry {
  if (geometry.type !== 'GeometryCollection' || geometry.geometries.length === 0) return geometry;
  const members = geometry.geometries.map(multiOf);
  const all = <T extends Geometry['type']>(type: T) => members.every((member) => member.type === type);
  const parts = <G extends Geometry>(type: G['type']) => members.flatMap((member) => (member.type === type ? [member as G] : []));
  if (all('Point')) return { type: 'MultiPoint', coordinates: parts<GeoJSON.Point>('Point').map((member) => member.coordinates) };
  if (all('LineString')) return { type: 'MultiLineString', coordinates: parts<GeoJSON.LineString>('LineString').map((member) => member.coordinates) };
  if (members.every((member) => member.type === 'Polygon' || member.type === 'MultiPolygon'))
    return {
      type: 'MultiPolygon',
      coordinates: members.flatMap((member) => (member.type === 'Polygon' ? [member.coordinates] : member.type === 'MultiPolygon' ? member.coordinates : [])),
    };
  return { type: 'GeometryCollection', geometries: members };
}

/** One feature read from a GPX or KML document, checked and given a row. */
export function sourceFeature(
  feature: Feature<Geometry | null>,
  row: number,
  properties: Record<string, unknown>,
  renamed: Set<string>,
): { feature: SourceFeature } | { rejection: Rejection } {
  if (!feature.geometry) return { rejection: { row, reason: { zh: '没有几何（地标没有坐标）', en: 'no geometry (the placemark has no coordinates)' } } };
  const checked = checkGeometry(multiOf(flatGeometry(feature.geometry)));
  if ('problem' in checked) return { rejection: { row, reason: checked.problem } };
  return { feature: { row, geometry: checked.geometry, properties: safeData(properties, renamed) as Record<string, unknown> } };
}

function descriptionText(value: unknown): unknown {
  if (value && typeof value === 'object' && 'value' in value) return String((value as { value: unknown }).value);
  return value;
}

/** The KML document inside a KMZ, and the archive's other .kml files (for links between them). */
function unpackKmz(file: InputFile): { ok: true; main: InputFile; others: Map<string, InputFile> } | ReturnType<typeof failure> {
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(file.bytes, {
      filter: (entry) => {
        if (!entry.name.toLowerCase().endsWith('.kml')) return false;
        total += entry.originalSize;
        return total <= MAX_IMPORT_BYTES;
      },
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return failure('bad-zip', `无法打开 KMZ ${file.name}（${detail}）：文件可能损坏或不完整。`, `cannot open the KMZ ${file.name} (${detail}): it may be damaged or incomplete.`);
  }
  if (total > MAX_IMPORT_BYTES) return tooLargeFailure(total);
  const names = Object.keys(entries);
  const mainName = names.find((name) => name.toLowerCase() === 'doc.kml') ?? names.find((name) => !name.includes('/')) ?? names[0];
  if (mainName === undefined)
    return failure('empty', `KMZ ${file.name} 中没有 KML 文件（应有 doc.kml）。`, `the KMZ ${file.name} holds no KML file (doc.kml expected).`);
  const others = new Map(names.filter((name) => name !== mainName).map((name) => [name, { name, bytes: entries[name]! }] as const));
  return { ok: true, main: { name: mainName, bytes: entries[mainName]! }, others };
}

const KML_NAME: LocalizedText = { zh: 'KML 文件', en: 'KML file' };

function parsedKml(file: InputFile, decode: ConvertContext['decode']): { ok: true; document: XmlDocument } | ReturnType<typeof failure> {
  const text = decode(file);
  if (text.trim() === '') return failure('empty', '文件为空。', 'the file is empty.');
  const parsed = parseXml(text, KML_NAME);
  if (!parsed.ok) return failure(parsed.code, parsed.message.zh, parsed.message.en);
  const root = parsed.document.documentElement?.localName;
  if (root !== 'kml')
    return failure('corrupt-file', `不是 KML：根元素是 <${root}>，应为 <kml>。`, `not KML: the root element is <${root}>, not <kml>.`);
  return { ok: true, document: parsed.document };
}

export function readKml(files: readonly InputFile[], { decode, progress }: ConvertContext): ConvertResult {
  const [file] = files;
  if (!file) return failure('empty', '没有选择文件。', 'no file was chosen.');
  let main = file;
  let others = new Map<string, InputFile>();
  if (file.name.toLowerCase().endsWith('.kmz')) {
    const unpacked = unpackKmz(file);
    if (!unpacked.ok) return unpacked;
    ({ main, others } = unpacked);
  }
  progress?.(0, 'parse');
  const documents: XmlDocument[] = [];
  const externalLinks: string[] = [];
  const pending = [main];
  const read = new Set<string>();
  while (pending.length > 0) {
    const next = pending.shift()!;
    if (read.has(next.name)) continue;
    read.add(next.name);
    const parsed = parsedKml(next, decode);
    if (!parsed.ok) return parsed;
    documents.push(parsed.document);
    for (const link of elements(parsed.document, 'NetworkLink')) {
      const href = textIn(elements(link, 'href')[0]);
      const inside = others.get(href.replace(/^\.\//, ''));
      if (inside) pending.push(inside);
      else externalLinks.push(href || textIn(elements(link, 'name')[0]) || '?');
    }
  }

  const features: SourceFeature[] = [];
  const rejected: Rejection[] = [];
  const renamed = new Set<string>();
  let overlays = 0;
  let withZ = 0;
  let row = 0;
  const visit = (node: Root | Folder, path: string[]) => {
    for (const child of node.children) {
      if (child.type === 'folder') {
        visit(child, [...path, String(child.meta.name ?? '').trim() || '—']);
        continue;
      }
      const { ['@geometry-type']: special, description, ...raw } = (child.properties ?? {}) as Record<string, unknown>;
      if (special === 'groundoverlay' || special === 'networklink' || special === 'photooverlay') {
        overlays += special === 'groundoverlay' || special === 'photooverlay' ? 1 : 0;
        continue;
      }
      row++;
      if (row > MAX_IMPORT_POINTS) continue;
      const properties: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(raw)) if (!STYLE_KEYS.has(key)) properties[key] = value;
      if (description !== undefined) properties.description = descriptionText(description);
      if (path.length > 0) properties.folder = path.join('/');
      if (hasZ(child.geometry)) withZ++;
      const made = sourceFeature(child as Feature<Geometry | null>, row, properties, renamed);
      if ('feature' in made) features.push(made.feature);
      else rejected.push(made.rejection);
    }
  };
  documents.forEach((document, index) => {
    progress?.(index / documents.length, 'read');
    visit(kmlWithFolders(document as never), []);
  });
  if (row > MAX_IMPORT_POINTS) return tooManyFeaturesFailure(row, 'features');

  const links = externalLinks.slice(0, 3).join(', ') + (externalLinks.length > 3 ? ' …' : '');
  if (row === 0) {
    if (externalLinks.length > 0)
      return failure(
        'unsupported-format',
        `KML 中只有网络链接（${links}），没有地标：本程序不从网络读取数据（离线、内网使用）。请在 Google Earth 或奥维互动地图中打开它，把数据另存为 KML 后再导入。`,
        `the KML holds only network links (${links}), no placemarks: the app reads nothing from the network (it works offline, on an intranet). Open it in Google Earth or Ovital Map (奥维互动地图), save the data as KML, then import that.`,
      );
    return failure('empty', 'KML 中没有地标（Placemark）。', 'the KML has no placemarks.');
  }
  const notes: LocalizedText[] = [];
  if (externalLinks.length > 0)
    notes.push({
      zh: `KML 中的 ${externalLinks.length} 个网络链接（${links}）没有读取：本程序不从网络读取数据；其余地标已导入。`,
      en: `${externalLinks.length} network link(s) in the KML (${links}) were not followed: the app reads nothing from the network; the other placemarks were imported.`,
    });
  if (overlays > 0) notes.push({ zh: `${overlays} 个图片叠加层（GroundOverlay）不是要素，未导入。`, en: `${overlays} image overlay(s) (GroundOverlay) are not features and were left out.` });
  if (withZ > 0) notes.push({ zh: `${withZ} 个地标带有高度值，已舍弃，只保留平面位置。`, en: `${withZ} placemark(s) had altitudes; they were dropped, only the plane positions are kept.` });
  return { ok: true, features, rejected, renamedKeys: [...renamed], notes };
}

export const kmlFormat: FileFormat = {
  id: 'kml',
  title: { zh: 'KML/KMZ（奥维、Google Earth）', en: 'KML/KMZ (Ovital Map 奥维互动地图, Google Earth)' },
  extensions: ['kml', 'kmz'],
  mimeTypes: ['application/vnd.google-earth.kml+xml', 'application/vnd.google-earth.kmz'],
  reads: 'text',
  sniff: (head) => /^\s*(<\?xml[^>]*>\s*)?<kml[\s>]/.test(head),
  read: readKml,
};
