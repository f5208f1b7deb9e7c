// The print sheet's arithmetic: paper pixels, the layout's rectangles, the
// scale bar, the Web Mercator frame projection, file names and the PNG dpi chunk.
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { dpiToPixelsPerMeter, pngDpi, withPngDpi } from '../../../src/io/pngDpi';
import {
  PRINT_PRESETS,
  metersPerPixel,
  niceScaleBar,
  paperPixels,
  pngFileName,
  presetById,
  presetId,
  projectToFrame,
  safeFileNamePart,
  scaleDenominator,
  sheetLayout,
  type LegendShape,
  type Rect,
  type SheetLayout,
} from '../../../src/io/printLayout';

const legend: LegendShape = { groups: 5, rows: 16, schematicNote: true };
const screenMap = { width: 738, height: 724 };

const inside = (inner: Rect, outer: Rect) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function boxes(layout: SheetLayout): [string, Rect][] {
  return [
    ['titleBand', layout.titleBand],
    ['mapFrame', layout.mapFrame],
    ['legendBox', layout.legendBox],
    ['northArrowBox', layout.northArrowBox],
    ['scaleBarBox', layout.scaleBarBox],
    ['footer', layout.footer],
    ...(layout.noteBox ? ([['noteBox', layout.noteBox]] as [string, Rect][]) : []),
  ];
}

describe('paper sizes', () => {
  it('A3 and A4 landscape at 300 and 150 dpi have the print shops’ pixel counts', () => {
    expect(paperPixels('A3', 300)).toEqual({ width: 4961, height: 3508 });
    expect(paperPixels('A4', 300)).toEqual({ width: 3508, height: 2480 });
    expect(paperPixels('A3', 150)).toEqual({ width: 2480, height: 1754 });
    expect(paperPixels('A4', 150)).toEqual({ width: 1754, height: 1240 });
  });

  it('has the seven sizes of the issue, each found again by its id', () => {
    expect(PRINT_PRESETS.map(presetId)).toEqual(['screen-1x', 'screen-2x', 'screen-4x', 'A4-150dpi', 'A4-300dpi', 'A3-150dpi', 'A3-300dpi']);
    for (const preset of PRINT_PRESETS) expect(presetById(presetId(preset))).toBe(preset);
    expect(presetById('A2-600dpi')).toBeUndefined();
  });
});

