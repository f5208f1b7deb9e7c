// Composes the print sheet on a 2D canvas: the captured map in its frame, the
// title, the legend of what is drawn, the 示意 note, north arrow, scale bar,
// attributions, scenario, date and coordinate system. Text is only ever drawn
// with fillText (a title is never HTML), clipped or ellipsised to its box.
import { LAYER_DEFINITIONS, type ClassDefinition, type Rgb } from '../domain/layers';
import { isSchematic, type LayerId, type PlanFeature } from '../domain/plan';
import { metersPerPixel, niceScaleBar, scaleDenominator, type LegendShape, type Rect, type SheetLayout } from '../io/printLayout';
import type { MapCapture } from './captureMap';
import { assertCanvasSize } from './captureMap';
import { LABEL_FONT_FAMILY, toDrawnFeatures } from './planLayers';

export interface LegendClass {
  style: ClassDefinition;
  /** Features drawn with this class's style. */
  count: number;
  /** Every one of them drawn hollow (schematic position). */
  hollow: boolean;
}

export interface LegendLayer {
  layer: LayerId;
  classes: LegendClass[];
}

/** A legend row of an imported layer or of the analysis, in the colour the map draws it. */
export interface LegendExtraRow {
  color: readonly [number, number, number, number];
  symbol: 'point' | 'line' | 'polygon' | 'ring' | 'outline';
  label: string;
}

/** Imported layers (each its own group) and the analysis result, after the plan's layers. */
export interface LegendExtraGroup {
  title: string;
  rows: LegendExtraRow[];
}

export interface LegendData {
  layers: LegendLayer[];
  extras: LegendExtraGroup[];
  /** Solid dots (GeoNames / county seat / placed) are drawn. */
  solidPoints: boolean;
  /** Hollow dots, dashed lines or dashed zone rings (示意) are drawn. */
  schematicSymbols: boolean;
  /** Anything whose position is not a surveyed point: the sheet then carries the 示意 note. */
  needsSchematicNote: boolean;
}

/**
 * What the legend lists: the classes as the map draws them (a feature's style
 * is its first shown class, see planLayers.toDrawnFeatures), in the layer
 * panel's order, and only those with at least one feature on the map.
 */
export function legendData(visibleFeatures: readonly PlanFeature[], extras: readonly LegendExtraGroup[] = []): LegendData {
  const drawn = toDrawnFeatures(visibleFeatures);
  const byClass = new Map<string, { count: number; solid: number }>();
  let solidPoints = false;
  let schematicSymbols = false;
  let needsSchematicNote = false;
  for (const item of drawn) {
    const key = `${item.feature.properties.layer}/${item.style.key}`;
    const entry = byClass.get(key) ?? { count: 0, solid: 0 };
    const schematic = isSchematic(item.feature);
    entry.count += 1;
    if (!schematic) entry.solid += 1;
    byClass.set(key, entry);
    if (item.style.symbol === 'point' && item.feature.geometry?.type === 'Point' && !schematic) solidPoints = true;
    if (schematic || item.style.symbol === 'zone') schematicSymbols = true;
    const accuracy = item.feature.properties.accuracy;
    if (accuracy === 'schematic' || accuracy === 'county-seat' || accuracy === 'placed' || item.style.symbol === 'zone') needsSchematicNote = true;
  }
  const layers: LegendLayer[] = [];
  for (const layer of LAYER_DEFINITIONS) {
    const classes = layer.classes
      .map((style) => {
        const entry = byClass.get(`${layer.id}/${style.key}`);
        return entry ? { style, count: entry.count, hollow: entry.solid === 0 } : null;
      })
      .filter((entry): entry is LegendClass => entry !== null);
    if (classes.length > 0) layers.push({ layer: layer.id, classes });
  }
  return { layers, extras: extras.filter((group) => group.rows.length > 0), solidPoints, schematicSymbols, needsSchematicNote };
}

export function legendShape(legend: LegendData): LegendShape {
  const notes = Number(legend.solidPoints) + Number(legend.schematicSymbols);
  return {
    groups: legend.layers.length + legend.extras.length,
    rows: legend.layers.reduce((sum, layer) => sum + layer.classes.length, 0) + legend.extras.reduce((sum, group) => sum + group.rows.length, 0) + notes,
    schematicNote: legend.needsSchematicNote,
  };
}

