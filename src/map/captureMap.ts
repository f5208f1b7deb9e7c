// Captures the live main map — MapLibre's basemap and deck.gl's plan layers,
// which share one WebGL canvas (interleaved overlay, preserveDrawingBuffer) —
// at a print size: the map container is resized to the frame's CSS size, the
// pixel ratio raised so the drawing buffer has the frame's pixels, the camera
// fitted to the extent the planner was looking at, and everything put back
// afterwards, whatever happens.
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LngLatBounds } from '../io/printLayout';
import type { LocalizedText } from '../i18n/text';

export interface MapCaptureRequest {
  /** Container size while rendering, CSS px. */
  cssWidth: number;
  cssHeight: number;
  pixelRatio: number;
}

export interface MapCapture {
  canvas: HTMLCanvasElement;
  /** [west, south, east, north] of the captured image's edges. */
  bounds: LngLatBounds;
  centerLatitude: number;
}

/** A refusal or failure with the reason in both languages. */
export class CaptureError extends Error {
  readonly text: LocalizedText;
  constructor(zh: string, en: string) {
    super(en);
    this.text = { zh, en };
  }
}

/** The largest drawing buffer side this browser's WebGL can render here. */
export function maxDrawingBufferSide(map: MapLibreMap): number {
  const gl = map.getCanvas().getContext('webgl2');
  if (!gl) return 4096;
  const viewport = gl.getParameter(gl.MAX_VIEWPORT_DIMS) as Int32Array;
  return Math.min(gl.getParameter(gl.MAX_TEXTURE_SIZE) as number, gl.getParameter(gl.MAX_RENDERBUFFER_SIZE) as number, viewport[0]!, viewport[1]!);
}

/** Chromium's and Firefox's limits for a 2D canvas (side and area). */
export const MAX_CANVAS_SIDE = 32767;
export const MAX_CANVAS_AREA = 268_435_456;

/** Throws a CaptureError when a `width` × `height` 2D canvas cannot be made here. */
export function assertCanvasSize(width: number, height: number) {
  if (width > MAX_CANVAS_SIDE || height > MAX_CANVAS_SIDE || width * height > MAX_CANVAS_AREA)
    throw new CaptureError(
      `图片过大（${width} × ${height} 像素），超出浏览器画布上限，请选择较小的尺寸。`,
      `The image is too large (${width} × ${height} px) for a browser canvas; choose a smaller size.`,
    );
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
const frames = async (count: number) => {
  for (let i = 0; i < count; i += 1) await nextFrame();
};

/**
 * Resolves once the map has drawn everything it has: on its next 'idle', or
 * on the second frame in a row drawn with the style and every tile loaded.
 * 'idle' alone can wait forever when something keeps asking for frames (a
 * layer that repaints while an analysis or a tile source is busy), and a
 * frame drawn with all tiles loaded is as complete as an idle one. Fails
 * after `timeoutMs`.
 */
function settled(map: MapLibreMap, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let completeFrames = 0;
    const finish = () => {
      clearTimeout(timer);
      map.off('idle', done);
      map.off('render', onRender);
    };
    const timer = setTimeout(() => {
      finish();
      reject(new CaptureError('地图渲染超时，请重试或选择较小的尺寸。', 'The map took too long to draw; try again or choose a smaller size.'));
    }, timeoutMs);
    function onRender() {
      completeFrames = map.loaded() && !map.isMoving() ? completeFrames + 1 : 0;
      if (completeFrames >= 2) done();
    }
    function done() {
      finish();
      resolve();
    }
    map.on('idle', done);
    map.on('render', onRender);
    map.triggerRepaint();
  });
}

/**
 * Sets the container's CSS size and lets both renderers follow. deck.gl (on
 * MapLibre's context) re-reads the drawing buffer size only when it sees the
 * canvas's CSS size change, so a size equal to the current one is first
 * stepped through one pixel wider: deck then always draws at the new ratio.
 */
async function resizeContainer(map: MapLibreMap, apply: () => void) {
  const container = map.getContainer();
  const before = [container.clientWidth, container.clientHeight];
  apply();
  const after = [container.clientWidth, container.clientHeight];
  if (before[0] === after[0] && before[1] === after[1]) {
    const inlineWidth = container.style.width;
    container.style.width = `${after[0]! + 1}px`;
    map.resize();
    await frames(2);
    container.style.width = inlineWidth;
  }
  map.resize();
  await frames(2);
}

