// GPX (GPS receivers, 两步路, 六只脚, GDAL) → source features with
// @tmcw/togeojson: waypoints as points, routes and tracks as lines (a track of
// several segments as a multi-line), with name, description and type.
// Elevations and per-point times are dropped (the plan is flat; a time per
// vertex is not a field a planner can use) and said.
import { gpx } from '@tmcw/togeojson';
import type { Feature, Geometry } from 'geojson';
import type { LocalizedText } from '../../i18n/text';
import { hasZ, sourceFeature } from './kml';
import { MAX_IMPORT_POINTS, tooManyFeaturesFailure } from './limits';
import { failure, type ConvertResult, type FileFormat, type Rejection, type SourceFeature } from './types';
import { parseXml } from './xml';

const GPX_NAME: LocalizedText = { zh: 'GPX 文件', en: 'GPX file' };
const KINDS: Record<string, string> = { wpt: 'waypoint', rte: 'route', trk: 'track' };

export const gpxFormat: FileFormat = {
  id: 'gpx',
  title: { zh: 'GPX 轨迹', en: 'GPX tracks' },
  extensions: ['gpx'],
  mimeTypes: ['application/gpx+xml'],
  reads: 'text',
  sniff: (head) => /^\s*(<\?xml[^>]*>\s*)?<gpx[\s>]/.test(head),
  read([file], { decode, progress }): ConvertResult {
    const text = file ? decode(file) : '';
    if (text.trim() === '') return failure('empty', '文件为空。', 'the file is empty.');
    progress?.(0, 'parse');
    const parsed = parseXml(text, GPX_NAME);
    if (!parsed.ok) return failure(parsed.code, parsed.message.zh, parsed.message.en);
    const root = parsed.document.documentElement?.localName;
    if (root !== 'gpx') return failure('corrupt-file', `不是 GPX：根元素是 <${root}>，应为 <gpx>。`, `not GPX: the root element is <${root}>, not <gpx>.`);
    const collection = gpx(parsed.document as never);
    if (collection.features.length === 0)
      return failure(
        'empty-collection',
        'GPX 中没有航点、路线或轨迹（<wpt>、<rte>、<trk> 都没有坐标点）。请确认导出时选择了要导出的轨迹。',
        'the GPX has no waypoints, routes or tracks (no <wpt>, <rte> or <trk> with points). Check that the tracks were selected when exporting.',
      );
    if (collection.features.length > MAX_IMPORT_POINTS) return tooManyFeaturesFailure(collection.features.length, 'features');
    const features: SourceFeature[] = [];
    const rejected: Rejection[] = [];
    const renamed = new Set<string>();
    let withElevation = 0;
    collection.features.forEach((feature: Feature<Geometry | null>, index) => {
      const { coordinateProperties: _times, _gpxType, ...rest } = (feature.properties ?? {}) as Record<string, unknown>;
      void _times;
      // togeojson marks routes and tracks; anything else it yields is a waypoint.
      const kind = typeof _gpxType === 'string' ? _gpxType : 'wpt';
      const properties = { ...rest, gpx_type: KINDS[kind] ?? kind };
      if (hasZ(feature.geometry)) withElevation++;
      const made = sourceFeature(feature, index + 1, properties, renamed);
      if ('feature' in made) features.push(made.feature);
      else rejected.push(made.rejection);
    });
    const notes: LocalizedText[] =
      withElevation > 0
        ? [{ zh: `${withElevation} 个要素带有高程（<ele>），已舍弃，只保留平面位置。`, en: `${withElevation} feature(s) had elevations (<ele>); they were dropped, only the plane positions are kept.` }]
        : [];
    return { ok: true, features, rejected, renamedKeys: [...renamed], notes };
  },
};
