// Print-grade PNG export: the sheet's geometry as pure arithmetic (no DOM, no
// map), so that sizes, the layout and the scale bar can be tested in Node and
// re-derived by the browser test from an exported file.
//
// Everything is laid out in "layout units" (CSS pixels, 1/96 inch) and then
// multiplied by the sheet's scale. On paper that keeps text and symbols at the
// same physical size whatever the dpi (a 12 px map label prints at 9 pt on A4
// at 150 dpi and on A3 at 300 dpi); on screen exports it keeps the sheet
// looking like the screen, n times sharper.

export type PaperSize = 'A4' | 'A3';
export type PrintPreset = { kind: 'screen'; ratio: 1 | 2 | 4 } | { kind: 'paper'; paper: PaperSize; dpi: 150 | 300 };

export const PRINT_PRESETS: readonly PrintPreset[] = [
  { kind: 'screen', ratio: 1 },
  { kind: 'screen', ratio: 2 },
  { kind: 'screen', ratio: 4 },
  { kind: 'paper', paper: 'A4', dpi: 150 },
  { kind: 'paper', paper: 'A4', dpi: 300 },
  { kind: 'paper', paper: 'A3', dpi: 150 },
  { kind: 'paper', paper: 'A3', dpi: 300 },
];

/** A stable id for a preset (form values, test ids): `screen-2x`, `A3-300dpi`. */
export function presetId(preset: PrintPreset): string {
  return preset.kind === 'screen' ? `screen-${preset.ratio}x` : `${preset.paper}-${preset.dpi}dpi`;
}

export function presetById(id: string): PrintPreset | undefined {
  return PRINT_PRESETS.find((preset) => presetId(preset) === id);
}

/** ISO 216 sizes, landscape (width × height), millimetres. */
export const PAPER_MM: Record<PaperSize, readonly [number, number]> = { A4: [297, 210], A3: [420, 297] };
export const MM_PER_INCH = 25.4;
/** CSS pixels per inch: the unit MapLibre, deck.gl and this layout measure in. */
export const CSS_PX_PER_INCH = 96;
/** What a screen export claims as its resolution (pHYs): the screen's 96 dpi times the ratio. */
export const SCREEN_DPI = 96;

/** Whole pixels of a landscape sheet: 420 mm at 300 dpi = 4961 px (rounded, as print shops count). */
export function paperPixels(paper: PaperSize, dpi: number): { width: number; height: number } {
  const [widthMm, heightMm] = PAPER_MM[paper];
  return { width: Math.round((widthMm / MM_PER_INCH) * dpi), height: Math.round((heightMm / MM_PER_INCH) * dpi) };
}

