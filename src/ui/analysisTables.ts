// The result of a run as tables: what the panel shows and what CSV export
// writes are the same rows. Each analysis's tables are in its companion
// (src/ui/analyses/); the pieces they share are here.
import type { AreaCoverage, TargetVerdict } from '../analysis/types';
import type { Language, MessageKey } from '../i18n/dictionary';
import type { CsvCell } from '../io/csvExport';
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
export const round = (value: number, digits: number) => Number(value.toFixed(digits));

export function areaTable(areas: readonly AreaCoverage[], t: Translate, language: Language): ResultTable {
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

export const verdictLabel = (verdict: TargetVerdict, t: Translate) => t(`verdict_${verdict.replace('-', '_')}` as MessageKey);