/**
 * Renders the main map at `cssWidth × cssHeight` CSS px and `pixelRatio`,
 * showing at least the extent visible now, and returns a copy of the pixels.
 * The map is restored (size, pixel ratio, camera) in every case.
 */
export async function captureMap(map: MapLibreMap, request: MapCaptureRequest): Promise<MapCapture> {
  const { cssWidth, cssHeight, pixelRatio } = request;
  // As MapLibre sizes its canvas (Map._resizeCanvas rounds).
  const pixelWidth = Math.round(cssWidth * pixelRatio);
  const pixelHeight = Math.round(cssHeight * pixelRatio);
  const limit = maxDrawingBufferSide(map);
  if (pixelWidth > limit || pixelHeight > limit)
    throw new CaptureError(
      `本机 WebGL 最多绘制 ${limit} × ${limit} 像素，地图需要 ${pixelWidth} × ${pixelHeight} 像素：请选择较小的尺寸或较低的 dpi。`,
      `This browser's WebGL draws at most ${limit} × ${limit} px and the map needs ${pixelWidth} × ${pixelHeight} px: choose a smaller size or a lower dpi.`,
    );
  assertCanvasSize(pixelWidth, pixelHeight);

  const container = map.getContainer();
  // Through the CSSOM (cssText), which the app's CSP allows, never setAttribute('style').
  const savedStyle = container.style.cssText;
  const savedRatio = map._overridePixelRatio ?? null;
  const savedMaxCanvas = map._maxCanvasSize;
  const savedFade = map._fadeDuration;
  // Software WebGL (and a busy machine) can take many seconds per frame at
  // print size: allow about a minute per ten million pixels, never less than two.
  const timeoutMs = Math.max(120_000, (pixelWidth * pixelHeight) / 10_000_000 * 60_000);
  const savedCamera = { center: map.getCenter(), zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() };
  const visible = map.getBounds();

  try {
    map._maxCanvasSize = [limit, limit];
    // Labels appear at once instead of fading in over several (slow) frames.
    map._fadeDuration = 0;
    await resizeContainer(map, () => {
      // Fixed at the top left, beneath the export dialog's opaque backdrop:
      // laid out at full size (not clipped by the map area) but never seen.
      Object.assign(container.style, {
        position: 'fixed',
        left: '0px',
        top: '0px',
        width: `${cssWidth}px`,
        height: `${cssHeight}px`,
        zIndex: '0',
      });
      map.setPixelRatio(pixelRatio);
      // Before the first frame at the new size: every frame at print size is costly.
      map.fitBounds(visible, { padding: 0, animate: false });
    });
    await settled(map, timeoutMs);
    // deck.gl draws inside MapLibre's render and learns the new canvas size a
    // frame late: draw once more once everything has settled.
    await frames(2);
    await settled(map, timeoutMs);
    await frames(1);

    const source = map.getCanvas();
    // MapLibre may round the last fractional pixel either way; anything more means it clamped.
    if (Math.abs(source.width - pixelWidth) > 1 || Math.abs(source.height - pixelHeight) > 1)
      throw new CaptureError(
        `浏览器只分配了 ${source.width} × ${source.height} 像素的地图画布（需要 ${pixelWidth} × ${pixelHeight}）：请选择较小的尺寸。`,
        `The browser gave the map a ${source.width} × ${source.height} px canvas (${pixelWidth} × ${pixelHeight} needed): choose a smaller size.`,
      );
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const context = copy.getContext('2d');
    if (!context) throw new CaptureError('无法创建图片画布（内存不足？）。', 'Could not create an image canvas (out of memory?).');
    context.drawImage(source, 0, 0);
    const bounds = map.getBounds();
    return {
      canvas: copy,
      bounds: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()],
      centerLatitude: map.getCenter().lat,
    };
  } finally {
    await resizeContainer(map, () => {
      container.style.cssText = savedStyle;
      map._maxCanvasSize = savedMaxCanvas;
      map._fadeDuration = savedFade;
      map.setPixelRatio(savedRatio as number);
    });
    map.jumpTo(savedCamera);
    map.triggerRepaint();
  }
}
