// A layer's attribute table as CSV for spreadsheet users: the columns and the
// cell texts the attribute table shows (titles and choice labels in the
// planner's language), then WGS84 longitude/latitude for point features, so
// the file also opens as points in a GIS or comes back in through the import.
// toCsv writes UTF-8 with a BOM (Excel shows Chinese) and neutralises
// formula-like cells. Pure: no DOM.
import { formatCell, layerColumns, type CountyOption } from '../domain/attributeSchema';
import type { ScenarioLayer } from '../domain/scenario';
import { toCsv, type CsvCell } from './csvExport';
import { COORDINATE_DECIMALS, type ExportLanguage } from './geojsonExport';

const COORDINATE_HEADERS: Record<ExportLanguage, [string, string]> = {
  zh: ['经度（WGS84）', '纬度（WGS84）'],
  en: ['longitude (WGS84)', 'latitude (WGS84)'],
};

/** Every feature of the layer (not only the rows a filter shows), in the layer's order. */
export function layerAttributeCsv(layer: ScenarioLayer, counties: readonly CountyOption[], language: ExportLanguage): string {
  const columns = layerColumns(layer, counties);
  const fields = [...columns.map((column) => column.title[language]), ...COORDINATE_HEADERS[language]];
  const rows = layer.features.map((feature): CsvCell[] => {
    const cells: CsvCell[] = columns.map((column) => formatCell(column, feature.properties[column.key], language));
    const point = feature.geometry?.type === 'Point' ? feature.geometry.coordinates : null;
    cells.push(point ? Number(point[0]!.toFixed(COORDINATE_DECIMALS)) : '', point ? Number(point[1]!.toFixed(COORDINATE_DECIMALS)) : '');
    return cells;
  });
  return toCsv(fields, rows);
}
