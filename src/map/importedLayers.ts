// Layers the planner imported: drawn in one neutral style (their data has no
// plan classes), beneath the plan symbols.
import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer } from '@deck.gl/layers';
import type { ScenarioLayer } from '../domain/scenario';
import { PLAN_LABEL_LAYER_ID } from './planLayers';

const IMPORTED_COLOR: [number, number, number] = [102, 51, 153];

export function buildImportedLayers(imported: readonly ScenarioLayer[]): Layer[] {
  return imported.map(
    (layer) =>
      new GeoJsonLayer({
        beforeId: PLAN_LABEL_LAYER_ID,
        id: `imported-${layer.id}`,
        data: { type: 'FeatureCollection', features: layer.features.filter((feature) => feature.geometry !== null) },
        pickable: true,
        pointType: 'circle',
        filled: true,
        stroked: true,
        getFillColor: [...IMPORTED_COLOR, 90],
        getLineColor: [...IMPORTED_COLOR, 230],
        lineWidthUnits: 'pixels',
        getLineWidth: 2,
        pointRadiusUnits: 'pixels',
        getPointRadius: 5,
      } as ConstructorParameters<typeof GeoJsonLayer>[0] & { beforeId: string }),
  );
}
