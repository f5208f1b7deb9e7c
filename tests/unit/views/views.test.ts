import { describe, expect, it } from 'vitest';
import { addView, keepValidViews, moveView, newViewId, removeView, stepIndex, updateView, viewShapeProblem } from '../../../src/domain/views';
import { sampleView } from './helpers';

const ids = (views: { id: string }[]) => views.map((view) => view.id);

describe('saved views: operations', () => {
  const three = [sampleView('a'), sampleView('b'), sampleView('c')];

  it('adds at the end, replacing a view with the same id', () => {
    expect(ids(addView(three, sampleView('d')))).toEqual(['a', 'b', 'c', 'd']);
    const replaced = addView(three, sampleView('a', { title: '新' }));
    expect(ids(replaced)).toEqual(['b', 'c', 'a']);
    expect(replaced[2]!.title).toBe('新');
  });

  it('updates one view and never its id; the input is left alone', () => {
    const updated = updateView(three, 'b', { title: '汝南组团', notes: '强调交通', id: 'x' } as never);
    expect(updated[1]).toMatchObject({ id: 'b', title: '汝南组团', notes: '强调交通' });
    expect(three[1]!.title).toBe('幻灯片 b');
    expect(updated[0]).toBe(three[0]);
  });

  it('moves up and down, and not past either end', () => {
    expect(ids(moveView(three, 'b', -1))).toEqual(['b', 'a', 'c']);
    expect(ids(moveView(three, 'b', 1))).toEqual(['a', 'c', 'b']);
    expect(ids(moveView(three, 'a', -1))).toEqual(['a', 'b', 'c']);
    expect(ids(moveView(three, 'c', 1))).toEqual(['a', 'b', 'c']);
    expect(ids(moveView(three, 'missing', 1))).toEqual(['a', 'b', 'c']);
  });

  it('removes by id', () => {
    expect(ids(removeView(three, 'b'))).toEqual(['a', 'c']);
    expect(ids(removeView(three, 'missing'))).toEqual(['a', 'b', 'c']);
  });

  it('steps the slide index within the slides', () => {
    expect(stepIndex(0, 1, 3)).toBe(1);
    expect(stepIndex(2, 1, 3)).toBe(2);
    expect(stepIndex(0, -1, 3)).toBe(0);
    expect(stepIndex(5, 0, 3)).toBe(2);
    expect(stepIndex(0, 1, 0)).toBe(0);
  });

  it('makes distinct ids from time and a random draw', () => {
    expect(newViewId(1_700_000_000_000, 0.25)).not.toBe(newViewId(1_700_000_000_000, 0.5));
    expect(newViewId(1_700_000_000_000, 0.25)).toMatch(/^view-[0-9a-z]+-[0-9a-z]{6}$/);
  });
});

describe('saved views: reading', () => {
  it('accepts a well-formed view, with or without analysis and comparison', () => {
    expect(viewShapeProblem(sampleView('a'), 'v')).toBeNull();
    expect(viewShapeProblem(sampleView('a', { analysis: null, compare: { mode: 'swipe', aId: null, bId: 'scenario-variant-b' } }), 'v')).toBeNull();
    // A spec from an older version, missing fields the app fills from its defaults.
    expect(viewShapeProblem({ ...sampleView('a'), analysis: { enabled: false, spec: { kind: 'circles' } } }, 'v')).toBeNull();
  });

  it('checks the basemap a slide keeps: records with titles, opacity within 0–1', () => {
    const shown = [{ id: 'imagery', title: { zh: '影像', en: 'Imagery' }, opacity: 0.5, muted: true }];
    expect(viewShapeProblem(sampleView('a', { basemap: { shown, countyOverlay: true } }), 'v')).toBeNull();
    expect(viewShapeProblem(sampleView('a', { basemap: { shown: [{ ...shown[0]!, opacity: 2 }], countyOverlay: true } }), 'v')).toEqual({ path: 'v.basemap.shown[0].opacity', issue: 'not within 0–1' });
    expect(viewShapeProblem({ ...sampleView('a'), basemap: { shown: [{ id: 'x' }], countyOverlay: false } }, 'v')).toEqual({ path: 'v.basemap.shown[0].title', issue: 'not {zh, en}' });
    expect(viewShapeProblem({ ...sampleView('a'), basemap: 'imagery' }, 'v')).toEqual({ path: 'v.basemap', issue: 'not an object' });
  });

  it.each<[string, (view: any) => void, RegExp]>([
    ['not an object', (view) => Object.keys(view).forEach((key) => delete view[key]), /v\.id/],
    ['an empty id', (view) => (view.id = ''), /v\.id/],
    ['a numeric title', (view) => (view.title = 3), /v\.title/],
    ['no notes', (view) => delete view.notes, /v\.notes/],
    ['a camera without a centre', (view) => delete view.camera.center, /v\.camera\.center/],
    ['a centre out of range', (view) => (view.camera.center = [200, 33]), /out of range/],
    ['a zoom that is not finite', (view) => (view.camera.zoom = null), /v\.camera\.zoom/],
    ['hidden layers not strings', (view) => (view.hiddenLayers = [1]), /v\.hiddenLayers/],
    ['an unknown analysis kind', (view) => (view.analysis.spec.kind = 'heatmap'), /spec\.kind/],
    ['a negative number of minutes', (view) => (view.analysis.spec.minutes = -5), /spec\.minutes/],
    ['a speed missing', (view) => delete view.analysis.spec.speeds.drive, /spec\.speeds/],
    ['enabled not a boolean', (view) => (view.analysis.enabled = 'yes'), /analysis\.enabled/],
    ['an unknown compare mode', (view) => (view.compare = { mode: 'overlay', aId: null, bId: null }), /compare\.mode/],
    ['a compare id that is a number', (view) => (view.compare = { mode: null, aId: 7, bId: null }), /compare\.aId/],
  ])('refuses a view with %s, saying where', (_what, breakIt, where) => {
    const view = structuredClone(sampleView('a'));
    breakIt(view);
    const problem = viewShapeProblem(view, 'v');
    expect(problem).not.toBeNull();
    expect(`${problem!.path}: ${problem!.issue}`).toMatch(where);
  });

  it('keeps the valid views of a list and reports the rest', () => {
    const { views, problems } = keepValidViews([sampleView('a'), { title: '旧格式', camera: { zoom: 9 } }, sampleView('a'), 'text', sampleView('b')]);
    expect(ids(views)).toEqual(['a', 'b']);
    expect(problems.map((problem) => problem.path)).toEqual(['views[1].id', 'views[2].id', 'views[3]']);
  });
});