describe('sheet layout', () => {
  it('A3 300 dpi: the sheet is exactly 4961 × 3508 and every box lies inside the neat line without overlapping another', () => {
    const layout = sheetLayout(presetById('A3-300dpi')!, legend, screenMap);
    expect([layout.width, layout.height]).toEqual([4961, 3508]);
    expect(layout.dpi).toBe(300);
    expect(layout.scale).toBeCloseTo(300 / 96);
    const all = boxes(layout);
    for (const [name, rect] of all) {
      expect(inside(rect, layout.border), name).toBe(true);
      expect(rect.width, name).toBeGreaterThan(0);
      expect(rect.height, name).toBeGreaterThan(0);
    }
    for (let i = 0; i < all.length; i += 1)
      for (let j = i + 1; j < all.length; j += 1) expect(overlaps(all[i]![1], all[j]![1]), `${all[i]![0]} / ${all[j]![0]}`).toBe(false);
    // A 10 mm margin: 118 px at 300 dpi.
    expect(layout.border.x).toBe(118);
    // The map takes most of the sheet.
    expect((layout.mapFrame.width * layout.mapFrame.height) / (layout.width * layout.height)).toBeGreaterThan(0.55);
  });

  it('the map renders at the CSS size that prints at the frame’s size, within a pixel per ratio', () => {
    for (const id of ['A4-150dpi', 'A4-300dpi', 'A3-150dpi', 'A3-300dpi']) {
      const layout = sheetLayout(presetById(id)!, legend, screenMap);
      expect(Math.abs(layout.mapCss.width * layout.mapPixelRatio - layout.mapFrame.width), id).toBeLessThanOrEqual(layout.mapPixelRatio);
      expect(Math.abs(layout.mapCss.height * layout.mapPixelRatio - layout.mapFrame.height), id).toBeLessThanOrEqual(layout.mapPixelRatio);
    }
  });

  it('same physical layout at 150 and 300 dpi: every box scales by two', () => {
    const low = sheetLayout(presetById('A3-150dpi')!, legend, screenMap);
    const high = sheetLayout(presetById('A3-300dpi')!, legend, screenMap);
    for (const [[name, a], [, b]] of boxes(low).map((entry, index) => [entry, boxes(high)[index]!] as const)) {
      expect(Math.abs(b.x - 2 * a.x), name).toBeLessThanOrEqual(2);
      expect(Math.abs(b.width - 2 * a.width), name).toBeLessThanOrEqual(3);
    }
  });

  it('screen 2×: the map frame is twice the on-screen map, and the sheet grows around it', () => {
    const one = sheetLayout(presetById('screen-1x')!, legend, screenMap);
    const two = sheetLayout(presetById('screen-2x')!, legend, screenMap);
    expect([one.mapFrame.width, one.mapFrame.height]).toEqual([738, 724]);
    expect([two.mapFrame.width, two.mapFrame.height]).toEqual([1476, 1448]);
    expect(two.mapCss).toEqual({ width: 738, height: 724 });
    expect(two.mapPixelRatio).toBe(2);
    expect([two.width, two.height]).toEqual([one.width * 2, one.height * 2]);
    expect(two.dpi).toBe(192);
  });

  it('a short screen map still leaves the whole legend room: the sheet gets taller', () => {
    const short = sheetLayout(presetById('screen-1x')!, legend, { width: 600, height: 200 });
    expect(short.legendScale).toBe(1);
    expect(short.height).toBeGreaterThan(200 + 58 + 66);
    expect(short.mapFrame.height).toBe(200);
  });

  it('a legend too long for a paper sheet is shrunk, never cut', () => {
    const long = sheetLayout(presetById('A4-150dpi')!, { groups: 5, rows: 60, schematicNote: true }, screenMap);
    expect(long.legendScale).toBeLessThan(1);
    expect(long.legendScale).toBeGreaterThan(0.2);
    expect(sheetLayout(presetById('A4-150dpi')!, { groups: 3, rows: 8, schematicNote: true }, screenMap).legendScale).toBe(1);
    expect(sheetLayout(presetById('A3-150dpi')!, legend, screenMap).legendScale).toBe(1);
  });

  it('the 示意 note box exists only when asked for', () => {
    expect(sheetLayout(presetById('A4-300dpi')!, { ...legend, schematicNote: false }, screenMap).noteBox).toBeNull();
    expect(sheetLayout(presetById('A4-300dpi')!, legend, screenMap).noteBox).not.toBeNull();
  });
});

describe('scale bar', () => {
  it('metres per pixel along the parallel: 1° of longitude at the equator over 1000 px is 111.3 m', () => {
    expect(metersPerPixel([0, -1, 1, 1], 1000, 0)).toBeCloseTo(111.319, 2);
    expect(metersPerPixel([114, 32, 115, 33], 1000, 60)).toBeCloseTo(111.319 / 2, 2);
  });

  it('picks the longest 1, 2 or 5 × 10ⁿ metres that fits', () => {
    expect(niceScaleBar(100, 170)).toMatchObject({ meters: 10000, length: 100, label: '10 km' });
    expect(niceScaleBar(100, 250)).toMatchObject({ meters: 20000, length: 200, label: '20 km' });
    expect(niceScaleBar(100, 600)).toMatchObject({ meters: 50000, length: 500, label: '50 km', segments: 5 });
    expect(niceScaleBar(1.3, 300)).toMatchObject({ meters: 200, label: '200 m' });
    expect(niceScaleBar(0.003, 100)).toMatchObject({ meters: 0.2, label: '0.2 m' });
    for (const mpp of [0.7, 3, 17.5, 123, 999, 4321]) {
      const bar = niceScaleBar(mpp, 180);
      expect(bar.length).toBeLessThanOrEqual(180);
      // Never less than 40 % of the room: the next step up would not have fitted.
      expect(bar.length).toBeGreaterThan(180 * 0.4);
    }
    expect(() => niceScaleBar(0, 100)).toThrow();
  });

  it('nominal paper scale: 1 px = 100 m at 300 dpi is about 1:1,180,000', () => {
    expect(scaleDenominator(100, 300)).toBe(1_180_000);
    expect(scaleDenominator(10, 96)).toBe(37_800);
  });
});

