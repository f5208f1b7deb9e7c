// An offline tile package kept in this browser (src/map/basemap/packages.ts
// serves its tiles through the zmdpkg:// protocol). Raster packages draw as
// imagery. Vector packages get a ready style: a small one for the Protomaps and
// OpenMapTiles schemas (land, water, roads, boundaries, place names), or every
// layer drawn plainly for other schemas. Names are drawn with the local CJK
// font like the rest of the map (the style has no glyph server).
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { BasemapAccess, BasemapSource } from '../../../domain/basemap';
import type { Language } from '../../../i18n/dictionary';
import type { BasemapKind, BasemapStyleParts } from '../kind';
import { NO_PARTS, rasterParts } from './rasterTiles';

export const PACKAGE_PROTOCOL = 'zmdpkg';
const TILE_TYPES = ['png', 'jpg', 'webp', 'mvt'] as const;

export interface PackageFacts {
  name: string;
  attribution: string;
  tileType: (typeof TILE_TYPES)[number];
  minZoom: number;
  maxZoom: number;
  bounds: [number, number, number, number];
  vectorLayers: string[];
  fileName: string;
}

export type VectorSchema = 'protomaps' | 'openmaptiles' | 'other';

/** Which schema a vector package follows, from its layer names. */
export function vectorSchemaOf(layers: readonly string[]): VectorSchema {
  const has = (...names: string[]) => names.every((name) => layers.includes(name));
  if (has('earth', 'roads') || has('earth', 'water')) return 'protomaps';
  if (has('transportation') || has('water', 'place')) return 'openmaptiles';
  return 'other';
}

const clampZoom = (zoom: number) => Math.min(24, Math.max(0, Math.round(zoom)));

export function packageRecord(packageId: string, facts: PackageFacts): BasemapSource {
  const credit = facts.attribution || facts.name;
  return {
    id: packageId,
    kind: 'tile-package',
    title: { zh: facts.name, en: facts.name },
    attribution: [{ zh: `离线瓦片包“${facts.fileName}”：${credit}`, en: `Offline tile package “${facts.fileName}”: ${credit}` }],
    mapAttribution: { zh: credit, en: credit },
    minZoom: clampZoom(facts.minZoom),
    maxZoom: Math.max(clampZoom(facts.minZoom), clampZoom(facts.maxZoom)),
    crs: 'wgs84',
    access: {
      packageId,
      tileType: facts.tileType,
      bounds: facts.bounds.map((value) => Math.round(value * 1e6) / 1e6).join(','),
      vectorLayers: facts.vectorLayers.join(','),
      fileName: facts.fileName,
    },
  };
}

function boundsOf(access: BasemapAccess): [number, number, number, number] | undefined {
  const values = String(access.bounds ?? '').split(',').map(Number);
  if (values.length !== 4 || !values.every(Number.isFinite)) return undefined;
  const [west, south, east, north] = values as [number, number, number, number];
  return west < east && south < north ? [Math.max(-180, west), Math.max(-85.0511, south), Math.min(180, east), Math.min(85.0511, north)] : undefined;
}

const tilesOf = (access: BasemapAccess) => `${PACKAGE_PROTOCOL}://${String(access.packageId)}/{z}/{x}/{y}`;

const COLORS = { earth: '#f2efe9', water: '#a9c9e8', green: '#d3e5c4', urban: '#e8e2d9', road: '#ffffff', roadCasing: '#c9c2b6', major: '#f7d68a', boundary: '#9a8fb0', label: '#4a443b' };

function nameOf(language: Language): ExpressionSpecification {
  return language === 'en' ? ['coalesce', ['get', 'name:en'], ['get', 'name_en'], ['get', 'name']] : ['coalesce', ['get', 'name:zh'], ['get', 'name_zh'], ['get', 'name']];
}

