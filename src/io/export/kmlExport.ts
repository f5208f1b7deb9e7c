// KML for 奥维互动地图 (Ovital Map) and Google Earth: a Document whose
// description carries the schematic caveat, one Folder per layer and inside
// it one Folder per class (the plan's kind), one Placemark per feature with
// its name, a description giving the plan quote, the source and how the
// position was obtained, and every data field in ExtendedData. KML is WGS84
// by definition (OGC KML 2.2); GCJ-02 only when asked, for overlaying on
// Chinese web maps, and then said in the file name and the description, like
// the GeoJSON export. Features without a position are listed, without
// geometry, in a folder of their own so the list stays complete. Pure.
import type { Geometry, Position } from 'geojson';
import { layerColumns, type Column } from '../../domain/attributeSchema';
import type { Scenario, ScenarioLayer } from '../../domain/scenario';
import { dbfValue } from './dbf';
import {
  accuracyMeanings,
  EXPORT_CAVEAT,
  exportGeometry,
  exportProperties,
  layersToExport,
  localDate,
  sanitizeFileNamePart,
  type ExportCrs,
  type ExportLanguage,
} from '../geojsonExport';

export interface KmlOptions {
  crs?: ExportCrs;
  exportedAt: Date;
  language?: ExportLanguage;
}

/** Text for XML content and attributes: the five predefined entities; characters XML 1.0 forbids are dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** HTML for a description balloon inside CDATA: the planner's text escaped, so it can neither close the CDATA nor inject markup. */
const html = (text: string) => escapeXml(text).replace(/\r?\n/g, '<br/>');

const coordinates = (positions: readonly Position[]) => positions.map((position) => position.slice(0, 2).join(',')).join(' ');

export function kmlGeometry(geometry: Geometry): string {
  switch (geometry.type) {
    case 'Point':
      return `<Point><coordinates>${coordinates([geometry.coordinates])}</coordinates></Point>`;
    case 'LineString':
      return `<LineString><tessellate>1</tessellate><coordinates>${coordinates(geometry.coordinates)}</coordinates></LineString>`;
    case 'Polygon': {
      const [outer, ...holes] = geometry.coordinates;
      const ring = (positions: Position[]) => `<LinearRing><coordinates>${coordinates(positions)}</coordinates></LinearRing>`;
      return `<Polygon><tessellate>1</tessellate><outerBoundaryIs>${ring(outer ?? [])}</outerBoundaryIs>${holes.map((hole) => `<innerBoundaryIs>${ring(hole)}</innerBoundaryIs>`).join('')}</Polygon>`;
    }
    case 'MultiPoint':
      return `<MultiGeometry>${geometry.coordinates.map((coordinates) => kmlGeometry({ type: 'Point', coordinates })).join('')}</MultiGeometry>`;
    case 'MultiLineString':
      return `<MultiGeometry>${geometry.coordinates.map((coordinates) => kmlGeometry({ type: 'LineString', coordinates })).join('')}</MultiGeometry>`;
    case 'MultiPolygon':
      return `<MultiGeometry>${geometry.coordinates.map((coordinates) => kmlGeometry({ type: 'Polygon', coordinates })).join('')}</MultiGeometry>`;
    case 'GeometryCollection':
      return `<MultiGeometry>${geometry.geometries.map(kmlGeometry).join('')}</MultiGeometry>`;
  }
}

const CRS_NOTE: Record<ExportCrs, { zh: string; en: string }> = {
  wgs84: { zh: '坐标系：WGS84 经纬度（KML 标准）。', en: 'Coordinates: WGS84 longitude/latitude (the KML standard).' },
  gcj02: {
    zh: '坐标系：GCJ-02（高德等国内网络地图的偏移坐标），不是 WGS84，在驻马店与 WGS84 相差约数百米；仅用于叠加到 GCJ-02 底图，Google Earth 与奥维的卫星图请用 WGS84 文件。',
    en: 'Coordinates: GCJ-02 (the offset of AMap and other Chinese web maps), NOT WGS84 — a few hundred metres off in Zhumadian; only for GCJ-02 basemaps. Use the WGS84 file in Google Earth or on Ovital’s satellite imagery.',
  },
};

const NO_CLASS = '';

