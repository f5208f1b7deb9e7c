// The result of a run as tables: what the panel shows and what CSV export
// writes are the same rows.
import type { AreaCoverage } from '../analysis/types';
import type { Language, MessageKey } from '../i18n/dictionary';
import type { CsvCell } from '../io/csvExport';
import type { AnalysisResult } from '../worker/protocol';
import type { Translate } from './context';

/**
 * Rows shown on screen per table. A result can list 100,000 uncovered targets:
 * rendering them all froze the page for most of a minute, and no one reads them
 * there — the CSV export carries every row.
 */
export const SHOWN_RESULT_ROWS = 200;

export interface ResultTable {
  id: string;
  fields: string[];
  rows: CsvCell[][];
}

export const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const round = (value: number, digits: number) => Number(value.toFixed(digits));

function areaTable(areas: readonly AreaCoverage[], t: Translate, language: Language): ResultTable {
  return {
    id: 'areas',
    fields: [t('colArea'), t('colAreaKm2'), t('colCoveredKm2'), t('colShare')],
    rows: areas.map((area) => [
      area.adcode === null ? t('cityTotal') : language === 'en' ? area.name_en : area.name_zh,
      round(area.areaKm2, 1),
      round(area.coveredKm2, 2),
      percent(area.share),
    ]),
  };
}

export function resultTables(result: AnalysisResult, names: Map<string, string>, t: Translate, language: Language): ResultTable[] {
  const nameOf = (id: string | null) => (id === null ? '—' : (names.get(id) ?? id));
  switch (result.kind) {
    case 'circles':
      return [areaTable(result.circles.areas, t, language)];
    case 'coverage':
      return [
        areaTable(result.coverage.areas, t, language),
        {
          id: 'uncovered',
          fields: [t('uncoveredHeading'), 'km'],
          rows: result.coverage.uncovered.map((target) => [
            target.name,
            target.nearestMeters === null ? null : round(target.nearestMeters / 1000, 2),
          ]),
        },
      ];
    case 'catchment': {
      const huff = result.catchment.huff !== undefined;
      return [
        {
          id: 'catchment',
          fields: [t('colFacility'), t('colTargets'), t('colWeight'), t('colAreaKm2'), ...(huff ? [t('colHuffShare')] : [])],
          rows: result.catchment.perFacility.map((row) => [
            nameOf(row.facilityId),
            row.targets,
            round(row.weight, 2),
            round(row.areaKm2, 1),
            ...(huff ? [percent(row.huffShare ?? 0)] : []),
          ]),
        },
      ];
    }
    case 'targets':
      return [
        {
          id: 'targets',
          fields: [t('colIndicator'), t('colVerdict'), 'explanation', 'source', 'quote'],
          rows: result.targets.map((target) => [
            language === 'en' ? target.indicator_en : target.indicator_zh,
            t(`verdict_${target.verdict.replace('-', '_')}` as MessageKey),
            language === 'en' ? target.explanation.en : target.explanation.zh,
            target.source,
            target.quote,
          ]),
        },
      ];
  }
}