/** The resolution written into the file: paper dpi, or 96 × ratio for screen exports. */
export function presetDpi(preset: PrintPreset): number {
  return preset.kind === 'paper' ? preset.dpi : SCREEN_DPI * preset.ratio;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Layout measures in layout units (CSS px). Typography is in the same unit. */
export const SHEET_METRICS = {
  paperMarginMm: 10,
  screenMargin: 16,
  /** Between the neat line and the content. */
  padding: 12,
  titleBand: 58,
  titleFont: 26,
  subtitleFont: 13,
  footerBand: 80,
  footerFont: 10,
  sideWidth: 236,
  gap: 12,
  legendHeading: 30,
  legendGroup: 24,
  legendRow: 20,
  legendFont: 12,
  /** The 示意 note, the scale bar and the north arrow at the bottom of the side panel. */
  noteBox: 40,
  mapElements: 92,
} as const;

export interface LegendShape {
  /** Layer headings shown. */
  groups: number;
  /** Class rows and accuracy notes shown. */
  rows: number;
  /** Whether the 示意 note box is drawn. */
  schematicNote: boolean;
}

export interface SheetLayout {
  /** Whole sheet, pixels. */
  width: number;
  height: number;
  /** Pixels per layout unit (CSS px). */
  scale: number;
  /** Resolution for the file's pHYs chunk. */
  dpi: number;
  /** The neat line around the content, pixels. */
  border: Rect;
  titleBand: Rect;
  /** Where the map image goes, pixels. */
  mapFrame: Rect;
  /** The map container size to render at (CSS px); rendered at `mapPixelRatio`. */
  mapCss: { width: number; height: number };
  mapPixelRatio: number;
  sidePanel: Rect;
  legendBox: Rect;
  /** Legend rows are scaled by this (≤ 1) when there are too many to fit. */
  legendScale: number;
  noteBox: Rect | null;
  northArrowBox: Rect;
  scaleBarBox: Rect;
  footer: Rect;
}

/** Height the legend needs at full size, in layout units. */
export function legendHeight(shape: LegendShape): number {
  const m = SHEET_METRICS;
  return m.legendHeading + shape.groups * m.legendGroup + shape.rows * m.legendRow + 8;
}

function scaled(rect: Rect, scale: number): Rect {
  const x = Math.round(rect.x * scale);
  const y = Math.round(rect.y * scale);
  return { x, y, width: Math.round((rect.x + rect.width) * scale) - x, height: Math.round((rect.y + rect.height) * scale) - y };
}

/**
 * The sheet: title band across the top, the map frame on the left, a side
 * panel (legend; the 示意 note, north arrow and scale bar at its foot) on the
 * right, a footer (attributions; scenario, date, coordinate system) along the
 * bottom, all inside a neat line.
 *
 * Paper sheets have a fixed size and the map takes what is left; screen sheets
 * are built around the on-screen map size (`screenMap`, CSS px), taller when
 * the legend needs it.
 */
export function sheetLayout(preset: PrintPreset, legend: LegendShape, screenMap: { width: number; height: number }): SheetLayout {
  const m = SHEET_METRICS;
  // Legend, gap, [note, gap,] map elements, half a gap: as stacked below.
  const sideNeeds = legendHeight(legend) + m.gap + (legend.schematicNote ? m.noteBox + m.gap : 0) + m.mapElements + m.gap / 2;

  let width: number;
  let height: number;
  let scale: number;
  let margin: number;
  let map: Rect;
  if (preset.kind === 'paper') {
    const pixels = paperPixels(preset.paper, preset.dpi);
    scale = preset.dpi / CSS_PX_PER_INCH;
    width = pixels.width;
    height = pixels.height;
    margin = (m.paperMarginMm / MM_PER_INCH) * CSS_PX_PER_INCH;
    const inner = margin + m.padding;
    const unitsWide = width / scale;
    const unitsHigh = height / scale;
    map = {
      x: inner,
      y: inner + m.titleBand,
      width: unitsWide - 2 * inner - m.sideWidth - m.gap,
      height: unitsHigh - 2 * inner - m.titleBand - m.footerBand,
    };
  } else {
    scale = preset.ratio;
    margin = m.screenMargin;
    const mapWidth = Math.max(1, Math.round(screenMap.width));
    const mapHeight = Math.max(1, Math.round(screenMap.height));
    const bodyHeight = Math.max(mapHeight, Math.ceil(sideNeeds));
    const inner = margin + m.padding;
    map = { x: inner, y: inner + m.titleBand, width: mapWidth, height: mapHeight };
    width = (2 * inner + mapWidth + m.gap + m.sideWidth) * scale;
    height = (2 * inner + m.titleBand + bodyHeight + m.footerBand) * scale;
  }

  const unitsWide = width / scale;
  const unitsHigh = height / scale;
  const border: Rect = { x: margin, y: margin, width: unitsWide - 2 * margin, height: unitsHigh - 2 * margin };
  const inner = margin + m.padding;
  const titleBand: Rect = { x: inner, y: inner, width: unitsWide - 2 * inner, height: m.titleBand };
  const footer: Rect = { x: inner, y: unitsHigh - inner - m.footerBand, width: titleBand.width, height: m.footerBand };
  const side: Rect = { x: map.x + map.width + m.gap, y: map.y, width: m.sideWidth, height: footer.y - map.y };
  const mapElements: Rect = { x: side.x, y: side.y + side.height - m.mapElements - m.gap / 2, width: side.width, height: m.mapElements };
  const noteBox: Rect | null = legend.schematicNote
    ? { x: side.x, y: mapElements.y - m.gap - m.noteBox, width: side.width, height: m.noteBox }
    : null;
  const legendBottom = (noteBox ? noteBox.y : mapElements.y) - m.gap;
  const legendBox: Rect = { x: side.x, y: side.y, width: side.width, height: Math.max(0, legendBottom - side.y) };
  const legendScale = Math.min(1, legendBox.height / legendHeight(legend));
  const northWidth = 54;
  const northArrowBox: Rect = { x: mapElements.x, y: mapElements.y, width: northWidth, height: mapElements.height };
  const scaleBarBox: Rect = {
    x: mapElements.x + northWidth + m.gap,
    y: mapElements.y,
    width: mapElements.width - northWidth - m.gap,
    height: mapElements.height,
  };

  const mapFrame = scaled(map, scale);
  // Screen exports render the map at exactly its on-screen size; paper frames
  // render at the CSS size that prints at the frame's physical size.
  const mapCss =
    preset.kind === 'screen'
      ? { width: map.width, height: map.height }
      : { width: Math.round(mapFrame.width / scale), height: Math.round(mapFrame.height / scale) };
  return {
    width: Math.round(width),
    height: Math.round(height),
    scale,
    dpi: presetDpi(preset),
    border: scaled(border, scale),
    titleBand: scaled(titleBand, scale),
    mapFrame,
    mapCss,
    mapPixelRatio: scale,
    sidePanel: scaled(side, scale),
    legendBox: scaled(legendBox, scale),
    legendScale,
    noteBox: noteBox ? scaled(noteBox, scale) : null,
    northArrowBox: scaled(northArrowBox, scale),
    scaleBarBox: scaled(scaleBarBox, scale),
    footer: scaled(footer, scale),
  };
}

/** [west, south, east, north] in degrees. */
export type LngLatBounds = readonly [number, number, number, number];

const EARTH_RADIUS_M = 6378137;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/**
 * Ground metres per image pixel along the parallel at `latitude`, for a Web
 * Mercator image `widthPx` wide spanning `bounds` (x is linear in longitude).
 */
export function metersPerPixel(bounds: LngLatBounds, widthPx: number, latitude: number): number {
  return (radians(bounds[2] - bounds[0]) * EARTH_RADIUS_M * Math.cos(radians(latitude))) / widthPx;
}

export interface ScaleBar {
  meters: number;
  /** Length in pixels. */
  length: number;
  /** "20 km" / "500 m". */
  label: string;
  /** Segments drawn alternately black and white. */
  segments: number;
}

/** The longest 1, 2 or 5 × 10ⁿ metres that fits in `maxLength` pixels. */
export function niceScaleBar(metresPerPixel: number, maxLength: number): ScaleBar {
  if (!(metresPerPixel > 0) || !(maxLength > 0)) throw new Error('scale bar needs positive metres per pixel and length');
  const maxMeters = metresPerPixel * maxLength;
  const exponent = Math.floor(Math.log10(maxMeters));
  let meters = 10 ** exponent;
  for (const step of [5, 2, 1]) {
    const candidate = step * 10 ** exponent;
    if (candidate <= maxMeters) {
      meters = candidate;
      break;
    }
  }
  // Float noise from 10 ** n (e.g. 0.30000000000000004) is rounded away.
  meters = Number(meters.toPrecision(6));
  const leading = Math.round(meters / 10 ** Math.floor(Math.log10(meters)));
  const label = meters >= 1000 ? `${meters / 1000} km` : `${meters} m`;
  return { meters, length: meters / metresPerPixel, label, segments: leading === 5 ? 5 : 4 };
}

/** 1 : N on paper at `dpi`, N rounded to three significant figures (a nominal scale for the map's centre). */
export function scaleDenominator(metresPerPixel: number, dpi: number): number {
  const exact = (metresPerPixel * dpi) / (MM_PER_INCH / 1000);
  const magnitude = 10 ** (Math.floor(Math.log10(exact)) - 2);
  return Math.round(exact / magnitude) * magnitude;
}

/** Web Mercator: where a longitude/latitude falls in an image of `frame` showing `bounds`. */
export function projectToFrame(bounds: LngLatBounds, frame: Rect, [lng, lat]: readonly [number, number]): { x: number; y: number } {
  const mercatorY = (latitude: number) => Math.log(Math.tan(Math.PI / 4 + radians(latitude) / 2));
  const x = frame.x + ((lng - bounds[0]) / (bounds[2] - bounds[0])) * frame.width;
  const y = frame.y + ((mercatorY(bounds[3]) - mercatorY(lat)) / (mercatorY(bounds[3]) - mercatorY(bounds[1]))) * frame.height;
  return { x, y };
}

/** Local calendar date as YYYY-MM-DD (what a planner expects in a file name). */
export function localDateString(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The size part of the file name: `A3-300dpi`, `屏幕2x` / `screen-2x`. */
export function presetFileLabel(preset: PrintPreset, language: 'zh' | 'en'): string {
  if (preset.kind === 'paper') return `${preset.paper}-${preset.dpi}dpi`;
  return language === 'zh' ? `屏幕${preset.ratio}x` : `screen-${preset.ratio}x`;
}

/**
 * Characters Windows, macOS or Linux refuse in a file name (and control
 * characters) become "_"; runs collapse; leading/trailing dots and spaces go;
 * the name is cut at 80 characters so the whole path stays short.
 */
export function safeFileNamePart(text: string): string {
  const replaced = text
    .replace(/\s+/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[\s._]+|[\s._]+$/g, '');
  return Array.from(replaced).slice(0, 80).join('') || '_';
}

/** `驻马店-<方案名>-A3-300dpi-2026-11-22.png`. */
export function pngFileName(options: { scenarioName: string; preset: PrintPreset; date: Date; language: 'zh' | 'en' }): string {
  const city = options.language === 'zh' ? '驻马店' : 'Zhumadian';
  return `${city}-${safeFileNamePart(options.scenarioName)}-${presetFileLabel(options.preset, options.language)}-${localDateString(options.date)}.png`;
}