function placemark(feature: ScenarioLayer['features'][number], columns: readonly Column[], crs: ExportCrs, language: ExportLanguage): string {
  const properties = exportProperties(feature.properties);
  const titles = new Map(columns.map((column) => [column.key, column.title[language]]));
  const label = (key: string) => titles.get(key) ?? key;
  const text = (value: unknown) => {
    const cell = dbfValue(value);
    return cell === null ? '' : String(cell);
  };
  const accuracy = typeof properties.accuracy === 'string' ? (accuracyMeanings() as Record<string, { zh: string; en: string }>)[properties.accuracy] : undefined;
  const lines = [
    properties.quote ? `<b>${html(label('quote'))}</b>：${html(text(properties.quote))}` : '',
    properties.source ? `<b>${html(label('source'))}</b>：${html(text(properties.source))}` : '',
    properties.accuracy ? `<b>${html(label('accuracy'))}</b>：${html(text(properties.accuracy))}${accuracy ? ` — ${html(accuracy[language])}` : ''}` : '',
    properties.placement ? `<b>${html(label('placement'))}</b>：${html(text(properties.placement))}` : '',
    properties.note ? `<b>${html(label('note'))}</b>：${html(text(properties.note))}` : '',
  ].filter((line) => line !== '');
  const data = Object.entries(properties)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => `<Data name="${escapeXml(key)}"><displayName>${escapeXml(label(key))}</displayName><value>${escapeXml(text(value))}</value></Data>`)
    .join('');
  const name = text(language === 'en' && properties.name_en ? properties.name_en : properties.name) || text(properties.id);
  const geometry = exportGeometry(feature.geometry, crs);
  return [
    '<Placemark>',
    `<name>${escapeXml(name)}</name>`,
    lines.length ? `<description><![CDATA[${lines.join('<br/>')}]]></description>` : '',
    `<ExtendedData>${data}</ExtendedData>`,
    geometry ? kmlGeometry(geometry) : '',
    '</Placemark>',
  ].join('');
}

function folder(name: string, content: string[]): string {
  return `<Folder><name>${escapeXml(name)}</name>\n${content.join('\n')}\n</Folder>`;
}

export function exportScenarioKml(scenario: Scenario, layerId: string | null, options: KmlOptions): string {
  const crs = options.crs ?? 'wgs84';
  const language = options.language ?? 'zh';
  const layers = layersToExport(scenario, layerId);
  const folders = layers.map((layer) => {
    const columns = layerColumns(layer, []);
    const kinds = columns.find((column) => column.key === 'kind')?.options ?? [];
    const byClass = new Map<string, string[]>();
    const unlocated: string[] = [];
    for (const feature of layer.features) {
      const mark = placemark(feature, columns, crs, language);
      if (feature.geometry === null) {
        unlocated.push(mark);
        continue;
      }
      const kind = typeof feature.properties.kind === 'string' ? feature.properties.kind : NO_CLASS;
      byClass.set(kind, [...(byClass.get(kind) ?? []), mark]);
    }
    const layerTitle = layer.title[language];
    const classFolders = [...byClass].map(([kind, marks]) => {
      if (kind === NO_CLASS && byClass.size === 1) return marks.join('\n');
      const title = kinds.find((option) => option.value === kind)?.label[language] ?? (kind || (language === 'en' ? 'other' : '其他'));
      return folder(`${layerTitle} · ${title}`, marks);
    });
    if (unlocated.length) classFolders.push(folder(`${layerTitle} · ${language === 'en' ? 'without a position (listed only)' : '未定位（仅列出，无位置）'}`, unlocated));
    return folder(layerTitle, classFolders);
  });
  const layerName = layerId === null ? (language === 'en' ? 'all layers' : '全部图层') : layers[0]!.title[language];
  const accuracy = Object.entries(accuracyMeanings())
    .map(([value, text]) => `${value}: ${text[language]}`)
    .join('<br/>');
  const description = [
    `<b>${language === 'en' ? 'Schematic planning data' : '规划示意'}</b>`,
    html(EXPORT_CAVEAT.zh),
    html(EXPORT_CAVEAT.en),
    html(`${CRS_NOTE[crs].zh} ${CRS_NOTE[crs].en}`),
    `accuracy:<br/>${html(accuracy).replace(/&lt;br\/&gt;/g, '<br/>')}`,
    html(`${language === 'en' ? 'Exported' : '导出时间'}: ${options.exportedAt.toISOString()}`),
  ].join('<br/><br/>');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<kml xmlns="http://www.opengis.net/kml/2.2">',
    '<Document>',
    `<name>${escapeXml(`驻马店市空间布局规划 · ${scenario.name} · ${layerName}（规划示意${crs === 'gcj02' ? '，GCJ-02' : ''}）`)}</name>`,
    `<description><![CDATA[${description}]]></description>`,
    ...folders,
    '</Document>',
    '</kml>',
    '',
  ].join('\n');
}

/** 驻马店-方案A-全部图层-WGS84-2026-12-07.kml (GCJ-02 named, as the GeoJSON export does). */
export function kmlFileName(parts: { scenarioName: string; layerTitle: string | null; crs?: ExportCrs; date: Date; language?: ExportLanguage }): string {
  const en = parts.language === 'en';
  const layer = parts.layerTitle === null ? (en ? 'all-layers' : '全部图层') : parts.layerTitle;
  return `${en ? 'Zhumadian' : '驻马店'}-${sanitizeFileNamePart(parts.scenarioName, en ? 'untitled' : '未命名')}-${sanitizeFileNamePart(layer, en ? 'layer' : '图层')}-${parts.crs === 'gcj02' ? 'GCJ-02' : 'WGS84'}-${localDate(parts.date)}.kml`;
}