function vectorLayers(schema: VectorSchema, layers: readonly string[], language: Language, opacity: number): { base: LayerSpecification[]; labels: LayerSpecification[] } {
  const source = 'tiles';
  const fill = (id: string, sourceLayer: string, color: string, filter?: ExpressionSpecification): LayerSpecification => ({
    id,
    type: 'fill',
    source,
    'source-layer': sourceLayer,
    ...(filter && { filter }),
    paint: { 'fill-color': color, 'fill-opacity': opacity },
  });
  const line = (id: string, sourceLayer: string, color: string, width: number, filter?: ExpressionSpecification): LayerSpecification => ({
    id,
    type: 'line',
    source,
    'source-layer': sourceLayer,
    ...(filter && { filter }),
    paint: { 'line-color': color, 'line-width': width, 'line-opacity': opacity },
  });
  const names = (id: string, sourceLayer: string): LayerSpecification => ({
    id,
    type: 'symbol',
    source,
    'source-layer': sourceLayer,
    layout: { 'text-field': nameOf(language), 'text-size': 12 },
    paint: { 'text-color': COLORS.label, 'text-halo-color': '#ffffff', 'text-halo-width': 1 },
  });
  if (schema === 'protomaps')
    return {
      base: [
        fill('earth', 'earth', COLORS.earth),
        fill('landuse', 'landuse', COLORS.green, ['in', ['get', 'kind'], ['literal', ['park', 'forest', 'wood', 'grass', 'farmland', 'meadow']]]),
        fill('water', 'water', COLORS.water),
        line('roads', 'roads', COLORS.road, 1.2),
        line('roads-major', 'roads', COLORS.major, 2, ['in', ['get', 'kind'], ['literal', ['highway', 'major_road']]]),
        line('boundaries', 'boundaries', COLORS.boundary, 1),
      ],
      labels: [names('places', 'places')],
    };
  if (schema === 'openmaptiles')
    return {
      base: [
        { id: 'background', type: 'background', paint: { 'background-color': COLORS.earth, 'background-opacity': opacity } },
        fill('landcover', 'landcover', COLORS.green),
        fill('landuse', 'landuse', COLORS.urban),
        fill('water', 'water', COLORS.water),
        line('transportation', 'transportation', COLORS.road, 1.2),
        line('transportation-major', 'transportation', COLORS.major, 2, ['in', ['get', 'class'], ['literal', ['motorway', 'trunk', 'primary']]]),
        line('boundary', 'boundary', COLORS.boundary, 1),
      ],
      labels: [names('place', 'place')],
    };
  // Any other schema: every layer drawn plainly by geometry, names where there are any.
  return {
    base: layers.flatMap((layer) => [
      fill(`${layer}-fill`, layer, COLORS.urban, ['==', ['geometry-type'], 'Polygon']),
      line(`${layer}-line`, layer, COLORS.roadCasing, 1, ['==', ['geometry-type'], 'LineString']),
      {
        id: `${layer}-point`,
        type: 'circle',
        source,
        'source-layer': layer,
        filter: ['==', ['geometry-type'], 'Point'],
        paint: { 'circle-radius': 3, 'circle-color': COLORS.boundary, 'circle-opacity': opacity },
      } satisfies LayerSpecification,
    ]),
    labels: layers.map((layer) => ({ ...names(`${layer}-names`, layer), filter: ['has', 'name'] }) as LayerSpecification),
  };
}

export const tilePackageKind: BasemapKind = {
  kind: 'tile-package',
  accessProblem: (access) => {
    if (typeof access.packageId !== 'string' || !/^[\w-]{1,80}$/.test(access.packageId)) return { zh: '缺少离线瓦片包编号', en: 'missing the offline package id' };
    if (!TILE_TYPES.includes(access.tileType as PackageFacts['tileType'])) return { zh: `不支持的瓦片格式“${String(access.tileType)}”`, en: `unsupported tile format “${String(access.tileType)}”` };
    return null;
  },
  styleParts: (source, { language }): BasemapStyleParts => {
    const { access } = source;
    if (typeof access.packageId !== 'string') return NO_PARTS;
    const bounds = boundsOf(access);
    if (access.tileType !== 'mvt') return rasterParts(source, { tiles: [tilesOf(access)], scheme: 'xyz' }, { tileSize: 256, ...(bounds && { bounds }) });
    const layers = String(access.vectorLayers ?? '').split(',').filter(Boolean);
    const parts = vectorLayers(vectorSchemaOf(layers), layers, language, source.opacity ?? 1);
    return {
      sources: { tiles: { type: 'vector', tiles: [tilesOf(access)], minzoom: source.minZoom, maxzoom: source.maxZoom, ...(bounds && { bounds }) } },
      ...parts,
    };
  },
};
