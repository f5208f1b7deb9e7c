// A raster tile service reached by a URL template: XYZ `{z}/{x}/{y}`, TMS `{-y}`,
// subdomains `{s}` or `t{0-7}` (src/domain/tileTemplates.ts). The planner gives
// the template, its subdomains and the credit the service asks for.
import { readTileTemplate } from '../../../domain/tileTemplates';
import type { BasemapAccess } from '../../../domain/basemap';
import { templateKind } from './rasterTiles';

const subdomainsOf = (access: BasemapAccess) => (typeof access.subdomains === 'string' ? access.subdomains : '');
const templateOf = (access: BasemapAccess) => readTileTemplate(typeof access.template === 'string' ? access.template : '', subdomainsOf(access));

export const xyzKind = templateKind('xyz', templateOf);
