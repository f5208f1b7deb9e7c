// What the analysis drawn on the map means, as legend rows: the presenter's
// legend and the PNG sheet list them beside the plan's and the imported
// layers' classes. The colours are the ones src/map/analysisLayers.ts draws.
import type { AnalysisResult } from '../analysis/registry';
import type { LocalizedText } from '../i18n/text';
import { categoryColor, COVERED, UNCOVERED } from './analysisLayers';

export interface AnalysisLegendRow {
  key: string;
  /** 'area': a translucent area; 'ring': a target ring; 'outline': a line around an area. */
  shape: 'area' | 'ring' | 'outline';
  color: [number, number, number, number];
  label: LocalizedText;
}

/** Catchment colours are per facility; beyond this many the legend says how many more. */
const MAX_FACILITY_ROWS = 8;

export function analysisLegend(result: AnalysisResult | null): AnalysisLegendRow[] {
  if (!result) return [];
  const circleRows: AnalysisLegendRow[] = [
    { key: 'circles', shape: 'area', color: [0, 114, 178, 60], label: { zh: '服务半径圈（直线距离）', en: 'Service circles (straight-line radius)' } },
    { key: 'dissolved', shape: 'outline', color: [0, 80, 140, 230], label: { zh: '覆盖范围合并边界', en: 'Union of the circles' } },
  ];
  const reachRows: AnalysisLegendRow[] = [
    { key: 'covered', shape: 'ring', color: COVERED, label: { zh: '已覆盖的目标', en: 'Targets covered' } },
    { key: 'uncovered', shape: 'ring', color: UNCOVERED, label: { zh: '未覆盖的目标', en: 'Targets not covered' } },
  ];
  switch (result.kind) {
    case 'circles':
      return circleRows;
    case 'coverage':
      return [...circleRows, ...reachRows];
    case 'network':
      return [
        { key: 'bands', shape: 'area', color: [0, 114, 178, 80], label: { zh: '路网通达范围（越深越近）', en: 'Reach along the roads (darker = sooner)' } },
        ...reachRows,
      ];
    case 'catchment': {
      const facilities = result.facilities.slice(0, MAX_FACILITY_ROWS).map(
        (facility, index): AnalysisLegendRow => ({
          key: `facility-${facility.id}`,
          shape: 'area',
          color: categoryColor(index, 140),
          label: { zh: `服务范围：${facility.name}`, en: `Service area: ${facility.name}` },
        }),
      );
      const more = result.facilities.length - facilities.length;
      return [
        ...facilities,
        ...(more > 0 ? [{ key: 'more', shape: 'area' as const, color: [150, 150, 150, 100] as AnalysisLegendRow['color'], label: { zh: `另有 ${more} 个设施`, en: `${more} more facilities` } }] : []),
        { key: 'unassigned', shape: 'ring', color: UNCOVERED, label: { zh: '未分配的目标', en: 'Targets not assigned' } },
      ];
    }
    default:
      return [];
  }
}