/** Every word the sheet prints, already in the interface language. */
export interface SheetText {
  title: string;
  subtitle: string;
  legendHeading: string;
  layerTitle: (layer: LayerId) => string;
  classTitle: (style: ClassDefinition) => string;
  legendSolid: string;
  legendSchematic: string;
  emptyLegend: string;
  schematicNote: string;
  north: string;
  scaleHeading: string;
  /** e.g. "比例尺按图幅中心纬度 32.9°N 计" */
  scaleCaption: (latitude: string, ratio: string | null) => string;
  attributions: string[];
  /** Scenario, date, coordinate system lines (right of the footer). */
  facts: string[];
}

const INK = '#1f1d1a';
const MUTED = '#5a5246';
const RULE = '#8c8475';
const NOTE = '#b3261e';

const css = (color: Rgb, alpha = 1) => `rgba(${color[0]}, ${color[1]}, ${color[2]}, ${alpha})`;
const font = (size: number, weight = 400) => `${weight} ${size}px ${LABEL_FONT_FAMILY}`;

/** The text cut to `maxWidth`, ending in "…" when cut (by code points, so no half characters). */
export function ellipsise(context: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (context.measureText(clean).width <= maxWidth) return clean;
  const chars = Array.from(clean);
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (context.measureText(`${chars.slice(0, mid).join('')}…`).width <= maxWidth) low = mid;
    else high = mid - 1;
  }
  return `${chars.slice(0, low).join('')}…`;
}

