// Reading the shipped data: plan layers and base geography. Pure parsing with
// clear errors, so a broken data file is reported, not drawn half-way.
import type { FeatureCollection } from 'geojson';
import type { ContextCollection, CountyCollection } from '../domain/dataset';
import { ACCURACIES, type LayerId, type PlanLayerCollection } from '../domain/plan';

export class DataError extends Error {}

function parseCollection(text: string, fileName: string): FeatureCollection {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DataError(`${fileName}: not valid JSON (${(error as Error).message})`);
  }
  if (!value || typeof value !== 'object' || (value as { type?: unknown }).type !== 'FeatureCollection')
    throw new DataError(`${fileName}: not a GeoJSON FeatureCollection`);
  if (!Array.isArray((value as { features?: unknown }).features)) throw new DataError(`${fileName}: features missing`);
  return value as FeatureCollection;
}

const REQUIRED_TEXT_FIELDS = ['id', 'name', 'name_en', 'kind', 'source', 'quote', 'placement'] as const;

export function parsePlanLayer(text: string, layer: LayerId): PlanLayerCollection {
  const fileName = `${layer}.geojson`;
  const collection = parseCollection(text, fileName);
  collection.features.forEach((feature, index) => {
    const where = `${fileName} feature ${index}`;
    const properties = feature.properties as Record<string, unknown> | null;
    if (!properties) throw new DataError(`${where}: no properties`);
    for (const field of REQUIRED_TEXT_FIELDS)
      if (typeof properties[field] !== 'string' || properties[field] === '')
        throw new DataError(`${where}: property "${field}" missing`);
    if (properties.layer !== layer) throw new DataError(`${where}: layer is "${String(properties.layer)}", expected "${layer}"`);
    if (!ACCURACIES.includes(properties.accuracy as never))
      throw new DataError(`${where}: unknown accuracy "${String(properties.accuracy)}"`);
    if ((feature.geometry === null) !== (properties.accuracy === 'unlocated'))
      throw new DataError(`${where}: a feature has no geometry exactly when it is unlocated`);
  });
  return collection as PlanLayerCollection;
}

export function parseCounties(text: string): CountyCollection {
  return parseCollection(text, 'counties.geojson') as CountyCollection;
}

export function parseContext(text: string): ContextCollection {
  return parseCollection(text, 'context.geojson') as ContextCollection;
}
