// A raster tile service reached by a URL template: XYZ `{z}/{x}/{y}`, TMS `{-y}`,
// subdomains `{s}` or `t{0-7}` (src/domain/tileTemplates.ts). The planner gives
// the template, its subdomains and the credit the service asks for.
import { readTileTemplate } from '../../../domain/tileTemplates';
import type { BasemapAccess } from '../../../domain/basemap';
import type { BasemapKind } from '../kind';
import { NO_PARTS, rasterParts, tileSizeOf } from './rasterTiles';

const subdomainsOf = (access: BasemapAccess) => (typeof access.subdomains === 'string' ? access.subdomains : '');
const templateOf = (access: BasemapAccess) => readTileTemplate(typeof access.template === 'string' ? access.template : '', subdomainsOf(access));

export const xyzKind: BasemapKind = {
  kind: 'xyz',
  accessProblem: (access) => {
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
