// The PNG sheet's legend beyond the plan layers: each visible imported layer as
// its style draws it (same colours and classes as the map and the layers panel)
// and the analysis on the map; the sheet layout makes room for every row.
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../../src/analysis/registry';
import { DEFAULT_LAYER_STYLE, resolveLayerStyle } from '../../../src/domain/layerStyle';
import type { ScenarioLayer } from '../../../src/domain/scenario';
import { translate, type MessageKey } from '../../../src/i18n/dictionary';
import { legendData, legendShape } from '../../../src/map/printSheet';
import { legendExtras } from '../../../src/ui/layers/legendExtras';

const t = (key: MessageKey, values?: Record<string, string | number>) => translate('zh', key, values);
const square = (lng: number, lat: number) => ({
  type: 'Polygon' as const,
  coordinates: [[[lng, lat], [lng + 0.1, lat], [lng + 0.1, lat + 0.1], [lng, lat + 0.1], [lng, lat]]],
});
const population: ScenarioLayer = {
  id: 'imported-pop',
  title: { zh: '乡镇人口', en: 'Population' },
  imported: true,
  style: { ...DEFAULT_LAYER_STYLE, mode: 'graduated', field: '人口', method: 'equal-interval', classCount: 2, fillOpacity: 0.5 },
  features: [100, 200, 300].map((人口, index) => ({ type: 'Feature', geometry: square(114 + index * 0.2, 33), properties: { id: `p${index}`, 人口 } })),
};
const hiddenOne: ScenarioLayer = { ...population, id: 'imported-hidden', style: undefined };

describe('legendExtras', () => {
  it('an imported layer: one row per class in its map colour and fill opacity, with counts; hidden layers left out', () => {
    const groups = legendExtras([population, hiddenOne], new Set(['imported-hidden']), null, 'zh', t);
    expect(groups.map((group) => group.title)).toEqual(['乡镇人口']);
    const resolved = resolveLayerStyle(population.features, population.style!, population.title);
    expect(groups[0]!.rows).toEqual(
      resolved.entries.map((entry) => ({ color: [...entry.color, 128], symbol: 'polygon', label: `${entry.label.zh}（${entry.count}）` })),
    );
    expect(groups[0]!.rows.map((row) => row.label)).toEqual(['100 – 200（2）', '200 – 300（1）']);
  });

  it('the analysis on the map adds its own group', () => {
    const result = { kind: 'coverage' } as unknown as AnalysisResult;
    const groups = legendExtras([], new Set(), result, 'zh', t);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.title).toBe('分析结果');
    expect(groups[0]!.rows.map((row) => row.label)).toEqual(['服务半径圈（直线距离）', '覆盖范围合并边界', '已覆盖的目标', '未覆盖的目标']);
  });

  it('the sheet layout counts the extra groups and rows', () => {
    const extras = legendExtras([population], new Set(), { kind: 'circles' } as unknown as AnalysisResult, 'zh', t);
    const legend = legendData([], extras);
    expect(legend.extras).toHaveLength(2);
    expect(legendShape(legend)).toMatchObject({ groups: 2, rows: 2 + 2 });
    expect(legendShape(legendData([], []))).toMatchObject({ groups: 0, rows: 0 });
  });
});
