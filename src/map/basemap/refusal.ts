// Whether a record can be drawn here and now, and if not, why — in one place,
// so the chooser shows the same reason the map acts on: an unknown kind, access
// values that cannot reach the source, a key not yet given, or a server this
// deployment does not allow (ZMD_TILE_ORIGINS). A GCJ-02 source is drawn: the
// map shifts its overlays for display (src/map/displayLayers.ts); which records
// may be shown together is decided in src/ui/basemaps.ts.
import { originProblem } from '../../domain/basemapOrigins';
import type { BasemapSource } from '../../domain/basemap';
import type { LocalizedText } from '../../i18n/text';
import type { BasemapKindContext } from './kind';
import { basemapKind } from './registry';

export function basemapRefusal(source: BasemapSource, context: BasemapKindContext, allowedOrigins: readonly string[]): LocalizedText | null {
  const kind = basemapKind(source.kind);
  if (!kind) return { zh: `本版本不支持底图类型“${source.kind}”`, en: `basemap kind “${source.kind}” is not supported by this version` };
  const access = kind.accessProblem(source.access);
  if (access) return access;
  const urls = kind.requestUrls?.(source, context) ?? [];
  const origin = urls.length > 0 ? originProblem(urls, allowedOrigins) : null;
  if (origin) return origin;
  return kind.drawProblem?.(source, context) ?? null;
}
