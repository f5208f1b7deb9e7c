// Excel workbooks for spreadsheet users: a layer's attribute table (the
// columns and cell texts the table shows, numbers as numbers, WGS84
// longitude/latitude columns for points) and an analysis run's result
// tables (one sheet each), each with a notes sheet stating the schematic
// caveat and what `accuracy` means. Pure: no DOM.
import { formatCell, layerColumns, type CountyOption } from '../../domain/attributeSchema';
import type { Scenario, ScenarioLayer } from '../../domain/scenario';
import type { CsvCell } from '../csvExport';
import { accuracyMeanings, COORDINATE_DECIMALS, EXPORT_CAVEAT, localDate, sanitizeFileNamePart, type ExportLanguage } from '../geojsonExport';
import { writeXlsx, type XlsxCell, type XlsxSheet } from './xlsx';

const COORDINATE_HEADERS: Record<ExportLanguage, [string, string]> = {
  zh: ['经度（WGS84）', '纬度（WGS84）'],
  en: ['longitude (WGS84)', 'latitude (WGS84)'],
};

const NOTES_SHEET: Record<ExportLanguage, string> = { zh: '说明（规划示意）', en: 'Notes (schematic)' };

function notes(title: string, exportedAt: Date, extra: readonly string[]): string[] {
  const accuracy = accuracyMeanings();
  return [
    title,
    `导出时间 / exported: ${exportedAt.toISOString()}`,
    `【示意说明】${EXPORT_CAVEAT.zh}`,
    `[Caveat] ${EXPORT_CAVEAT.en}`,
    ...extra,
    'accuracy（位置精度 / how the position was obtained）:',
    ...Object.entries(accuracy).map(([value, text]) => `${value}: ${text.zh} / ${text.en}`),
    '数字列为数值单元格；文字单元格一律为文本，以 = + - @ 开头的也不会被当作公式。',
    'Number columns are numeric cells; text cells are always text — one starting with = + - @ is never run as a formula.',
  ];
}

/** Every feature of the layer (not only the rows a filter shows), in the layer's order. */
export function layerAttributeRows(layer: ScenarioLayer, counties: readonly CountyOption[], language: ExportLanguage): XlsxSheet {
  const columns = layerColumns(layer, counties);
  const rows = layer.features.map((feature): XlsxCell[] => {
    const cells: XlsxCell[] = columns.map((column) => {
      const value = feature.properties[column.key];
      if (typeof value === 'number' && Number.isFinite(value) && (column.type === 'number' || column.type === 'readonly' || column.type === 'text')) return value;
      if (typeof value === 'boolean') return value;
      const text = formatCell(column, value, language);
      return text === '' ? null : text;
    });
    const point = feature.geometry?.type === 'Point' ? feature.geometry.coordinates : null;
    cells.push(point ? Number(point[0]!.toFixed(COORDINATE_DECIMALS)) : null, point ? Number(point[1]!.toFixed(COORDINATE_DECIMALS)) : null);
    return cells;
  });
  return { name: layer.title[language], header: [...columns.map((column) => column.title[language]), ...COORDINATE_HEADERS[language]], rows };
}

export function layerAttributeXlsx(scenario: Scenario, layer: ScenarioLayer, counties: readonly CountyOption[], language: ExportLanguage, exportedAt: Date): Uint8Array {
  const sheet = layerAttributeRows(layer, counties, language);
  const title = `驻马店市空间布局规划 · ${scenario.name} · ${layer.title.zh} 属性表（规划示意） / ${layer.title.en} attributes (schematic)`;
  const coordinates = [
    '经纬度列为 WGS84（EPSG:4326），仅点要素有；线、面的几何请用 GeoJSON、Shapefile 或 KML 导出。',
    'The longitude/latitude columns are WGS84 (EPSG:4326), for point features only; lines and polygons are in the GeoJSON, Shapefile or KML export.',
  ];
  return writeXlsx([sheet], { name: NOTES_SHEET[language], lines: notes(title, exportedAt, coordinates) }, exportedAt);
}

const PERCENT = /^(-?\d+(?:\.\d+)?)%$/;

/** An analysis table's cell: numbers stay numbers, "12.5%" becomes a percentage cell. */
function analysisCell(cell: CsvCell): XlsxCell {
  if (typeof cell === 'string') {
    const percent = PERCENT.exec(cell);
    if (percent) return { percent: Number(percent[1]) / 100 };
  }
  return cell;
}

export interface ResultTableLike {
  id: string;
  fields: readonly string[];
  rows: readonly (readonly CsvCell[])[];
}

export function analysisTablesXlsx(analysisTitle: string, tables: readonly ResultTableLike[], language: ExportLanguage, exportedAt: Date): Uint8Array {
  const sheets = tables.map((table) => ({ name: table.id, header: table.fields, rows: table.rows.map((row) => row.map(analysisCell)) }));
  const title = `驻马店市空间布局规划 · ${analysisTitle}（规划示意 / schematic）`;
  const extra = [
    '分析基于规划示意位置与直线距离/绕行系数估算，结果为规划参考，不是测量或交通模型成果。',
    'The analysis uses schematic plan positions and straight-line distances with a detour factor: a planning reference, not a survey or a traffic model.',
  ];
  return writeXlsx(sheets, { name: NOTES_SHEET[language], lines: notes(title, exportedAt, extra) }, exportedAt);
}

/** 驻马店-方案A-乡镇-属性表-2026-12-07.xlsx */
export function xlsxFileName(parts: { scenarioName: string; layerTitle: string; date: Date; language?: ExportLanguage }): string {
  const en = parts.language === 'en';
  return `${en ? 'Zhumadian' : '驻马店'}-${sanitizeFileNamePart(parts.scenarioName, en ? 'untitled' : '未命名')}-${sanitizeFileNamePart(parts.layerTitle, en ? 'layer' : '图层')}-${en ? 'attributes' : '属性表'}-${localDate(parts.date)}.xlsx`;
}

/** 驻马店-服务覆盖-结果-2026-12-07.xlsx */
export function analysisXlsxFileName(analysisTitle: string, date: Date, language?: ExportLanguage): string {
  const en = language === 'en';
  return `${en ? 'Zhumadian' : '驻马店'}-${sanitizeFileNamePart(analysisTitle, en ? 'analysis' : '分析')}-${en ? 'results' : '结果'}-${localDate(date)}.xlsx`;
}