describe('Web Mercator frame projection', () => {
  const frame = { x: 100, y: 50, width: 1000, height: 800 };
  const bounds = [113, 32, 116, 34] as const;
  it('maps the corners to the frame corners and the middle longitude to the middle', () => {
    expect(projectToFrame(bounds, frame, [113, 34])).toEqual({ x: 100, y: 50 });
    const corner = projectToFrame(bounds, frame, [116, 32]);
    expect(corner.x).toBeCloseTo(1100);
    expect(corner.y).toBeCloseTo(850);
    expect(projectToFrame(bounds, frame, [114.5, 33]).x).toBeCloseTo(600);
  });
  it('is Mercator, not equirectangular: the middle latitude lies below the middle of the frame', () => {
    expect(projectToFrame(bounds, frame, [114.5, 33]).y).toBeGreaterThan(450);
  });
});

describe('file names', () => {
  const date = new Date(2026, 10, 22, 9, 30);
  it('驻马店-<方案名>-A3-300dpi-2026-11-22.png, readable Chinese kept', () => {
    expect(pngFileName({ scenarioName: '方案A：服务业规划的五大商圈', preset: presetById('A3-300dpi')!, date, language: 'zh' })).toBe(
      '驻马店-方案A：服务业规划的五大商圈-A3-300dpi-2026-11-22.png',
    );
    expect(pngFileName({ scenarioName: 'Plan B', preset: presetById('screen-2x')!, date, language: 'en' })).toBe('Zhumadian-Plan B-screen-2x-2026-11-22.png');
    expect(pngFileName({ scenarioName: '方案', preset: presetById('screen-4x')!, date, language: 'zh' })).toBe('驻马店-方案-屏幕4x-2026-11-22.png');
  });
  it('replaces characters file systems refuse, and cuts very long names', () => {
    expect(safeFileNamePart('a/b\\c:d*e?f"g<h>i|j')).toBe('a_b_c_d_e_f_g_h_i_j');
    expect(safeFileNamePart('<img src=x onerror=alert(1)>')).toBe('img src=x onerror=alert(1)');
    expect(safeFileNamePart('..\u0000..')).toBe('_');
    expect(safeFileNamePart('  方案\n\t名  ')).toBe('方案 名');
    expect(Array.from(safeFileNamePart('长'.repeat(300)))).toHaveLength(80);
  });
});

describe('PNG dpi (pHYs)', () => {
  function tinyPng(): Uint8Array {
    const png = new PNG({ width: 3, height: 2 });
    png.data.fill(200);
    return new Uint8Array(PNG.sync.write(png));
  }

  it('writes 300 dpi as 11811 pixels per metre, and the file still decodes', () => {
    const original = tinyPng();
    expect(pngDpi(original)).toBeNull();
    const withDpi = withPngDpi(original, 300);
    expect(dpiToPixelsPerMeter(300)).toBe(11811);
    expect(pngDpi(withDpi)).toBe(300);
    const decoded = PNG.sync.read(Buffer.from(withDpi));
    expect([decoded.width, decoded.height]).toEqual([3, 2]);
    expect(Array.from(decoded.data.subarray(0, 4))).toEqual([200, 200, 200, 200]);
  });

  it('replaces an existing pHYs rather than adding a second one', () => {
    const twice = withPngDpi(withPngDpi(tinyPng(), 150), 300);
    expect(pngDpi(twice)).toBe(300);
    const text = Buffer.from(twice).toString('latin1');
    expect(text.split('pHYs')).toHaveLength(2);
    PNG.sync.read(Buffer.from(twice));
  });

  it('refuses bytes that are not a PNG', () => {
    expect(() => withPngDpi(new TextEncoder().encode('GIF89a not a png at all, really not'), 300)).toThrow('not a PNG');
  });
});
