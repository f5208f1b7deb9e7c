// A WMTS layer, read from the service's GetCapabilities (src/io/basemap/wmtsCapabilities.ts)
// when the planner adds it: the record keeps the resolved `{z}/{x}/{y}` template
// (RESTful or KVP) with the capabilities address, layer and matrix set it came from.
import { readTileTemplate } from '../../../domain/tileTemplates';
import type { BasemapAccess } from '../../../domain/basemap';
import { templateKind } from './rasterTiles';

const templateOf = (access: BasemapAccess) => readTileTemplate(typeof access.template === 'string' ? access.template : '');

export const wmtsKind = templateKind('wmts', templateOf, (access) => {
  if (typeof access.layer !== 'string' || access.layer === '') return { zh: '缺少 WMTS 图层名', en: 'missing WMTS layer identifier' };
  if (typeof access.matrixSet !== 'string' || access.matrixSet === '') return { zh: '缺少 WMTS 瓦片矩阵集', en: 'missing WMTS tile matrix set' };
  return null;
});
