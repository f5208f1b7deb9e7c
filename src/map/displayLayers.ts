// The one place where the app's deck.gl layers meet the datum the map is drawn
// in (src/domain/displayDatum.ts). Every layer the map is given passes through
// here (MapView), so a layer added anywhere — plan, imported, analysis,
// comparison — is shifted onto a GCJ-02 basemap without knowing about it: its
// GeoJSON data, its binary positions or its position accessors are shifted,
// and nothing else changes (ids, properties and picking stay the same). A layer
// of a shape this file does not know is not drawn on a shifted map, and says
// so in the console, rather than being drawn a few hundred metres off.
import type { Layer } from '@deck.gl/core';
import { deck } from './deckRuntime';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { displayFeatures, displayFlatPositions, wgs84ToGcj02, type DisplayDatum } from '../domain/displayDatum';

/** deck.gl accessors that return positions, paths or polygons (the layers the app uses). */
export const POSITION_ACCESSORS = ['getPosition', 'getPath', 'getPolygon', 'getSourcePosition', 'getTargetPosition'] as const;

type Nested = Position | Nested[];
const shiftNested = (value: Nested): Nested => (typeof value[0] === 'number' ? wgs84ToGcj02(value as Position) : (value as Nested[]).map(shiftNested));

/** An accessor's value shifted: a position, a path, a polygon's rings (flat typed arrays are not used by the app's accessors). */
function shiftValue(value: unknown): unknown {
  return Array.isArray(value) && value.length > 0 ? shiftNested(value as Nested) : value;
}

interface BinaryData {
  length: number;
  attributes: Record<string, { value: Float64Array | Float32Array; size: number }>;
}

const isBinary = (data: unknown): data is BinaryData =>
  typeof data === 'object' && data !== null && 'attributes' in data && typeof (data as BinaryData).attributes === 'object';

const binaryCache = new WeakMap<BinaryData, BinaryData>();

/** Binary data with its position attributes shifted, memoised (deck.gl re-reads data only when the object changes). */
function shiftedBinary(data: BinaryData): BinaryData | null {
  let shifted = binaryCache.get(data);
  if (shifted) return shifted;
  const attributes: BinaryData['attributes'] = {};
  for (const [name, attribute] of Object.entries(data.attributes)) {
    if ((POSITION_ACCESSORS as readonly string[]).includes(name)) attributes[name] = { ...attribute, value: displayFlatPositions(attribute.value, attribute.size, 'gcj02') };
    else return null;
  }
  shifted = { ...data, attributes };
  binaryCache.set(data, shifted);
  return shifted;
}

/** One layer as drawn in `datum`: the same layer for WGS84, a clone with shifted positions for GCJ-02, or null when its data cannot be shifted. */
export function displayLayer(layer: Layer, datum: DisplayDatum): Layer | null {
  if (datum === 'wgs84') return layer;
  const props = layer.props as Record<string, unknown> & { data: unknown; updateTriggers?: Record<string, unknown> };
  // deck.gl is loaded by the time there are layers to shift (deckRuntime.ts); a static import would put it back on the start-up path.
  if (layer instanceof deck().GeoJsonLayer) {
    const data = props.data;
    if (Array.isArray(data) || (typeof data === 'object' && data !== null && (data as FeatureCollection).type === 'FeatureCollection'))
      return layer.clone({ data: displayFeatures(data as FeatureCollection<Geometry | null> | Feature<Geometry | null>[], datum) } as never);
    return null;
  }
  if (isBinary(props.data)) {
    const data = shiftedBinary(props.data);
    return data ? layer.clone({ data } as never) : null;
  }
  const changed: Record<string, unknown> = {};
  const triggers: Record<string, unknown> = { ...props.updateTriggers };
  for (const name of POSITION_ACCESSORS) {
    const accessor = props[name];
    if (typeof accessor === 'function') {
      changed[name] = (object: unknown, info: unknown) => shiftValue((accessor as (object: unknown, info: unknown) => unknown)(object, info));
      // deck.gl recomputes an attribute only when its data or its update trigger changes, not when the accessor function does.
      triggers[name] = [triggers[name] ?? null, datum];
    } else if (Array.isArray(accessor)) changed[name] = shiftValue(accessor);
  }
  if (Object.keys(changed).length === 0) return null;
  return layer.clone({ ...changed, updateTriggers: triggers } as never);
}

/** Every layer as drawn in `datum`; layers that cannot be shifted are left out, and named in the console. */
export function displayLayers(layers: readonly Layer[], datum: DisplayDatum): Layer[] {
  if (datum === 'wgs84') return [...layers];
  return layers.flatMap((layer) => {
    const shown = displayLayer(layer, datum);
    if (!shown) console.warn(`layer ${layer.id} is not drawn on the GCJ-02 basemap: its positions cannot be shifted`);
    return shown ? [shown] : [];
  });
}
