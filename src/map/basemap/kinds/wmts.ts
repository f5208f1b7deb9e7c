// A WMTS layer, read from the service's GetCapabilities (src/io/basemap/wmtsCapabilities.ts)
// when the planner adds it: the record keeps the resolved `{z}/{x}/{y}` template
// (RESTful or KVP) with the capabilities address, layer and matrix set it came from.
import { readTileTemplate } from '../../../domain/tileTemplates';
import type { BasemapAccess } from '../../../domain/basemap';
import type { BasemapKind } from '../kind';
import { NO_PARTS, rasterParts, tileSizeOf } from './rasterTiles';

const templateOf = (access: BasemapAccess) => readTileTemplate(typeof access.template === 'string' ? access.template : '');

export const wmtsKind: BasemapKind = {
  kind: 'wmts',
  accessProblem: (access) => {
    if (typeof access.layer !== 'string' || access.layer === '') return { zh: '缺少 WMTS 图层名', en: 'missing WMTS layer identifier' };
    if (typeof access.matrixSet !== 'string' || access.matrixSet === '') return { zh: '缺少 WMTS 瓦片矩阵集', en: 'missing WMTS tile matrix set' };
    const read = templateOf(access);
    return read.ok ? null : read.reason;
  },
  requestUrls: (source) => {
    const read = templateOf(source.access);
    return read.ok ? read.value.tiles : [];
  },
  styleParts: (source) => {
    const read = templateOf(source.access);
    return read.ok ? rasterParts(source, read.value, { tileSize: tileSizeOf(source.access.tileSize), slot: source.access.overlay === true ? 'labels' : 'base' }) : NO_PARTS;
  },
};
