// Puts the active basemap records on a live map. The basemap owns only its own
// sources and layers (ids prefixed `basemap:<record id>:`), placed in two slots
// the app's style marks with hidden layers: beneath the app's layers, and above
// the plan labels. A switch adds, removes or moves only those, never calling
// map.setStyle, which would drop terra-draw's sources and deck.gl's layer
// group; sources whose spec is unchanged are kept, so nothing reloads needlessly.
import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { BasemapSource } from '../../domain/basemap';
import type { BasemapKindContext, BasemapStyleParts } from './kind';
import { basemapKind } from './registry';

export const BASEMAP_ID_PREFIX = 'basemap:';

type Slot = 'base' | 'labels';
const SLOTS: readonly Slot[] = ['base', 'labels'];

/** The hidden layer each slot's basemap layers are inserted beneath. */
export const BASEMAP_SLOT_MARKER_IDS: Record<Slot, string> = {
  base: 'basemap-slot-base',
  labels: 'basemap-slot-labels',
};

/** A marker for the app's style: draws nothing, only holds the slot's place in the layer order. */
export function basemapSlotMarker(slot: Slot): LayerSpecification {
  return { id: BASEMAP_SLOT_MARKER_IDS[slot], type: 'background', layout: { visibility: 'none' } };
}

const prefixOf = (source: BasemapSource) => `${BASEMAP_ID_PREFIX}${source.id}:`;

/** One record's parts with its ids prefixed, the layers pointing at the prefixed sources. */
function prefixed(source: BasemapSource, parts: BasemapStyleParts): BasemapStyleParts {
  const prefix = prefixOf(source);
  const layer = (spec: LayerSpecification): LayerSpecification =>
    'source' in spec && typeof spec.source === 'string' ? { ...spec, id: prefix + spec.id, source: prefix + spec.source } : { ...spec, id: prefix + spec.id };
  return {
    sources: Object.fromEntries(Object.entries(parts.sources).map(([id, spec]) => [prefix + id, spec])),
    base: parts.base.map(layer),
    labels: parts.labels.map(layer),
  };
}

/** The sources and layers of the active records, bottom to top; records of unknown kinds draw nothing. */
export function basemapStyleParts(active: readonly BasemapSource[], context: BasemapKindContext): BasemapStyleParts {
  const all: BasemapStyleParts = { sources: {}, base: [], labels: [] };
  for (const source of active) {
    const kind = basemapKind(source.kind);
    if (!kind) continue;
    const parts = prefixed(source, kind.styleParts(source, context));
    Object.assign(all.sources, parts.sources);
    all.base.push(...parts.base);
    all.labels.push(...parts.labels);
  }
  return all;
}

/** The few map calls the live basemap makes (a MapLibre map; a stand-in in unit tests). */
export interface BasemapTarget {
  addSource(id: string, source: SourceSpecification): unknown;
  removeSource(id: string): unknown;
  addLayer(layer: LayerSpecification, beforeId?: string): unknown;
  removeLayer(id: string): unknown;
  moveLayer(id: string, beforeId?: string): unknown;
  getLayer(id: string): unknown;
  getLayersOrder(): string[];
}

/** Same source: same keys holding the same values (data objects compared by identity, never walked). */
function sameSource(a: SourceSpecification | undefined, b: SourceSpecification | undefined): boolean {
  if (!a || !b) return a === b;
  const keysA = Object.keys(a) as (keyof SourceSpecification)[];
  return keysA.length === Object.keys(b).length && keysA.every((key) => a[key] === b[key]);
}

const sameLayer = (a: LayerSpecification, b: LayerSpecification) => JSON.stringify(a) === JSON.stringify(b);

const layersOf = (parts: BasemapStyleParts) => [...parts.base, ...parts.labels];

/** The basemap on one map: remembers what it put there, to change only what differs. */
export class LiveBasemap {
  constructor(private applied: BasemapStyleParts) {}

  /** The style a map is created with: the app's style with the basemap in its slots (one load, no flash of empty map). */
  styleWith(appStyle: StyleSpecification): StyleSpecification {
    const parts = this.applied;
    const layers = appStyle.layers.flatMap((layer) => {
      const slot = SLOTS.find((candidate) => BASEMAP_SLOT_MARKER_IDS[candidate] === layer.id);
      return slot ? [...parts[slot], layer] : [layer];
    });
    return { ...appStyle, sources: { ...parts.sources, ...appStyle.sources }, layers };
  }

  /** Changes the map from what was applied to `next`, leaving every layer and source not the basemap's alone. */
  update(map: BasemapTarget, next: BasemapStyleParts) {
    const previous = this.applied;
    const sourceChanged = (id: string) => !sameSource(previous.sources[id], next.sources[id]);
    const wanted = new Map(layersOf(next).map((layer) => [layer.id, layer]));
    // A layer goes when it is no longer wanted, has changed, or its source is being replaced.
    for (const layer of layersOf(previous)) {
      const keep = wanted.get(layer.id);
      const replacedSource = 'source' in layer && typeof layer.source === 'string' && sourceChanged(layer.source);
      if (!keep || !sameLayer(keep, layer) || replacedSource) map.removeLayer(layer.id);
    }
    for (const id of Object.keys(previous.sources)) if (sourceChanged(id)) map.removeSource(id);
    for (const [id, spec] of Object.entries(next.sources)) if (sourceChanged(id)) map.addSource(id, spec);
    // Top-down in each slot, each layer put right beneath the one above it.
    for (const slot of SLOTS) {
      let above = BASEMAP_SLOT_MARKER_IDS[slot];
      for (const layer of [...next[slot]].reverse()) {
        if (!map.getLayer(layer.id)) map.addLayer(layer, above);
        else {
          const order = map.getLayersOrder();
          if (order[order.indexOf(layer.id) + 1] !== above) map.moveLayer(layer.id, above);
        }
        above = layer.id;
      }
    }
    this.applied = next;
  }
}