/** Greedy line breaking: between CJK characters anywhere, between Latin words at spaces. */
export function wrapLines(context: CanvasRenderingContext2D, text: string, maxWidth: number): string[] {
  const tokens = text.match(/[A-Za-z0-9@.,;:()'’“”"\-–—/&%+°×]+\s*|\s+|./gu) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    const candidate = line + token;
    if (line && context.measureText(candidate.trimEnd()).width > maxWidth) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else {
      line = candidate;
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  // A single token wider than the box (a long URL) is cut rather than overflowing.
  return lines.map((entry) => ellipsise(context, entry, maxWidth));
}

function strokeRect(context: CanvasRenderingContext2D, rect: Rect, width: number, color: string) {
  context.save();
  context.strokeStyle = color;
  context.lineWidth = width;
  context.strokeRect(rect.x + width / 2, rect.y + width / 2, rect.width - width, rect.height - width);
  context.restore();
}

/** A swatch drawn the way the map draws the class (see planLayers.ts and ui/Legend.tsx). */
function drawSwatch(context: CanvasRenderingContext2D, style: ClassDefinition, hollow: boolean, cx: number, cy: number, u: number) {
  context.save();
  if (style.symbol === 'zone') {
    context.beginPath();
    context.arc(cx, cy, 7 * u, 0, Math.PI * 2);
    context.fillStyle = css(style.color, 0.18);
    context.fill();
    context.setLineDash([3 * u, 2 * u]);
    context.lineWidth = 1.6 * u;
    context.strokeStyle = css(style.color, 0.9);
    context.stroke();
  } else if (style.symbol === 'line') {
    context.beginPath();
    context.moveTo(cx - 11 * u, cy);
    context.lineTo(cx + 11 * u, cy);
    context.setLineDash(hollow ? [6 * u, 4 * u] : []);
    context.lineWidth = 5 * u;
    context.lineCap = 'round';
    context.strokeStyle = css(style.color, 0.6);
    context.stroke();
  } else {
    const radius = Math.max(3.5, Math.min(7, style.size)) * u;
    context.beginPath();
    context.arc(cx, cy, radius, 0, Math.PI * 2);
    context.fillStyle = hollow ? '#ffffff' : css(style.color);
    context.fill();
    context.lineWidth = 2 * u;
    context.strokeStyle = hollow ? css(style.color) : '#ffffff';
    context.stroke();
    if (!hollow) {
      // White-outlined dots vanish on white paper: a hairline keeps the outline visible.
      context.beginPath();
      context.arc(cx, cy, radius + u, 0, Math.PI * 2);
      context.lineWidth = 0.6 * u;
      context.strokeStyle = 'rgba(0, 0, 0, 0.35)';
      context.stroke();
    }
  }
  context.restore();
}

/** An imported layer's or the analysis's swatch, as src/ui/layers/ImportedLegend.tsx draws it. */
function drawExtraSwatch(context: CanvasRenderingContext2D, row: LegendExtraRow, cx: number, cy: number, u: number) {
  const [r, g, b, a] = row.color;
  const solid = `rgb(${r}, ${g}, ${b})`;
  context.save();
  context.beginPath();
  if (row.symbol === 'point') {
    context.arc(cx, cy, 5.5 * u, 0, Math.PI * 2);
    context.fillStyle = solid;
    context.fill();
    context.lineWidth = 1 * u;
    context.strokeStyle = 'rgba(0, 0, 0, 0.35)';
    context.stroke();
  } else if (row.symbol === 'ring') {
    context.arc(cx, cy, 6 * u, 0, Math.PI * 2);
    context.lineWidth = 2.5 * u;
    context.strokeStyle = solid;
    context.stroke();
  } else if (row.symbol === 'line') {
    context.moveTo(cx - 11 * u, cy);
    context.lineTo(cx + 11 * u, cy);
    context.lineWidth = 3 * u;
    context.strokeStyle = solid;
    context.stroke();
  } else {
    context.rect(cx - 10 * u, cy - 6 * u, 20 * u, 12 * u);
    if (row.symbol === 'polygon') {
      context.fillStyle = `rgba(${r}, ${g}, ${b}, ${Math.max(0.15, a / 255)})`;
      context.fill();
    }
    context.lineWidth = (row.symbol === 'outline' ? 2 : 1) * u;
    context.strokeStyle = solid;
    context.stroke();
  }
  context.restore();
}

const NEUTRAL: ClassDefinition = { key: 'accuracy', title: 'legendSolid', symbol: 'point', color: [90, 90, 90], size: 6, labelPriority: 0 };

function drawLegend(context: CanvasRenderingContext2D, box: Rect, legend: LegendData, text: SheetText, u: number, fit: number) {
  const m = { heading: 30, group: 24, row: 20, font: 12 };
  const k = u * fit;
  context.save();
  context.beginPath();
  context.rect(box.x, box.y, box.width, box.height);
  context.clip();
  let y = box.y;
  context.fillStyle = INK;
  context.textBaseline = 'middle';
  context.font = font(16 * u, 700);
  context.fillText(ellipsise(context, text.legendHeading, box.width), box.x, y + 12 * u);
  y += m.heading * k;
  const textX = box.x + 30 * k;
  const maxText = box.width - 30 * k;
  if (legend.layers.length === 0 && legend.extras.length === 0) {
    context.font = font(m.font * k);
    context.fillStyle = MUTED;
    context.fillText(ellipsise(context, text.emptyLegend, box.width), box.x, y + (m.row * k) / 2);
  }
  for (const layer of legend.layers) {
    context.font = font(13 * k, 700);
    context.fillStyle = INK;
    context.fillText(ellipsise(context, text.layerTitle(layer.layer), box.width), box.x, y + (m.group * k) / 2 + 2 * k);
    y += m.group * k;
    for (const entry of layer.classes) {
      drawSwatch(context, entry.style, entry.hollow, box.x + 13 * k, y + (m.row * k) / 2, k);
      context.font = font(m.font * k);
      context.fillStyle = INK;
      const label = ellipsise(context, `${text.classTitle(entry.style)}（${entry.count}）`, maxText);
      context.fillText(label, textX, y + (m.row * k) / 2);
      y += m.row * k;
    }
  }
  for (const group of legend.extras) {
    context.font = font(13 * k, 700);
    context.fillStyle = INK;
    context.fillText(ellipsise(context, group.title, box.width), box.x, y + (m.group * k) / 2 + 2 * k);
    y += m.group * k;
    for (const row of group.rows) {
      drawExtraSwatch(context, row, box.x + 13 * k, y + (m.row * k) / 2, k);
      context.font = font(m.font * k);
      context.fillStyle = INK;
      context.fillText(ellipsise(context, row.label, maxText), textX, y + (m.row * k) / 2);
      y += m.row * k;
    }
  }
  const notes: [boolean, string][] = [
    [legend.solidPoints, text.legendSolid],
    [legend.schematicSymbols, text.legendSchematic],
  ];
  for (const [shown, label] of notes) {
    if (!shown) continue;
    drawSwatch(context, NEUTRAL, label === text.legendSchematic, box.x + 13 * k, y + (m.row * k) / 2, k);
    context.font = font(11 * k);
    context.fillStyle = MUTED;
    context.fillText(ellipsise(context, label, maxText), textX, y + (m.row * k) / 2);
    y += m.row * k;
  }
  context.restore();
}

function drawNorthArrow(context: CanvasRenderingContext2D, box: Rect, label: string, u: number) {
  const cx = box.x + box.width / 2;
  const top = box.y + 24 * u;
  const bottom = box.y + box.height - 10 * u;
  const half = 11 * u;
  const waist = bottom - (bottom - top) * 0.28;
  context.save();
  context.fillStyle = INK;
  context.textAlign = 'center';
  context.textBaseline = 'alphabetic';
  context.font = font(15 * u, 700);
  context.fillText(label, cx, box.y + 16 * u);
  // Classic split arrow: left half filled, right half outlined.
  context.lineJoin = 'miter';
  context.lineWidth = 1.2 * u;
  context.strokeStyle = INK;
  context.beginPath();
  context.moveTo(cx, top);
  context.lineTo(cx - half, bottom);
  context.lineTo(cx, waist);
  context.closePath();
  context.fill();
  context.stroke();
  context.beginPath();
  context.moveTo(cx, top);
  context.lineTo(cx + half, bottom);
  context.lineTo(cx, waist);
  context.closePath();
  context.fillStyle = '#ffffff';
  context.fill();
  context.stroke();
  context.restore();
}

function drawScaleBar(
  context: CanvasRenderingContext2D,
  box: Rect,
  capture: MapCapture,
  frameWidth: number,
  dpi: number | null,
  text: SheetText,
  u: number,
) {
  const mpp = metersPerPixel(capture.bounds, frameWidth, capture.centerLatitude);
  const inset = 6 * u;
  const bar = niceScaleBar(mpp, box.width - 2 * inset - 14 * u);
  const x0 = box.x + inset;
  const barTop = box.y + 34 * u;
  const barHeight = 7 * u;
  context.save();
  context.fillStyle = INK;
  context.textBaseline = 'alphabetic';
  context.font = font(13 * u, 700);
  context.fillText(ellipsise(context, text.scaleHeading, box.width), box.x, box.y + 14 * u);
  context.font = font(11 * u);
  context.textAlign = 'center';
  const segment = bar.length / bar.segments;
  for (let i = 0; i < bar.segments; i += 1) {
    context.fillStyle = i % 2 === 0 ? INK : '#ffffff';
    context.fillRect(x0 + i * segment, barTop, segment, barHeight);
  }
  context.strokeStyle = INK;
  context.lineWidth = 1 * u;
  context.strokeRect(x0, barTop, bar.length, barHeight);
  context.fillStyle = INK;
  context.fillText('0', x0, barTop - 5 * u);
  context.fillText(bar.label, x0 + bar.length, barTop - 5 * u);
  context.textAlign = 'left';
  context.font = font(10 * u);
  context.fillStyle = MUTED;
  const ratio = dpi ? `1:${scaleDenominator(mpp, dpi).toLocaleString('en-US')}` : null;
  const latitude = `${Math.abs(capture.centerLatitude).toFixed(1)}°${capture.centerLatitude >= 0 ? 'N' : 'S'}`;
  const lines = wrapLines(context, text.scaleCaption(latitude, ratio), box.width);
  lines.slice(0, 3).forEach((line, index) => context.fillText(line, box.x, barTop + barHeight + (16 + index * 13) * u));
  context.restore();
}

/** Lines in `box` at the largest font (≤ `size`) that fits them all. */
function drawWrapped(context: CanvasRenderingContext2D, box: Rect, paragraphs: string[], size: number, color: string, u: number, minSize = 6) {
  let fontSize = size;
  let lines: string[] = [];
  for (; fontSize >= minSize; fontSize -= 0.5) {
    context.font = font(fontSize * u);
    lines = paragraphs.flatMap((paragraph) => wrapLines(context, paragraph, box.width));
    if (lines.length * fontSize * 1.35 * u <= box.height) break;
  }
  context.save();
  context.beginPath();
  context.rect(box.x, box.y, box.width, box.height);
  context.clip();
  context.fillStyle = color;
  context.textBaseline = 'top';
  lines.forEach((line, index) => context.fillText(line, box.x, box.y + index * fontSize * 1.35 * u));
  context.restore();
}

/** Draws the sheet; `dpi` null for screen exports (no paper scale is printed then). */
export function composeSheet(layout: SheetLayout, capture: MapCapture, legend: LegendData, text: SheetText, paperDpi: number | null): HTMLCanvasElement {
  assertCanvasSize(layout.width, layout.height);
  const u = layout.scale;
  const canvas = document.createElement('canvas');
  canvas.width = layout.width;
  canvas.height = layout.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('2D canvas unavailable');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);

  // Map, stretched (by at most a few pixels on paper sizes) to the frame.
  const frame = layout.mapFrame;
  context.imageSmoothingQuality = 'high';
  context.drawImage(capture.canvas, frame.x, frame.y, frame.width, frame.height);
  strokeRect(context, { x: frame.x - u, y: frame.y - u, width: frame.width + 2 * u, height: frame.height + 2 * u }, u, INK);

  // Title band.
  const band = layout.titleBand;
  context.fillStyle = INK;
  context.textBaseline = 'alphabetic';
  context.font = font(26 * u, 700);
  context.fillText(ellipsise(context, text.title, band.width - 8 * u), band.x + 4 * u, band.y + 30 * u);
  context.font = font(13 * u);
  context.fillStyle = MUTED;
  context.fillText(ellipsise(context, text.subtitle, band.width - 8 * u), band.x + 4 * u, band.y + 48 * u);
  context.fillStyle = INK;
  context.fillRect(band.x, band.y + band.height - 4 * u, band.width, 1.5 * u);

  // Side panel: legend, 示意 note, north arrow and scale bar.
  drawLegend(context, layout.legendBox, legend, text, u, layout.legendScale);
  if (layout.noteBox) {
    const box = layout.noteBox;
    strokeRect(context, box, 1.5 * u, NOTE);
    context.font = font(12 * u, 700);
    const lines = wrapLines(context, text.schematicNote, box.width - 16 * u).slice(0, 2);
    context.fillStyle = NOTE;
    context.textBaseline = 'middle';
    const lineHeight = 15 * u;
    lines.forEach((line, index) =>
      context.fillText(line, box.x + 8 * u, box.y + box.height / 2 + (index - (lines.length - 1) / 2) * lineHeight),
    );
  }
  drawNorthArrow(context, layout.northArrowBox, text.north, u);
  drawScaleBar(context, layout.scaleBarBox, capture, frame.width, paperDpi, text, u);

  // Footer: attributions on the left, scenario / date / coordinate system on the right.
  const footer = layout.footer;
  context.fillStyle = RULE;
  context.fillRect(footer.x, footer.y + 4 * u, footer.width, 0.8 * u);
  const factsWidth = Math.min(footer.width * 0.36, 330 * u);
  const body = { y: footer.y + 10 * u, height: footer.height - 12 * u };
  drawWrapped(context, { x: footer.x, width: footer.width - factsWidth - 16 * u, ...body }, text.attributions, 9.5, MUTED, u);
  drawWrapped(context, { x: footer.x + footer.width - factsWidth, width: factsWidth, ...body }, text.facts, 10.5, INK, u);

  strokeRect(context, layout.border, 1.5 * u, INK);
  return canvas;
}

/** The canvas as PNG bytes. */
export function canvasToPng(canvas: HTMLCanvasElement): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (!blob) {
        reject(new Error('PNG encoding failed (out of memory?)'));
        return;
      }
      blob.arrayBuffer().then((buffer) => resolve(new Uint8Array(buffer)), reject);
    }, 'image/png');
  });
}
