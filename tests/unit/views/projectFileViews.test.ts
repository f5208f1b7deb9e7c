import { describe, expect, it } from 'vitest';
import { parseProjectFile, serializeProject } from '../../../src/domain/projectFile';
import { layer, point, scenarioOf } from '../scenario/helpers';
import { sampleView } from './helpers';

const SAVED = '2025-03-02T09:30:00.000Z';
const scenarios = [scenarioOf('scenario-variant-a', [layer('towns', [point('a', 114, 33)])])];

describe('project file: views', () => {
  it('round-trips slides in their order, with camera, visibility, analysis and comparison', () => {
    const views = [
      sampleView('v2', { title: '第二张', notes: '讲清楚\n两点', hiddenLayers: ['towns'], hiddenClasses: ['urban-system/belt'] }),
      sampleView('v1', { analysis: null, compare: { mode: 'side-by-side', aId: 'baseline', bId: null }, camera: { center: [114.3, 33.1], zoom: 11.5, bearing: 0, pitch: 0 } }),
    ];
    const parsed = parseProjectFile(serializeProject(scenarios, views, SAVED));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.project.views).toEqual(views);
    expect(parsed.ignoredViews).toBeUndefined();
  });

  it('still opens a v1 file whose views are not slides, leaving them out and saying how many', () => {
    const file = JSON.parse(serializeProject(scenarios, [sampleView('good')], SAVED));
    file.views.unshift({ title: '幻灯片 1', camera: { zoom: 9 } });
    file.views.push({ ...sampleView('bad'), camera: { center: ['114', '33'], zoom: 9, bearing: 0, pitch: 0 } });
    const parsed = parseProjectFile(JSON.stringify(file));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.project.scenarios.map((scenario) => scenario.id)).toEqual(['scenario-variant-a']);
    expect(parsed.project.views.map((view) => view.id)).toEqual(['good']);
    expect(parsed.ignoredViews).toBe(2);
  });

  it('opens a v1 file written before slides existed (views: [])', () => {
    const parsed = parseProjectFile(serializeProject(scenarios, [], SAVED));
    expect(parsed.ok && parsed.project.views).toEqual([]);
  });
});
