// Whether a record can be drawn here and now, and if not, why — in one place,
// so the chooser shows the same reason the map acts on: an unknown kind, access
// values that cannot reach the source, a GCJ-02 source (the overlays are WGS84
// and are not shifted), a key not yet given, or a server this deployment does
// not allow (ZMD_TILE_ORIGINS).
import { originProblem } from '../../domain/basemapOrigins';
import type { BasemapSource } from '../../domain/basemap';
import type { LocalizedText } from '../../i18n/text';
import type { BasemapKindContext } from './kind';
import { basemapKind } from './registry';

export const GCJ02_REFUSAL: LocalizedText = {
  zh: '此底图为 GCJ-02（火星坐标）。本图的规划图层为 WGS84/CGCS2000，本版本不对其做 GCJ-02 偏移，两者会错开数百米，因此不绘制此底图。请改用 WGS84/CGCS2000 底图（如天地图）。',
  en: 'This basemap is in GCJ-02. The plan layers are WGS84/CGCS2000 and this version does not shift them to GCJ-02; they would be off by a few hundred metres, so the basemap is not drawn. Use a WGS84/CGCS2000 basemap (such as Tianditu).',
};

export function basemapRefusal(source: BasemapSource, context: BasemapKindContext, allowedOrigins: readonly string[]): LocalizedText | null {
  const kind = basemapKind(source.kind);
  if (!kind) return { zh: `本版本不支持底图类型“${source.kind}”`, en: `basemap kind “${source.kind}” is not supported by this version` };
  const access = kind.accessProblem(source.access);
  if (access) return access;
  if (source.crs === 'gcj02') return GCJ02_REFUSAL;
  const urls = kind.requestUrls?.(source, context) ?? [];
  const origin = urls.length > 0 ? originProblem(urls, allowedOrigins) : null;
  if (origin) return origin;
  return kind.drawProblem?.(source, context) ?? null;
}
